/**
 * OTP setup request (cmd 43 payload) — 476 bytes, followed by the 160 decoded token bytes when
 * the password is a 320-hex token (total 636 B; see messages/otp.ts).
 *
 * | off | size | type        | field          |
 * |----:|-----:|-------------|----------------|
 * |   0 |    4 | u32         | mode           |  always 5
 * |   4 |    8 | u64         | login          |
 * |  12 |   64 | utf16[64]   | password       |
 * |  76 |  128 | utf16[128]  | otp            |
 * | 204 |  128 | utf16[128]  | otpSecret      |
 * | 332 |  128 | utf16[128]  | otpSecretCheck |
 * | 460 |   16 | bytes[16]   | cid            |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { bytes, u32, u64, utf16 } from '../fields.js'

export const otpRequestSchema = defineRecord('OtpRequest', {
  /** Always 5. */
  mode: u32,
  login: u64,
  /** ≤ 32 chars; empty when a token follows the record. */
  password: utf16(64),
  /** Current code (disable) or empty (enable). */
  otp: utf16(128),
  /** Base32 secret (enable) or empty. */
  otpSecret: utf16(128),
  /** Code generated from the secret (enable). */
  otpSecretCheck: utf16(128),
  cid: bytes(16),
})

/** The fixed part of an OTP setup request. */
export interface OtpRequestRecord extends Infer<typeof otpRequestSchema> {}
