/**
 * TradeRequest (cmd 12 payload, echoed in cmd 19) — official layout, 248 bytes.
 * The pymt5 layout (236 B) is `tradeRequestPymt5Schema`; bytes 0…143 are identical.
 *
 * | off | size | type       | field          |
 * |----:|-----:|------------|----------------|
 * |   0 |    4 | u32        | actionId       |
 * |   4 |    4 | u32        | tradeAction    |
 * |   8 |   64 | utf16[64]  | tradeSymbol    |  ≤ 32 chars
 * |  72 |    8 | u64        | tradeVolume    |  lots × 10^8
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
 * | 144 |    4 | u32        | priceDeviation |
 * | 148 |    8 | f64        | priceTop       |
 * | 156 |    8 | f64        | priceBottom    |
 * | 164 |   64 | utf16[64]  | comment        |  ≤ 32 chars
 * | 228 |    8 | u64        | tradePosition  |
 * | 236 |    8 | u64        | positionBy     |
 * | 244 |    4 | u32        | timeExpiration |
 *
 * In the cmd 19 echo the official client reads `tradeOrder` as i64 and keeps the last 4 bytes
 * opaque; this schema reads the same bytes as u64 / u32, which round-trips them exactly.
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, u32, u64, utf16 } from '../fields.js'

/** Bytes 0–143, identical in the official and the pymt5 layout (CONFLICT C1 starts at 144). */
export const tradeRequestHead = {
  /** Client request id, echoed in cmd 19 (official: a counter starting at 1000). */
  actionId: u32,
  /** Trade action (`TradeAction`). */
  tradeAction: u32,
  /** Symbol name (the official client sends at most 32 UTF-16 units). */
  tradeSymbol: utf16(64),
  /** Volume in lots × 10^8. */
  tradeVolume: u64,
  /** Symbol digits. */
  digits: u32,
  /** Order ticket (modify / remove). */
  tradeOrder: u64,
  /** Order type (`OrderType`). */
  tradeType: u32,
  /** Filling (`OrderFilling`). */
  typeFilling: u32,
  /** Time in force (`OrderTime`). */
  typeTime: u32,
  /** Request flags: official 2 open/pending, 3 close. */
  typeFlags: u32,
  /** Always 0 in official requests. */
  typeReason: u32,
  /** Price (for a stop-limit: the activation price). */
  priceOrder: f64,
  /** Stop-limit's limit price. */
  priceTrigger: f64,
  priceSl: f64,
  priceTp: f64,
}

export const tradeRequestSchema = defineRecord('TradeRequest', {
  ...tradeRequestHead,
  /** Maximum deviation in points. */
  priceDeviation: u32,
  /** 0 in all official requests. */
  priceTop: f64,
  /** 0 in all official requests. */
  priceBottom: f64,
  /** Comment (≤ 32 UTF-16 units). */
  comment: utf16(64),
  /** Position ticket (close, SL/TP, close-by). */
  tradePosition: u64,
  /** Opposite position (close-by). */
  positionBy: u64,
  /** Expiration, Unix seconds. */
  timeExpiration: u32,
})

/** A trade request in the official 248-byte layout. */
export interface TradeRequestRecord extends Infer<typeof tradeRequestSchema> {}
