/**
 * SpreadHeader (cmd 20, official layout) — 28 bytes. When `spreadId ≠ 0` two leg lists follow
 * (`u32 a` + a × SpreadLeg, `u32 b` + b × SpreadLeg).
 *
 * | off | size | type | field             |
 * |----:|-----:|------|-------------------|
 * |   0 |    4 | u32  | spreadId          |
 * |   4 |    4 | u32  | flagMask          |
 * |   8 |    8 | f64  | marginInitial     |
 * |  16 |    8 | f64  | marginMaintenance |
 * |  24 |    4 | u32  | marginType        |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, u32 } from '../fields.js'

export const spreadHeaderSchema = defineRecord('SpreadHeader', {
  /** Spread id; 0 = no leg lists follow. */
  spreadId: u32,
  flagMask: u32,
  marginInitial: f64,
  marginMaintenance: f64,
  marginType: u32,
})

/** Head of one spread (combination instrument) definition. */
export interface SpreadHeaderRecord extends Infer<typeof spreadHeaderSchema> {}
