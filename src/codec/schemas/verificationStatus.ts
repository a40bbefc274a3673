/**
 * VerificationStatus (cmd 27 / cmd 40 reply) — 2 bytes.
 *
 * | off | size | type | field |
 * |----:|-----:|------|-------|
 * |   0 |    1 | u8   | email |
 * |   1 |    1 | u8   | phone |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u8 } from '../fields.js'

export const verificationStatusSchema = defineRecord('VerificationStatus', {
  /** Non-zero: e-mail verification needed / accepted. */
  email: u8,
  /** Non-zero: phone verification needed / accepted. */
  phone: u8,
})

/** The verification status exactly as on the wire. */
export interface VerificationStatusRecord extends Infer<typeof verificationStatusSchema> {}
