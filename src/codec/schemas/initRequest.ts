/**
 * Init request (cmd 29 payload) — 744 bytes: the login layout without password blob and session.
 * The official client leaves everything empty except `cid`.
 *
 * | off | size | type        | field             |
 * |----:|-----:|-------------|-------------------|
 * |   0 |    4 | u32         | version           |
 * |   4 |   64 | utf16[64]   | password          |
 * |  68 |  128 | utf16[128]  | otp               |
 * | 196 |   16 | bytes[16]   | cid               |
 * | 212 |   64 | utf16[64]   | utmCampaign       |
 * | 276 |   64 | utf16[64]   | utmSource         |
 * | 340 |    8 | u64         | leadCookieId      |
 * | 348 |  128 | utf16[128]  | leadAffiliateSite |
 * | 476 |    4 | u32         | urlLength         |
 * | 480 |  256 | utf16[256]  | url               |
 * | 736 |    8 | u64         | login             |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { bytes, u32, u64, utf16 } from '../fields.js'

export const initRequestSchema = defineRecord('InitRequest', {
  version: u32,
  password: utf16(64),
  otp: utf16(128),
  /** Client id. */
  cid: bytes(16),
  utmCampaign: utf16(64),
  utmSource: utf16(64),
  leadCookieId: u64,
  leadAffiliateSite: utf16(128),
  urlLength: u32,
  url: utf16(256),
  login: u64,
})

/** An init request exactly as on the wire. */
export interface InitRequestRecord extends Infer<typeof initRequestSchema> {}
