/**
 * History request (cmd 5 payload) — 8 bytes.
 *
 * | off | size | type | field |
 * |----:|-----:|------|-------|
 * |   0 |    4 | i32  | from  |
 * |   4 |    4 | i32  | to    |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { i32 } from '../fields.js'

export const historyRequestSchema = defineRecord('HistoryRequest', {
  /** Unix seconds (0 allowed). */
  from: i32,
  /** Unix seconds (0 allowed). */
  to: i32,
})

/** A history request exactly as on the wire. */
export interface HistoryRequestRecord extends Infer<typeof historyRequestSchema> {}
