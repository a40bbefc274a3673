/**
 * LoginResponse (cmd 28 reply body) — 168 bytes.
 *
 * | off | size | type       | field         |
 * |----:|-----:|------------|---------------|
 * |   0 |  160 | bytes[160] | passwordToken |
 * | 160 |    8 | u64        | session       |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { bytes, u64 } from '../fields.js'

export const loginResponseSchema = defineRecord('LoginResponse', {
  /** Opaque token; its 320-char hex form can replace the password on the next login. */
  passwordToken: bytes(160),
  /** Session id; send it back in the next login's `session` field (0 = forget it). */
  session: u64,
})

/** The login reply exactly as on the wire. */
export interface LoginResponseRecord extends Infer<typeof loginResponseSchema> {}
