/**
 * TradeResult (inside the cmd 19 push, official layout) — 128 bytes.
 *
 * | off | size | type       | field      |
 * |----:|-----:|------------|------------|
 * |   0 |    4 | u32        | retcode    |
 * |   4 |    8 | i64        | deal       |
 * |  12 |    8 | i64        | tradeOrder |
 * |  20 |    8 | i64        | volume     |  lots × 10^8
 * |  28 |    8 | f64        | price      |
 * |  36 |    4 | u32        | resTime    |
 * |  40 |    8 | f64        | bid        |
 * |  48 |    8 | f64        | ask        |
 * |  56 |    8 | f64        | last       |
 * |  64 |   64 | utf16[64]  | comment    |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, i64, u32, utf16 } from '../fields.js'

export const tradeResultSchema = defineRecord('TradeResult', {
  /** Trade return code (`TradeRetcode`). */
  retcode: u32,
  /** Deal ticket, 0 if none. */
  deal: i64,
  /** Order ticket, 0 if none. */
  tradeOrder: i64,
  /** Executed volume, lots × 10^8. */
  volume: i64,
  /** Execution price. */
  price: f64,
  resTime: u32,
  bid: f64,
  ask: f64,
  last: f64,
  /** Server comment, e.g. "Request executed". */
  comment: utf16(64),
})

/** A trade result exactly as on the wire. */
export interface TradeResultRecord extends Infer<typeof tradeResultSchema> {}
