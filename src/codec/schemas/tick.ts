/**
 * Tick (cmd 8 push) — 50 bytes, records back to back with no count.
 *
 * | off | size | type | field        |
 * |----:|-----:|------|--------------|
 * |   0 |    4 | u32  | symbolId     |
 * |   4 |    4 | i32  | tickTime     |
 * |   8 |    4 | u32  | fields       |
 * |  12 |    8 | f64  | bid          |  price × 10^digits
 * |  20 |    8 | f64  | ask          |  price × 10^digits
 * |  28 |    8 | f64  | last         |  price × 10^digits
 * |  36 |    8 | i64  | tickVolume   |  lots × 10^8
 * |  44 |    4 | u32  | timeMsDelta  |
 * |  48 |    2 | u16  | flags        |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, i32, i64, i64AsNumber, u16, u32 } from '../fields.js'

const tickFields = {
  /** Symbol id from the symbol list (cmd 6/34). */
  symbolId: u32,
  /** Seconds since 1970, server clock. */
  tickTime: i32,
  /** Which values are present: 1 bid, 2 ask, 4 last, 8 volume. */
  fields: u32,
  /** Bid × 10^digits (raw; see `decodeTicks` for prices). */
  bid: f64,
  /** Ask × 10^digits. */
  ask: f64,
  /** Last × 10^digits. */
  last: f64,
  /** Volume in lots × 10^8. */
  tickVolume: i64,
  /** Milliseconds within the second. */
  timeMsDelta: u32,
  /** 0x200 = delayed quote. */
  flags: u16,
}

export const tickSchema = defineRecord('Tick', tickFields)

/**
 * The same record with `tickVolume` as a `number` (no BigInt per record): exact up to 2^53 − 1
 * units (90 million lots), correctly rounded beyond. For hot paths that read raw records.
 */
export const tickNumberSchema = defineRecord('Tick', {
  ...tickFields,
  /** Volume in lots × 10^8, as a number (exact below 2^53). */
  tickVolume: i64AsNumber,
})

/** A tick record exactly as on the wire (prices still scaled by 10^digits). */
export interface TickRecord extends Infer<typeof tickSchema> {}

/** A raw tick record with the volume as a number ({@link tickNumberSchema}). */
export interface TickNumberRecord extends Infer<typeof tickNumberSchema> {}
