/**
 * cmd 12 reply (official, CONFLICT C2): the body is read as one u32 — 0 = accepted for
 * processing (the result follows as cmd 19), anything else an immediate trade return code.
 * The official reader needs a body length that is a multiple of 4 (it fails otherwise and the
 * request ends like a timeout); we report such a body as a `ProtocolError`. Longer bodies (e.g.
 * pymt5's 120-byte reply) are accepted and only the first u32 is read.
 */
import { ProtocolError } from '../../errors.js'

/** The decoded cmd 12 reply. */
export interface TradeReply {
  retcode: number
}

/** Decodes a cmd 12 reply body. */
export function decodeTradeReply(body: Uint8Array): TradeReply {
  if (body.length < 4 || body.length % 4 !== 0) {
    throw new ProtocolError(
      `cmd 12 trade reply: body length ${body.length} is not a non-zero multiple of 4`,
      {
        schema: 'cmd 12 trade reply',
        field: 'retcode',
        offset: 0,
      },
    )
  }
  return { retcode: new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0, true) }
}

/** Encodes a cmd 12 reply body (4 bytes). */
export function encodeTradeReply(value: TradeReply): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, value.retcode >>> 0, true)
  return out
}
