/**
 * LeverageRule — 300 bytes, in the Account block; followed by `tierCount` LeverageTier records.
 *
 * | off | size | type        | field               |
 * |----:|-----:|-------------|---------------------|
 * |   0 |  256 | utf16[256]  | path                |
 * | 256 |    4 | u32         | rangeMode           |
 * | 260 |   32 | utf16[32]   | rangeCurrency       |
 * | 292 |    4 | u32         | rangeCurrencyDigits |
 * | 296 |    4 | i32         | tierCount           |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { i32, u32, utf16 } from '../fields.js'

export const leverageRuleSchema = defineRecord('LeverageRule', {
  /** Symbol path mask. */
  path: utf16(256),
  rangeMode: u32,
  rangeCurrency: utf16(32),
  rangeCurrencyDigits: u32,
  /** Number of 32-byte tiers that follow. */
  tierCount: i32,
})

/** A leverage rule exactly as on the wire. */
export interface LeverageRuleRecord extends Infer<typeof leverageRuleSchema> {}
