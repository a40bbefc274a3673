/**
 * cmd 19 trade-result push (official, 380 bytes; CONFLICT C3).
 *
 * | off | size | type         | field   |
 * |----:|-----:|--------------|---------|
 * |   0 |    4 | u32          | status  |  not used by the official client
 * |   4 |  248 | TradeRequest | request |  echo of the cmd 12 request
 * | 252 |  128 | TradeResult  | result  |
 *
 * The official client reads the echo's `tradeOrder` as i64 and does not read its last 4 bytes;
 * we reuse the request schema (u64 / u32 `timeExpiration`), which keeps every byte.
 */
import { BodyReader, BodyWriter } from '../cursor.js'
import { type TradeRequestRecord, tradeRequestSchema } from '../schemas/tradeRequest.js'
import { type TradeResultRecord, tradeResultSchema } from '../schemas/tradeResult.js'

/** The decoded cmd 19 push. */
export interface TradeResultPush {
  status: number
  request: TradeRequestRecord
  result: TradeResultRecord
}

/** Decodes a cmd 19 body (trailing bytes after 380 are ignored). */
export function decodeTradeResultPush(body: Uint8Array): TradeResultPush {
  const r = new BodyReader(body, 'cmd 19 trade result')
  const status = r.u32('status')
  const request = r.record(tradeRequestSchema)
  const result = r.record(tradeResultSchema)
  return { status, request, result }
}

/** Encodes a cmd 19 body. */
export function encodeTradeResultPush(value: TradeResultPush): Uint8Array {
  return new BodyWriter(380)
    .u32(value.status)
    .record(tradeRequestSchema, value.request)
    .record(tradeResultSchema, value.result)
    .finish()
}
