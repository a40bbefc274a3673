/**
 * Order (cmd 4, cmd 5, cmd 10) — 356 bytes.
 *
 * | off | size | type       | field             |
 * |----:|-----:|------------|-------------------|
 * |   0 |    8 | i64        | tradeOrder        |
 * |   8 |   64 | utf16[64]  | orderId           |
 * |  72 |   64 | utf16[64]  | tradeSymbol       |
 * | 136 |    4 | u32        | timeSetup         |
 * | 140 |    4 | u32        | timeExpiration    |
 * | 144 |    4 | u32        | timeDone          |
 * | 148 |    4 | u32        | orderType         |
 * | 152 |    4 | u32        | typeFilling       |
 * | 156 |    4 | u32        | typeTime          |
 * | 160 |    4 | u32        | typeReason        |
 * | 164 |    8 | f64        | priceOrder        |
 * | 172 |    8 | f64        | priceTrigger      |
 * | 180 |    8 | f64        | priceCurrent      |
 * | 188 |    8 | f64        | priceSl           |
 * | 196 |    8 | f64        | priceTp           |
 * | 204 |    8 | i64        | volumeInitial     |  lots × 10^8
 * | 212 |    8 | i64        | volumeCurrent     |  lots × 10^8
 * | 220 |    4 | u32        | orderState        |
 * | 224 |    8 | i64        | expert            |
 * | 232 |    8 | i64        | positionId        |
 * | 240 |   64 | utf16[64]  | comment           |
 * | 304 |    8 | f64        | contractSize      |
 * | 312 |    4 | u32        | digits            |
 * | 316 |    4 | u32        | digitsCurrency    |
 * | 320 |    8 | f64        | commissionDaily   |
 * | 328 |    8 | f64        | commissionMonthly |
 * | 336 |    8 | f64        | marginRate        |
 * | 344 |    4 | u32        | activationMode    |
 * | 348 |    4 | i32        | timeSetupMs       |
 * | 352 |    4 | i32        | timeDoneMs        |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, i32, i64, u32, utf16 } from '../fields.js'

export const orderSchema = defineRecord('Order', {
  /** Order ticket. */
  tradeOrder: i64,
  /** External order id. */
  orderId: utf16(64),
  tradeSymbol: utf16(64),
  /** Unix seconds; ms = timeSetup × 1000 + timeSetupMs. */
  timeSetup: u32,
  /** Unix seconds, 0 = none (no ms part). */
  timeExpiration: u32,
  /** Unix seconds; ms = timeDone × 1000 + timeDoneMs. */
  timeDone: u32,
  /** Order type (`OrderType`). */
  orderType: u32,
  /** Filling (`OrderFilling`). */
  typeFilling: u32,
  /** Time in force (`OrderTime`). */
  typeTime: u32,
  typeReason: u32,
  /** Order price (for a stop-limit: the activation price, official meaning). */
  priceOrder: f64,
  /** Stop-limit's second price. */
  priceTrigger: f64,
  priceCurrent: f64,
  priceSl: f64,
  priceTp: f64,
  /** Initial volume, lots × 10^8. */
  volumeInitial: i64,
  /** Unfilled volume, lots × 10^8. */
  volumeCurrent: i64,
  /** Order state (`OrderState`). */
  orderState: u32,
  /** EA magic number. */
  expert: i64,
  positionId: i64,
  comment: utf16(64),
  contractSize: f64,
  digits: u32,
  digitsCurrency: u32,
  commissionDaily: f64,
  commissionMonthly: f64,
  marginRate: f64,
  activationMode: u32,
  timeSetupMs: i32,
  timeDoneMs: i32,
})

/** An order record exactly as on the wire. */
export interface OrderRecord extends Infer<typeof orderSchema> {}
