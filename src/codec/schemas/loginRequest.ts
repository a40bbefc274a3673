/**
 * Login request (cmd 28 payload) — 912 bytes. Build it with `buildLoginRequest`
 * (messages/login.ts), which applies the password-token rule.
 *
 * | off | size | type        | field             |
 * |----:|-----:|-------------|-------------------|
 * |   0 |    4 | u32         | version           |  0
 * |   4 |   64 | utf16[64]   | password          |  empty when a token is used
 * |  68 |  128 | utf16[128]  | otp               |
 * | 196 |   16 | bytes[16]   | cid               |
 * | 212 |   64 | utf16[64]   | utmCampaign       |
 * | 276 |   64 | utf16[64]   | utmSource         |
 * | 340 |    8 | u64         | leadCookieId      |
 * | 348 |  128 | utf16[128]  | leadAffiliateSite |
 * | 476 |    4 | u32         | urlLength         |  min(url.length, 128)
 * | 480 |  256 | utf16[256]  | url               |
 * | 736 |    8 | u64         | login             |
 * | 744 |  160 | bytes[160]  | passwordBlob      |  zeros, or the decoded token
 * | 904 |    8 | u64         | session           |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { bytes, u64 } from '../fields.js'
import { sessionRequestHead } from './initRequest.js'

export const loginRequestSchema = defineRecord('LoginRequest', {
  ...sessionRequestHead,
  /** 160 zero bytes, or the decoded 320-hex password token. */
  passwordBlob: bytes(160),
  /** 0, or the session id of the previous login of this account. */
  session: u64,
})

/** A login request exactly as on the wire. */
export interface LoginRequestRecord extends Infer<typeof loginRequestSchema> {}
