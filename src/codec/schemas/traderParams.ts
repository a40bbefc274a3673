/**
 * TraderParams (cmd 41 reply) — 64 bytes. Meaning of both strings unconfirmed.
 *
 * | off | size | type       | field  |
 * |----:|-----:|------------|--------|
 * |   0 |   32 | utf16[32]  | param1 |
 * |  32 |   32 | utf16[32]  | param2 |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { utf16 } from '../fields.js'

export const traderParamsSchema = defineRecord('TraderParams', {
  param1: utf16(32),
  param2: utf16(32),
})

/** The trader-parameters reply exactly as on the wire. */
export interface TraderParamsRecord extends Infer<typeof traderParamsSchema> {}
