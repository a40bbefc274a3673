/**
 * Full symbol specifications: cmd 18 reply (`u32 n` + n × FullSymbol), cmd 13 push (FullSymbol
 * records back to back, k = floor(length / 3068)) and the cmd 18 request, which is a symbol-id list
 * in the official client and one 64-byte UTF-16 name in pymt5 (CONFLICT C8).
 */
import { BodyReader, BodyWriter } from '../cursor.js'
import { defineRecord } from '../defineRecord.js'
import { utf16 } from '../fields.js'
import { type FullSymbolRecord, fullSymbolSchema } from '../schemas/fullSymbol.js'
import { decodeSymbolIdList, encodeSymbolIdList } from './symbolIdList.js'

/** pymt5's cmd 18 request: one symbol name. */
export const fullSymbolNameRequestSchema = defineRecord('FullSymbolNameRequest', {
  /** Symbol name (≤ 32 characters). */
  symbol: utf16(64),
})

/** A decoded cmd 18 request. */
export type FullSymbolRequest = { kind: 'ids'; ids: number[] } | { kind: 'name'; name: string }

/** Decodes a cmd 18 reply. */
export function decodeFullSymbols(body: Uint8Array): FullSymbolRecord[] {
  return new BodyReader(body, 'cmd 18 full symbols').countedRecords(fullSymbolSchema, 'symbols')
}

/** Encodes a cmd 18 reply. */
export function encodeFullSymbols(symbols: readonly FullSymbolRecord[]): Uint8Array {
  return new BodyWriter(4 + symbols.length * fullSymbolSchema.size)
    .countedRecords(fullSymbolSchema, symbols)
    .finish()
}

/** Decodes a cmd 13 push (records back to back; a shorter tail is ignored). */
export function decodeFullSymbolPush(body: Uint8Array): FullSymbolRecord[] {
  return new BodyReader(body, 'cmd 13 symbol update').restRecords(fullSymbolSchema)
}

/** Encodes a cmd 13 push. */
export function encodeFullSymbolPush(symbols: readonly FullSymbolRecord[]): Uint8Array {
  return new BodyWriter(symbols.length * fullSymbolSchema.size || 1)
    .records(fullSymbolSchema, symbols)
    .finish()
}

/** Encodes the official cmd 18 request (a symbol-id list). */
export function encodeFullSymbolRequest(ids: readonly number[]): Uint8Array {
  return encodeSymbolIdList(ids)
}

/** Encodes pymt5's cmd 18 request (one 64-byte UTF-16 name). */
export function encodeFullSymbolNameRequest(name: string): Uint8Array {
  return fullSymbolNameRequestSchema.encode({ symbol: name })
}

/**
 * Decodes either form of the cmd 18 request. A 64-byte payload whose leading count does not
 * describe 64 bytes (4 + 4 × 15) is a pymt5 name; anything else must be a valid id list.
 */
export function decodeFullSymbolRequest(payload: Uint8Array): FullSymbolRequest {
  if (payload.byteLength === fullSymbolNameRequestSchema.size) {
    const count = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0, true)
    if (4 + 4 * count !== payload.byteLength) {
      return { kind: 'name', name: fullSymbolNameRequestSchema.decodeBytes(payload).symbol }
    }
  }
  return { kind: 'ids', ids: decodeSymbolIdList(payload) }
}
