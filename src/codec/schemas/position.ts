/**
 * Position (cmd 4 reply, cmd 10 deal form) — 344 bytes.
 *
 * | off | size | type       | field            |
 * |----:|-----:|------------|------------------|
 * |   0 |    8 | i64        | positionId       |
 * |   8 |    8 | i64        | tradeOrder       |
 * |  16 |    4 | u32        | timeCreate       |
 * |  20 |    4 | u32        | timeUpdate       |
 * |  24 |   64 | utf16[64]  | tradeSymbol      |
 * |  88 |    4 | u32        | tradeAction      |  position type: 0 buy, 1 sell
 * |  92 |    8 | f64        | priceOpen        |
 * | 100 |    8 | f64        | priceClose       |
 * | 108 |    8 | f64        | sl               |
 * | 116 |    8 | f64        | tp               |
 * | 124 |    8 | u64        | tradeVolume      |  lots × 10^8
 * | 132 |    8 | f64        | profit           |
 * | 140 |    8 | f64        | rateProfit       |
 * | 148 |    8 | f64        | rateMargin       |
 * | 156 |    8 | f64        | commission       |
 * | 164 |    8 | f64        | storage          |
 * | 172 |    8 | i64        | expert           |
 * | 180 |    8 | i64        | expertPositionId |
 * | 188 |   64 | utf16[64]  | comment          |
 * | 252 |    8 | f64        | contractSize     |
 * | 260 |    4 | u32        | digits           |
 * | 264 |    4 | u32        | digitsCurrency   |
 * | 268 |    4 | u32        | tradeReason      |
 * | 272 |   64 | utf16[64]  | externalId       |
 * | 336 |    4 | i32        | timeCreateMs     |
 * | 340 |    4 | i32        | timeUpdateMs     |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, i32, i64, u32, u64, utf16 } from '../fields.js'

export const positionSchema = defineRecord('Position', {
  /** Position ticket. */
  positionId: i64,
  /** Ticket of the order that opened the position. */
  tradeOrder: i64,
  /** Unix seconds (server clock); ms = timeCreate × 1000 + timeCreateMs. */
  timeCreate: u32,
  /** Unix seconds of the last change. */
  timeUpdate: u32,
  tradeSymbol: utf16(64),
  /** Position type: 0 buy, 1 sell. */
  tradeAction: u32,
  /** Open price. */
  priceOpen: f64,
  /** Current price (the price the position would close at). */
  priceClose: f64,
  /** Stop loss, 0 = none. */
  sl: f64,
  /** Take profit, 0 = none. */
  tp: f64,
  /** Volume in lots × 10^8. */
  tradeVolume: u64,
  /** Floating profit in account currency. */
  profit: f64,
  rateProfit: f64,
  rateMargin: f64,
  commission: f64,
  /** Swap. */
  storage: f64,
  /** EA magic number. */
  expert: i64,
  expertPositionId: i64,
  comment: utf16(64),
  contractSize: f64,
  /** Symbol digits. */
  digits: u32,
  /** Account currency digits. */
  digitsCurrency: u32,
  tradeReason: u32,
  externalId: utf16(64),
  /** Milliseconds part of `timeCreate`. */
  timeCreateMs: i32,
  /** Milliseconds part of `timeUpdate`. */
  timeUpdateMs: i32,
})

/** A position record exactly as on the wire. */
export interface PositionRecord extends Infer<typeof positionSchema> {}
