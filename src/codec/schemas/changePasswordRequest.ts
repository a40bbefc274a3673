/**
 * Change-password request (cmd 24 payload) — 129 bytes.
 *
 * | off | size | type       | field       |
 * |----:|-----:|------------|-------------|
 * |   0 |    1 | u8         | isInvestor  |
 * |   1 |   64 | utf16[64]  | newPassword |
 * |  65 |   64 | utf16[64]  | oldPassword |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u8, utf16 } from '../fields.js'

export const changePasswordRequestSchema = defineRecord('ChangePasswordRequest', {
  /** 1 = change the investor password. */
  isInvestor: u8,
  /** ≤ 32 chars. */
  newPassword: utf16(64),
  /** ≤ 32 chars. */
  oldPassword: utf16(64),
})

/** A change-password request exactly as on the wire. */
export interface ChangePasswordRequestRecord extends Infer<typeof changePasswordRequestSchema> {}
