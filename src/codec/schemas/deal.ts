/**
 * Deal (cmd 5, cmd 10) — 356 bytes.
 *
 * | off | size | type       | field          |
 * |----:|-----:|------------|----------------|
 * |   0 |    8 | i64        | deal           |
 * |   8 |   64 | utf16[64]  | dealId         |
 * |  72 |    8 | i64        | tradeOrder     |
 * |  80 |    4 | u32        | timeCreate     |
 * |  84 |    4 | u32        | timeUpdate     |
 * |  88 |   64 | utf16[64]  | tradeSymbol    |
 * | 152 |    4 | u32        | tradeAction    |  deal type
 * | 156 |    4 | u32        | entry          |
 * | 160 |    8 | f64        | priceOpen      |
 * | 168 |    8 | f64        | priceClose     |
 * | 176 |    8 | f64        | sl             |
 * | 184 |    8 | f64        | tp             |
 * | 192 |    8 | u64        | tradeVolume    |  lots × 10^8
 * | 200 |    8 | f64        | profit         |
 * | 208 |    8 | f64        | rateProfit     |
 * | 216 |    8 | f64        | rateMargin     |
 * | 224 |    8 | f64        | commission     |
 * | 232 |    8 | f64        | storage        |
 * | 240 |    8 | i64        | expert         |
 * | 248 |    8 | i64        | positionId     |
 * | 256 |   64 | utf16[64]  | comment        |
 * | 320 |    8 | f64        | contractSize   |
 * | 328 |    4 | u32        | digits         |
 * | 332 |    4 | u32        | digitsCurrency |
 * | 336 |    4 | u32        | tradeReason    |
 * | 340 |    4 | i32        | timeCreateMs   |
 * | 344 |    4 | i32        | timeUpdateMs   |
 * | 348 |    8 | f64        | commissionFee  |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, i32, i64, u32, u64, utf16 } from '../fields.js'

export const dealSchema = defineRecord('Deal', {
  /** Deal ticket. */
  deal: i64,
  /** External deal id. */
  dealId: utf16(64),
  /** Ticket of the order that produced the deal. */
  tradeOrder: i64,
  /** Unix seconds; ms = timeCreate × 1000 + timeCreateMs. */
  timeCreate: u32,
  timeUpdate: u32,
  /** Empty for most balance operations. */
  tradeSymbol: utf16(64),
  /** Deal type (`DealType`). */
  tradeAction: u32,
  /** Deal entry (`DealEntry`): 0 in, 1 out, 2 in/out, 3 out by. */
  entry: u32,
  /** Deal price. */
  priceOpen: f64,
  priceClose: f64,
  sl: f64,
  tp: f64,
  /** Volume in lots × 10^8. */
  tradeVolume: u64,
  profit: f64,
  rateProfit: f64,
  rateMargin: f64,
  commission: f64,
  /** Swap. */
  storage: f64,
  /** EA magic number. */
  expert: i64,
  positionId: i64,
  comment: utf16(64),
  contractSize: f64,
  digits: u32,
  digitsCurrency: u32,
  tradeReason: u32,
  timeCreateMs: i32,
  timeUpdateMs: i32,
  commissionFee: f64,
})

/** A deal record exactly as on the wire. */
export interface DealRecord extends Infer<typeof dealSchema> {}
