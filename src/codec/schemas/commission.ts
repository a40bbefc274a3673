/**
 * Commission — 304 bytes, in the Account block; followed by `u32 tierCount` + CommissionTier records.
 *
 * | off | size | type        | field        |
 * |----:|-----:|-------------|--------------|
 * |   0 |  256 | utf16[256]  | path         |
 * | 256 |    4 | u32         | mode         |
 * | 260 |    4 | u32         | modeRange    |
 * | 264 |    4 | u32         | modeCharge   |
 * | 268 |   32 | utf16[32]   | modeCurrency |
 * | 300 |    4 | u32         | modeEntry    |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u32, utf16 } from '../fields.js'

export const commissionSchema = defineRecord('Commission', {
  /** Symbol path mask. */
  path: utf16(256),
  /** 1 = agent commission. */
  mode: u32,
  modeRange: u32,
  modeCharge: u32,
  modeCurrency: utf16(32),
  modeEntry: u32,
})

/** A commission exactly as on the wire. */
export interface CommissionRecord extends Infer<typeof commissionSchema> {}
