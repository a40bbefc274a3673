/**
 * RateBar (cmd 11 reply, official layout) — 48 bytes, bars back to back with no count. Prices are
 * plain (not scaled). pymt5 reads bytes 36–47 as i64 tickVolume + i32 spread (CONFLICT C7).
 *
 * | off | size | type | field      |
 * |----:|-----:|------|------------|
 * |   0 |    4 | i32  | time       |
 * |   4 |    8 | f64  | open       |
 * |  12 |    8 | f64  | high       |
 * |  20 |    8 | f64  | low        |
 * |  28 |    8 | f64  | close      |
 * |  36 |    4 | u32  | tickVolume |
 * |  40 |    8 | f64  | realVolume |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, i32, u32 } from '../fields.js'

export const rateBarSchema = defineRecord('RateBar', {
  /** Bar open time, Unix seconds (server clock). */
  time: i32,
  open: f64,
  high: f64,
  low: f64,
  close: f64,
  /** Number of ticks in the bar. */
  tickVolume: u32,
  /** Exchange volume (0 for most forex symbols). */
  realVolume: f64,
})

/** One OHLC bar exactly as on the wire. */
export interface RateBarRecord extends Infer<typeof rateBarSchema> {}
