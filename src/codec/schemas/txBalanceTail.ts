/**
 * TxBalanceTail — 40 bytes, after the position in a cmd 10 deal-form record (official layout).
 *
 * | off | size | type | field             |
 * |----:|-----:|------|-------------------|
 * |   0 |    8 | f64  | balance           |
 * |   8 |    8 | f64  | credit            |
 * |  16 |    8 | f64  | commissionDaily   |
 * |  24 |    8 | f64  | commissionMonthly |
 * |  32 |    8 | f64  | accProfit         |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64 } from '../fields.js'

export const txBalanceTailSchema = defineRecord('TxBalanceTail', {
  balance: f64,
  credit: f64,
  commissionDaily: f64,
  commissionMonthly: f64,
  /** Floating profit. */
  accProfit: f64,
})

/** The account values carried by a cmd 10 deal-form record. */
export interface TxBalanceTailRecord extends Infer<typeof txBalanceTailSchema> {}
