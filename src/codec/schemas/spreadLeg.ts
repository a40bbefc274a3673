/**
 * SpreadLeg (cmd 20, official layout) — 88 bytes. pymt5 reads the same bytes as its top-level
 * "spread" record under other names (`spread_id`, `flags`, `param1`, `param2`, `spread_value`).
 *
 * | off | size | type      | field       |
 * |----:|-----:|-----------|-------------|
 * |   0 |    4 | u32       | spreadMode  |
 * |   4 |    4 | u32       | flagMask    |
 * |   8 |   64 | utf16[64] | tradeSymbol |
 * |  72 |    4 | u32       | timeFrom    |
 * |  76 |    4 | u32       | timeTo      |
 * |  80 |    8 | f64       | spreadRatio |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, u32, utf16 } from '../fields.js'

export const spreadLegSchema = defineRecord('SpreadLeg', {
  /** 0 = match by symbol name, 1 = match by basis and expiration window. */
  spreadMode: u32,
  flagMask: u32,
  /** Leg symbol (or basis for mode 1). */
  tradeSymbol: utf16(64),
  /** Unix seconds, 0 = unbounded. */
  timeFrom: u32,
  /** Unix seconds, 0 = unbounded. */
  timeTo: u32,
  spreadRatio: f64,
})

/** One leg of a spread. */
export interface SpreadLegRecord extends Infer<typeof spreadLegSchema> {}
