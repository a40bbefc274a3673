/**
 * TradeRequest as pymt5 sends it — 236 bytes (CONFLICT C1). Only the simulator needs it, to
 * accept pymt5 clients; normalise with `decodeAnyTradeRequest` (messages/tradeRequest.ts).
 *
 * | off | size | type       | field          |
 * |----:|-----:|------------|----------------|
 * |   0 |    4 | u32        | actionId       |
 * |   4 |    4 | u32        | tradeAction    |
 * |   8 |   64 | utf16[64]  | tradeSymbol    |
 * |  72 |    8 | u64        | tradeVolume    |
 * |  80 |    4 | u32        | digits         |
 * |  84 |    8 | u64        | tradeOrder     |
 * |  92 |    4 | u32        | tradeType      |
 * |  96 |    4 | u32        | typeFilling    |
 * | 100 |    4 | u32        | typeTime       |
 * | 104 |    4 | u32        | typeFlags      |
 * | 108 |    4 | u32        | typeReason     |
 * | 112 |    8 | f64        | priceOrder     |
 * | 120 |    8 | f64        | priceTrigger   |
 * | 128 |    8 | f64        | priceSl        |
 * | 136 |    8 | f64        | priceTp        |
 * | 144 |    8 | u64        | deviation      |  u32 + price_top + price_bottom officially
 * | 152 |   64 | utf16[64]  | comment        |
 * | 216 |    8 | u64        | positionId     |
 * | 224 |    8 | u64        | positionBy     |
 * | 232 |    4 | u32        | timeExpiration |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u32, u64, utf16 } from '../fields.js'
import { tradeRequestHead } from './tradeRequest.js'

export const tradeRequestPymt5Schema = defineRecord('TradeRequestPymt5', {
  ...tradeRequestHead,
  /** Deviation in points, u64 in this layout. */
  deviation: u64,
  comment: utf16(64),
  /** Position ticket (`tradePosition` in the official layout). */
  positionId: u64,
  positionBy: u64,
  timeExpiration: u32,
})

/** A trade request in pymt5's 236-byte layout. */
export interface TradeRequestPymt5Record extends Infer<typeof tradeRequestPymt5Schema> {}
