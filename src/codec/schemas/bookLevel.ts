/**
 * BookLevel (cmd 23, official layout) — 21 bytes.
 *
 * | off | size | type | field    |
 * |----:|-----:|------|----------|
 * |   0 |    4 | u32  | flagMask |
 * |   4 |    1 | u8   | bookType |
 * |   5 |    8 | i64  | price    |  integer price × 10^digits
 * |  13 |    8 | i64  | volume   |  lots × 10^8 (0 removes the level)
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { i64, u8, u32 } from '../fields.js'

export const bookLevelSchema = defineRecord('BookLevel', {
  flagMask: u32,
  /** 1 sell, 2 buy, 3 sell market, 4 buy market, 0 reset/spread marker. */
  bookType: u8,
  /** Integer price × 10^digits. */
  price: i64,
  /** Lots × 10^8; 0 removes the level. */
  volume: i64,
})

/** One depth-of-market level exactly as on the wire. */
export interface BookLevelRecord extends Infer<typeof bookLevelSchema> {}
