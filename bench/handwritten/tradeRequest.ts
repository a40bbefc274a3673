/**
 * Hand-written DataView reference for the official 248-byte trade request (cmd 12), used only by
 * bench/tradeRequest.bench.ts. No validation: the fastest a hand-written encoder can be.
 */
import type { TradeRequestRecord } from '../../src/codec/schemas/tradeRequest.js'
import { handWriteUtf16 } from './strings.js'

/** Same bytes as `encodeTradeRequest` for a valid request. */
export function handEncodeTradeRequest(r: TradeRequestRecord): Uint8Array {
  const out = new Uint8Array(248)
  const v = new DataView(out.buffer)
  v.setUint32(0, r.actionId, true)
  v.setUint32(4, r.tradeAction, true)
  handWriteUtf16(v, 8, 64, r.tradeSymbol)
  v.setBigUint64(72, r.tradeVolume, true)
  v.setUint32(80, r.digits, true)
  v.setBigUint64(84, r.tradeOrder, true)
  v.setUint32(92, r.tradeType, true)
  v.setUint32(96, r.typeFilling, true)
  v.setUint32(100, r.typeTime, true)
  v.setUint32(104, r.typeFlags, true)
  v.setUint32(108, r.typeReason, true)
  v.setFloat64(112, r.priceOrder, true)
  v.setFloat64(120, r.priceTrigger, true)
  v.setFloat64(128, r.priceSl, true)
  v.setFloat64(136, r.priceTp, true)
  v.setUint32(144, r.priceDeviation, true)
  v.setFloat64(148, r.priceTop, true)
  v.setFloat64(156, r.priceBottom, true)
  handWriteUtf16(v, 164, 64, r.comment)
  v.setBigUint64(228, r.tradePosition, true)
  v.setBigUint64(236, r.positionBy, true)
  v.setUint32(244, r.timeExpiration, true)
  return out
}
