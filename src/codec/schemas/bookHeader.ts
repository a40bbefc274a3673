/**
 * BookHeader (cmd 23, official layout) — 22 bytes, followed by `levelCount` × BookLevel.
 * pymt5 reads offsets 12 and 16 as bid/ask counts (CONFLICT C5).
 *
 * | off | size | type | field      |
 * |----:|-----:|------|------------|
 * |   0 |    4 | u32  | symbolId   |
 * |   4 |    4 | i32  | booksTime  |
 * |   8 |    4 | i32  | timeMsc    |
 * |  12 |    4 | u32  | flagMask   |
 * |  16 |    4 | u32  | booksFlags |
 * |  20 |    2 | u16  | levelCount |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { i32, u16, u32 } from '../fields.js'

export const bookHeaderSchema = defineRecord('BookHeader', {
  symbolId: u32,
  /** Semantics unconfirmed (seconds). */
  booksTime: i32,
  /** Semantics unconfirmed (milliseconds part). */
  timeMsc: i32,
  /** Kept, not interpreted by the official client. */
  flagMask: u32,
  /** Bit 2: clear the stored book before applying the levels. */
  booksFlags: u32,
  /** Number of 21-byte levels that follow. */
  levelCount: u16,
})

/** Head of one symbol's book update. */
export interface BookHeaderRecord extends Infer<typeof bookHeaderSchema> {}
