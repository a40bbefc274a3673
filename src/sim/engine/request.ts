/** Building trade requests (official 248-byte layout) for the engine and its tests. */
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'

/** A TradeRequestRecord with every field zero/empty except the given ones. */
export function makeRequest(fields: Partial<TradeRequestRecord>): TradeRequestRecord {
  return {
    actionId: 0,
    tradeAction: 0,
    tradeSymbol: '',
    tradeVolume: 0n,
    digits: 0,
    tradeOrder: 0n,
    tradeType: 0,
    typeFilling: 0,
    typeTime: 0,
    typeFlags: 0,
    typeReason: 0,
    priceOrder: 0,
    priceTrigger: 0,
    priceSl: 0,
    priceTp: 0,
    priceDeviation: 0,
    priceTop: 0,
    priceBottom: 0,
    comment: '',
    tradePosition: 0n,
    positionBy: 0n,
    timeExpiration: 0,
    ...fields,
  }
}
