/**
 * LeverageTier — 32 bytes.
 *
 * | off | size | type | field                 |
 * |----:|-----:|------|-----------------------|
 * |   0 |    8 | f64  | rangeFrom             |
 * |   8 |    8 | f64  | rangeTo               |
 * |  16 |    8 | f64  | marginRateInitial     |
 * |  24 |    8 | f64  | marginRateMaintenance |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64 } from '../fields.js'

export const leverageTierSchema = defineRecord('LeverageTier', {
  rangeFrom: f64,
  rangeTo: f64,
  marginRateInitial: f64,
  marginRateMaintenance: f64,
})

/** A leverage tier exactly as on the wire. */
export interface LeverageTierRecord extends Infer<typeof leverageTierSchema> {}
