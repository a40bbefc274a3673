/**
 * TradeSettings — 628 bytes. Nested in FullSymbol (`trade`: the symbol's own settings) and listed in
 * the account block (group overrides, where sentinel values mean "inherit"; see
 * docs/architecture.md#commands, cmd 3).
 *
 * | off | size | type        | field                  |
 * |----:|-----:|-------------|------------------------|
 * |   0 |  256 | utf16[256]  | symbolPath             |
 * | 256 |    4 | i32         | spreadDiff             |
 * | 260 |    4 | i32         | spreadDiffBalance      |
 * | 264 |    4 | u32         | tradeMode              |
 * | 268 |    4 | i32         | tradeStopsLevel        |
 * | 272 |    4 | i32         | tradeFreezeLevel       |
 * | 276 |    4 | u32         | tradeExemode           |
 * | 280 |    4 | u32         | tradeFillFlags         |
 * | 284 |    4 | u32         | tradeTimeFlags         |
 * | 288 |    4 | u32         | tradeOrderFlags        |
 * | 292 |    4 | u32         | tradeRequestFlags      |
 * | 296 |    4 | u32         | tradeRequestTimeout    |
 * | 300 |    4 | u32         | tradeInstantFlags      |
 * | 304 |    4 | u32         | tradeInstantTimeout    |
 * | 308 |    4 | u32         | tradeInstantSlipProfit |
 * | 312 |    4 | u32         | tradeInstantSlipLosing |
 * | 316 |    8 | u64         | tradeInstantVolume     |
 * | 324 |    4 | u32         | tradeInstantCheckmode  |
 * | 328 |    4 | u32         | tradeMarketFlags       |
 * | 332 |    4 | u32         | tradeExchangeFlags     |
 * | 336 |    8 | u64         | volumeMin              |
 * | 344 |    8 | u64         | volumeMax              |
 * | 352 |    8 | u64         | volumeStep             |
 * | 360 |    8 | u64         | volumeLimit            |
 * | 368 |    4 | u32         | marginFlags            |
 * | 372 |    8 | f64         | marginInitial          |
 * | 380 |    8 | f64         | marginMaintenance      |
 * | 388 |   64 | f64[8]      | marginRatesInitial     |
 * | 452 |   64 | f64[8]      | marginRatesMaintenance |
 * | 516 |    8 | f64         | marginRateLiquidity    |
 * | 524 |    8 | f64         | marginHedged           |
 * | 532 |    8 | f64         | marginRateCurrency     |
 * | 540 |    4 | u32         | swapMode               |
 * | 544 |    8 | f64         | swapLong               |
 * | 552 |    8 | f64         | swapShort              |
 * | 560 |    4 | i32         | swapRollover3days      |
 * | 564 |    4 | u32         | permissionsFlags       |
 * | 568 |    4 | u32         | permissionsBookdepth   |
 * | 572 |   56 | f64[7]      | swapRates              |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { array, f64, i32, u32, u64, utf16 } from '../fields.js'

export const tradeSettingsSchema = defineRecord('TradeSettings', {
  /** Symbol path (in a full symbol) or comma-separated path masks (account group override). */
  symbolPath: utf16(256),
  /** Spread difference in points added by the group. */
  spreadDiff: i32,
  spreadDiffBalance: i32,
  /** Symbol trade mode: 0 disabled, 1 long only, 2 short only, 3 close only, 4 full. */
  tradeMode: u32,
  /** Minimum SL/TP/pending distance from the market, in points. */
  tradeStopsLevel: i32,
  /** Freeze level in points. */
  tradeFreezeLevel: i32,
  /** Execution mode: 0 request, 1 instant, 2 market, 3 exchange. */
  tradeExemode: u32,
  /** Allowed filling: bit mask 1 FOK, 2 IOC, 4 BOC. */
  tradeFillFlags: u32,
  /** Allowed expirations: bit mask 1 GTC, 2 DAY, 4 SPECIFIED, 8 SPECIFIED_DAY. */
  tradeTimeFlags: u32,
  /** Allowed orders: 1 market, 2 limit, 4 stop, 8 stop-limit, 16 SL, 32 TP, 64 close-by. */
  tradeOrderFlags: u32,
  tradeRequestFlags: u32,
  /** Seconds. */
  tradeRequestTimeout: u32,
  tradeInstantFlags: u32,
  /** Requote lifetime in seconds. */
  tradeInstantTimeout: u32,
  tradeInstantSlipProfit: u32,
  tradeInstantSlipLosing: u32,
  /** Max volume for instant execution, lots × 10^8 (0 = no limit). */
  tradeInstantVolume: u64,
  tradeInstantCheckmode: u32,
  tradeMarketFlags: u32,
  tradeExchangeFlags: u32,
  /** Lots × 10^8. */
  volumeMin: u64,
  /** Lots × 10^8. */
  volumeMax: u64,
  /** Lots × 10^8. */
  volumeStep: u64,
  /** Lots × 10^8 (0 = none). */
  volumeLimit: u64,
  marginFlags: u32,
  marginInitial: f64,
  marginMaintenance: f64,
  /** Initial margin rates per order type. */
  marginRatesInitial: array(f64, 8),
  /** Maintenance margin rates per order type. */
  marginRatesMaintenance: array(f64, 8),
  marginRateLiquidity: f64,
  /** Hedged margin per lot. */
  marginHedged: f64,
  marginRateCurrency: f64,
  swapMode: u32,
  swapLong: f64,
  swapShort: f64,
  /** Weekday of the triple swap. */
  swapRollover3days: i32,
  permissionsFlags: u32,
  permissionsBookdepth: u32,
  /** Swap multipliers per weekday (Sunday first). */
  swapRates: array(f64, 7),
})

/** Trade settings of a symbol, or one account group override. */
export interface TradeSettings extends Infer<typeof tradeSettingsSchema> {}
