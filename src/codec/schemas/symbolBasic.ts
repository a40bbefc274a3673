/**
 * SymbolBasic (cmd 6 reply, cmd 34 inflated reply) — 526 bytes, listed as `u32 n` + n records.
 *
 * | off | size | type       | field             |
 * |----:|-----:|------------|-------------------|
 * |   0 |   64 | utf16[64]  | tradeSymbol       |
 * |  64 |  128 | utf16[128] | symbolDescription |
 * | 192 |    4 | u32        | digits            |
 * | 196 |    4 | u32        | symbolId          |
 * | 200 |  256 | utf16[256] | symbolPath        |
 * | 456 |    4 | u32        | tradeCalcMode     |
 * | 460 |   64 | utf16[64]  | basis             |
 * | 524 |    2 | u16        | sector            |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u16, u32, utf16 } from '../fields.js'

export const symbolBasicSchema = defineRecord('SymbolBasic', {
  /** Symbol name (≤ 32 characters). */
  tradeSymbol: utf16(64),
  symbolDescription: utf16(128),
  /** Price decimals: tick and book prices arrive scaled by 10^digits. */
  digits: u32,
  /** Numeric id used by cmd 7, 8, 17, 18, 20, 22, 23. */
  symbolId: u32,
  /** Backslash-separated path, e.g. `Forex\Majors\EURUSD`. */
  symbolPath: utf16(256),
  /** Calculation mode (docs/architecture.md#enumerations). */
  tradeCalcMode: u32,
  /** Underlying symbol name. */
  basis: utf16(64),
  /** Sector code. */
  sector: u16,
})

/** One entry of the symbol list, exactly as on the wire. */
export interface SymbolBasicRecord extends Infer<typeof symbolBasicSchema> {}
