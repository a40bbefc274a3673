/**
 * OpenAccountResponse (cmd 30 / cmd 39 reply) — 76 bytes.
 *
 * | off | size | type       | field            |
 * |----:|-----:|------------|------------------|
 * |   0 |    4 | u32        | code             |
 * |   4 |    8 | i64        | login            |
 * |  12 |   32 | utf16[32]  | password         |
 * |  44 |   32 | utf16[32]  | investorPassword |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { i64, u32, utf16 } from '../fields.js'

export const openAccountResponseSchema = defineRecord('OpenAccountResponse', {
  /** 0 = success. */
  code: u32,
  /** The new account's login. */
  login: i64,
  /** Master password. */
  password: utf16(32),
  investorPassword: utf16(32),
})

/** The open-account reply exactly as on the wire. */
export interface OpenAccountResponseRecord extends Infer<typeof openAccountResponseSchema> {}
