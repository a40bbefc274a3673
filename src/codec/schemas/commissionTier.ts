/**
 * CommissionTier — 80 bytes.
 *
 * | off | size | type       | field     |
 * |----:|-----:|------------|-----------|
 * |   0 |    4 | u32        | mode      |
 * |   4 |    4 | u32        | type      |
 * |   8 |    8 | f64        | value     |
 * |  16 |    8 | f64        | rangeFrom |
 * |  24 |    8 | f64        | rangeTo   |
 * |  32 |    8 | f64        | minimal   |
 * |  40 |    8 | f64        | maximal   |
 * |  48 |   32 | utf16[32]  | currency  |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, u32, utf16 } from '../fields.js'

export const commissionTierSchema = defineRecord('CommissionTier', {
  mode: u32,
  type: u32,
  value: f64,
  rangeFrom: f64,
  rangeTo: f64,
  minimal: f64,
  maximal: f64,
  currency: utf16(32),
})

/** A commission tier exactly as on the wire. */
export interface CommissionTierRecord extends Infer<typeof commissionTierSchema> {}
