/**
 * SymbolDetails (cmd 17 push, official layout) — 274 bytes, records back to back with no count.
 * Values marked "scaled" are × 10^digits (this record's own `digits`); see `unscaleSymbolDetails`.
 * Which values are valid is given by the `fields` bit mask (docs/architecture.md#enumerations).
 *
 * | off | size | type | field             |
 * |----:|-----:|------|-------------------|
 * |   0 |    4 | u32  | symbolId          |
 * |   4 |    8 | i64  | fields            |
 * |  12 |    4 | i32  | lasttime          |
 * |  16 |    4 | u32  | digits            |
 * |  20 |    8 | f64  | bidLast           |  scaled
 * |  28 |    8 | f64  | bidHigh           |  scaled
 * |  36 |    8 | f64  | bidLow            |  scaled
 * |  44 |    8 | f64  | askLast           |  scaled
 * |  52 |    8 | f64  | askHigh           |  scaled
 * |  60 |    8 | f64  | askLow            |  scaled
 * |  68 |    8 | f64  | lastLast          |  scaled
 * |  76 |    8 | f64  | lastHigh          |  scaled
 * |  84 |    8 | f64  | lastLow           |  scaled
 * |  92 |    8 | i64  | volLast           |  lots × 10^8
 * | 100 |    8 | i64  | volHigh           |
 * | 108 |    8 | i64  | volLow            |
 * | 116 |    4 | u32  | tradeDeals        |
 * | 120 |    8 | u64  | tradeVolume       |
 * | 128 |    4 | u32  | tradeTurnover     |
 * | 132 |    4 | u32  | tradeInterest     |
 * | 136 |    4 | u32  | tradeBuyOrders    |
 * | 140 |    8 | i64  | tradeBuyVolume    |
 * | 148 |    4 | u32  | tradeSellOrders   |
 * | 152 |    8 | i64  | tradeSellVolume   |
 * | 160 |    8 | f64  | priceOpen         |  scaled
 * | 168 |    8 | f64  | priceClose        |  scaled
 * | 176 |    8 | f64  | priceAw           |  scaled
 * | 184 |    8 | f64  | priceChange       |  percent × 100
 * | 192 |    8 | f64  | priceVolatility   |  × 1000
 * | 200 |    8 | f64  | priceTheoretical  |  scaled
 * | 208 |    8 | i64  | lasttimeMsc       |
 * | 216 |    8 | i64  | priceGreeksDelta  |  × 10^5
 * | 224 |    8 | i64  | priceGreeksTheta  |  × 10^5
 * | 232 |    8 | i64  | priceGreeksGamma  |  × 10^5
 * | 240 |    8 | i64  | priceGreeksVega   |  × 10^5
 * | 248 |    8 | i64  | priceGreeksRho    |  × 10^5
 * | 256 |    8 | i64  | priceGreeksOmega  |  × 10^5
 * | 264 |    8 | i64  | priceSensitivity  |  × 10^5
 * | 272 |    2 | u16  | flags             |  bit 1 = delayed
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, i32, i64, u16, u32, u64 } from '../fields.js'

export const symbolDetailsSchema = defineRecord('SymbolDetails', {
  symbolId: u32,
  /** Bit mask of the valid values (docs/architecture.md#enumerations). */
  fields: i64,
  /** Unix seconds of the last update. */
  lasttime: i32,
  /** Price decimals used to scale this record's prices. */
  digits: u32,
  /** Bid × 10^digits. */
  bidLast: f64,
  bidHigh: f64,
  bidLow: f64,
  /** Ask × 10^digits. */
  askLast: f64,
  askHigh: f64,
  askLow: f64,
  /** Last × 10^digits. */
  lastLast: f64,
  lastHigh: f64,
  lastLow: f64,
  /** Lots × 10^8. */
  volLast: i64,
  volHigh: i64,
  volLow: i64,
  tradeDeals: u32,
  tradeVolume: u64,
  tradeTurnover: u32,
  tradeInterest: u32,
  tradeBuyOrders: u32,
  tradeBuyVolume: i64,
  tradeSellOrders: u32,
  tradeSellVolume: i64,
  /** Session open × 10^digits. */
  priceOpen: f64,
  /** Previous close × 10^digits. */
  priceClose: f64,
  /** Average weighted price × 10^digits. */
  priceAw: f64,
  /** Change in percent × 100. */
  priceChange: f64,
  /** Volatility × 1000. */
  priceVolatility: f64,
  /** Theoretical price × 10^digits. */
  priceTheoretical: f64,
  /** Millisecond part of the last update. */
  lasttimeMsc: i64,
  /** Option greeks × 10^5. */
  priceGreeksDelta: i64,
  priceGreeksTheta: i64,
  priceGreeksGamma: i64,
  priceGreeksVega: i64,
  priceGreeksRho: i64,
  priceGreeksOmega: i64,
  priceSensitivity: i64,
  /** Bit 1 = delayed quote. */
  flags: u16,
})

/** One symbol-statistics record exactly as on the wire (values still scaled). */
export interface SymbolDetailsRecord extends Infer<typeof symbolDetailsSchema> {}
