/**
 * Symbol-id list (cmd 7, 20, 22 and official cmd 18 payload): `u32 count` + count × `u32 id`.
 * The count must match the payload length exactly.
 */
import { ProtocolError, ValidationError } from '../../errors.js'

/** Encodes `ids` as a symbol-id list (an empty list clears a subscription). */
export function encodeSymbolIdList(ids: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * ids.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, ids.length, true)
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!
    if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
      throw new ValidationError(`symbol id must be a u32, got ${id}`, { field: `ids[${i}]`, value: id })
    }
    view.setUint32(4 + 4 * i, id, true)
  }
  return out
}

/** Decodes a symbol-id list; a count that does not match the length is a `ProtocolError`. */
export function decodeSymbolIdList(payload: Uint8Array): number[] {
  const what = 'symbol-id list'
  if (payload.byteLength < 4) {
    throw new ProtocolError(`${what}: needs 4 bytes for the count, got ${payload.byteLength}`, {
      schema: what,
      field: 'count',
      offset: 0,
    })
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength)
  const count = view.getUint32(0, true)
  if (payload.byteLength !== 4 + 4 * count) {
    throw new ProtocolError(
      `${what}: count ${count} needs ${4 + 4 * count} bytes, payload has ${payload.byteLength}`,
      { schema: what, field: 'symbolIds', offset: 4 },
    )
  }
  const ids = new Array<number>(count)
  for (let i = 0; i < count; i++) ids[i] = view.getUint32(4 + 4 * i, true)
  return ids
}
