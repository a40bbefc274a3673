/**
 * FullSymbol (cmd 18 reply: `u32 n` + n records; cmd 13 push: records back to back) — 3068 bytes.
 *
 * | off  | size | type          | field                 |
 * |-----:|-----:|---------------|-----------------------|
 * |    0 |   64 | utf16[64]     | tradeSymbol           |
 * |   64 |   32 | utf16[32]     | isin                  |
 * |   96 |  128 | utf16[128]    | symbolDescription     |
 * |  224 |  128 | utf16[128]    | international         |
 * |  352 |   64 | utf16[64]     | basis                 |
 * |  416 |   64 | utf16[64]     | symbolSource          |
 * |  480 |  512 | utf16[512]    | symbolPage            |
 * |  992 |  128 | utf16[128]    | category              |
 * | 1120 |  128 | utf16[128]    | tradeExchange         |
 * | 1248 |   16 | utf16[16]     | cfi                   |
 * | 1264 |    2 | u16           | sector                |
 * | 1266 |    2 | u16           | industry              |
 * | 1268 |    8 | utf16[8]      | country               |
 * | 1276 |   32 | utf16[32]     | currencyBase          |
 * | 1308 |   32 | utf16[32]     | currencyProfit        |
 * | 1340 |   32 | utf16[32]     | currencyMargin        |
 * | 1372 |    4 | u32           | currencyBaseDigits    |
 * | 1376 |    4 | u32           | currencyProfitDigits  |
 * | 1380 |    4 | u32           | currencyMarginDigits  |
 * | 1384 |    4 | u32           | symbolColor           |
 * | 1388 |    4 | u32           | colorBackground       |
 * | 1392 |    4 | u32           | digits                |
 * | 1396 |    8 | f64           | point                 |
 * | 1404 |    8 | f64           | symbolMultiply        |
 * | 1412 |    4 | u32           | symbolId              |
 * | 1416 |    4 | u32           | ticksFlags            |
 * | 1420 |    4 | u32           | ticksBookdepth        |
 * | 1424 |    4 | u32           | ticksChartMode        |
 * | 1428 |    4 | u32           | tradeFlags            |
 * | 1432 |    4 | i32           | spread                |
 * | 1436 |    4 | i32           | spreadBalance         |
 * | 1440 |    8 | f64           | tickValue             |
 * | 1448 |    8 | f64           | tickSize              |
 * | 1456 |    8 | f64           | contractSize          |
 * | 1464 |    4 | u32           | tradeGtcMode          |
 * | 1468 |    4 | u32           | tradeCalcMode         |
 * | 1472 |    8 | f64           | tradePriceSettle      |
 * | 1480 |    8 | f64           | tradePriceLimitMin    |
 * | 1488 |    8 | f64           | tradePriceLimitMax    |
 * | 1496 |    8 | f64           | tradePriceStrike      |
 * | 1504 |    4 | u32           | tradeOptionMode       |
 * | 1508 |    8 | f64           | faceValue             |
 * | 1516 |    8 | f64           | accruedInterest       |
 * | 1524 |    4 | u32           | timeFlags             |
 * | 1528 |    4 | i32           | timeStart             |
 * | 1532 |    4 | i32           | timeExpiration        |
 * | 1536 |  628 | TradeSettings | trade                 |
 * | 2164 |  896 | Schedule      | schedule              |
 * | 3060 |    8 | Subscription  | subscription          |
 */
import { defineRecord, type Infer, record } from '../defineRecord.js'
import { f64, i32, u16, u32, utf16 } from '../fields.js'
import { scheduleSchema } from './scheduleSession.js'
import { subscriptionSchema } from './subscription.js'
import { tradeSettingsSchema } from './tradeSettings.js'

export const fullSymbolSchema = defineRecord('FullSymbol', {
  /** Symbol name. */
  tradeSymbol: utf16(64),
  isin: utf16(32),
  symbolDescription: utf16(128),
  international: utf16(128),
  /** Underlying symbol. */
  basis: utf16(64),
  symbolSource: utf16(64),
  /** URL. */
  symbolPage: utf16(512),
  category: utf16(128),
  tradeExchange: utf16(128),
  cfi: utf16(16),
  sector: u16,
  industry: u16,
  country: utf16(8),
  currencyBase: utf16(32),
  currencyProfit: utf16(32),
  currencyMargin: utf16(32),
  currencyBaseDigits: u32,
  currencyProfitDigits: u32,
  currencyMarginDigits: u32,
  /** Colour (opaque). */
  symbolColor: u32,
  colorBackground: u32,
  /** Price decimals. */
  digits: u32,
  /** 10^-digits. */
  point: f64,
  symbolMultiply: f64,
  symbolId: u32,
  ticksFlags: u32,
  /** Depth of market. */
  ticksBookdepth: u32,
  /** 0 bid, 1 last, 255 automatic. */
  ticksChartMode: u32,
  tradeFlags: u32,
  /** Fixed spread in points (0 = floating). Official name `trade_spread`. */
  spread: i32,
  spreadBalance: i32,
  /** Profit of one tick for one lot, in the profit currency. */
  tickValue: f64,
  /** Minimal price change. */
  tickSize: f64,
  /** Units per lot. */
  contractSize: f64,
  tradeGtcMode: u32,
  /** Calculation mode (docs/architecture.md#enumerations). */
  tradeCalcMode: u32,
  tradePriceSettle: f64,
  tradePriceLimitMin: f64,
  tradePriceLimitMax: f64,
  tradePriceStrike: f64,
  tradeOptionMode: u32,
  /** Bonds. */
  faceValue: f64,
  /** Bonds. */
  accruedInterest: f64,
  timeFlags: u32,
  /** Unix seconds, 0 = none. */
  timeStart: i32,
  /** Unix seconds, 0 = none. */
  timeExpiration: i32,
  /** The symbol's own trade settings; `trade.symbolPath` is the symbol's path. */
  trade: record(tradeSettingsSchema),
  /** Weekly quote and trade sessions. */
  schedule: record(scheduleSchema),
  subscription: record(subscriptionSchema),
})

/** A full symbol specification exactly as on the wire. */
export interface FullSymbolRecord extends Infer<typeof fullSymbolSchema> {}
