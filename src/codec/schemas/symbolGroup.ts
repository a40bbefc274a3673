/**
 * SymbolGroup (cmd 9 reply) — 256 bytes, listed as `u32 n` + n records.
 *
 * | off | size | type       | field     |
 * |----:|-----:|------------|-----------|
 * |   0 |  256 | utf16[256] | groupName |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { utf16 } from '../fields.js'

export const symbolGroupSchema = defineRecord('SymbolGroup', {
  /** Backslash-separated group path, e.g. `Forex\Majors`. */
  groupName: utf16(256),
})

/** One symbol group, exactly as on the wire. */
export interface SymbolGroupRecord extends Infer<typeof symbolGroupSchema> {}
