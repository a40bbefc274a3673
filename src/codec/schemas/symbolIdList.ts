/**
 * SymbolIdList (cmd 7, 20, 22 and official cmd 18 payload) — 4 + 4n bytes. Variable length, so it is
 * read and written by `messages/symbolIdList.ts`; this file holds the element record.
 *
 * | off | size | type     | field     |
 * |----:|-----:|----------|-----------|
 * |   0 |    4 | u32      | count     |  n; 0 clears a subscription
 * |   4 |   4n | u32[n]   | symbolIds |  ids from cmd 6/34
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u32 } from '../fields.js'

/** One element of the id list. */
export const symbolIdEntrySchema = defineRecord('SymbolIdEntry', {
  /** Symbol id from cmd 6/34. */
  symbolId: u32,
})

/** One element of a symbol-id list. */
export interface SymbolIdEntryRecord extends Infer<typeof symbolIdEntrySchema> {}
