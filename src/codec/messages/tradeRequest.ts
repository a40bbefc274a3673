/**
 * cmd 12 request payload. Clients send the official 248-byte layout; the simulator also accepts
 * pymt5's 236-byte layout (CONFLICT C1) through `decodeAnyTradeRequest`, which tells them apart
 * by length and normalises to the official shape.
 */
import { ProtocolError } from '../../errors.js'
import { type TradeRequestRecord, tradeRequestSchema } from '../schemas/tradeRequest.js'
import { type TradeRequestPymt5Record, tradeRequestPymt5Schema } from '../schemas/tradeRequestPymt5.js'

/** Encodes a trade request (official 248-byte layout). */
export function encodeTradeRequest(value: TradeRequestRecord): Uint8Array {
  return tradeRequestSchema.encode(value)
}

/** Decodes an official 248-byte trade request; any other length is a `ProtocolError`. */
export function decodeTradeRequest(body: Uint8Array): TradeRequestRecord {
  if (body.length !== tradeRequestSchema.size) {
    throw new ProtocolError(
      `cmd 12 trade request: expected ${tradeRequestSchema.size} bytes, got ${body.length}`,
      {
        schema: 'cmd 12 trade request',
        offset: 0,
      },
    )
  }
  return tradeRequestSchema.decodeBytes(body)
}

/** Which layout a received trade request used. */
export type TradeRequestLayout = 'official' | 'pymt5'

/** A received trade request in the official shape, with the layout it arrived in. */
export interface AnyTradeRequest {
  request: TradeRequestRecord
  layout: TradeRequestLayout
}

/** Maps a pymt5-layout request to the official shape (deviation clamped to u32, no top/bottom). */
export function tradeRequestFromPymt5(value: TradeRequestPymt5Record): TradeRequestRecord {
  const { deviation, positionId, ...rest } = value
  return {
    ...rest,
    priceDeviation: deviation > 0xffff_ffffn ? 0xffff_ffff : Number(deviation),
    priceTop: 0,
    priceBottom: 0,
    tradePosition: positionId,
  }
}

/**
 * Decodes a cmd 12 payload in either layout: 248 bytes → official, 236 bytes → pymt5.
 * @throws ProtocolError for any other length.
 */
export function decodeAnyTradeRequest(body: Uint8Array): AnyTradeRequest {
  if (body.length === tradeRequestSchema.size) {
    return { request: tradeRequestSchema.decodeBytes(body), layout: 'official' }
  }
  if (body.length === tradeRequestPymt5Schema.size) {
    return { request: tradeRequestFromPymt5(tradeRequestPymt5Schema.decodeBytes(body)), layout: 'pymt5' }
  }
  throw new ProtocolError(
    `cmd 12 trade request: ${body.length} bytes is neither the official (248) nor the pymt5 (236) layout`,
    { schema: 'cmd 12 trade request', offset: 0 },
  )
}
