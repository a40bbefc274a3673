/**
 * cmd 29 — init (pre-login). Payload: InitRequest (744 B); the official client sends every
 * field empty / zero except `cid`. The reply body is unused.
 */
import { ProtocolError } from '../../errors.js'
import { type InitRequestRecord, initRequestSchema } from '../schemas/initRequest.js'

/** The init request the official client sends: everything empty except `cid`. */
export function buildInitRequest(cid: Uint8Array): InitRequestRecord {
  return { ...initRequestSchema.zero(), cid }
}

/** Encodes a cmd 29 payload. */
export function encodeInitRequest(value: InitRequestRecord): Uint8Array {
  return initRequestSchema.encode(value)
}

/** Decodes a cmd 29 payload (simulator side); it must be exactly 744 bytes. */
export function decodeInitRequest(body: Uint8Array): InitRequestRecord {
  if (body.length !== initRequestSchema.size) {
    throw new ProtocolError(`cmd 29 init request: expected 744 bytes, got ${body.length}`, {
      schema: 'cmd 29 init request',
      offset: 0,
    })
  }
  return initRequestSchema.decodeBytes(body)
}
