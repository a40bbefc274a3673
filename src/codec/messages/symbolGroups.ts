/** cmd 9 reply: `u32 n` + n × SymbolGroup (256 B). */
import { BodyReader, BodyWriter } from '../cursor.js'
import { type SymbolGroupRecord, symbolGroupSchema } from '../schemas/symbolGroup.js'

/** Decodes a cmd 9 reply. */
export function decodeSymbolGroups(body: Uint8Array): SymbolGroupRecord[] {
  return new BodyReader(body, 'cmd 9 symbol groups').countedRecords(symbolGroupSchema, 'groups')
}

/** Encodes a cmd 9 reply. */
export function encodeSymbolGroups(groups: readonly SymbolGroupRecord[]): Uint8Array {
  return new BodyWriter(4 + groups.length * symbolGroupSchema.size)
    .countedRecords(symbolGroupSchema, groups)
    .finish()
}
