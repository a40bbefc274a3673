/**
 * cmd 17 symbol-statistics push (official layout): SymbolDetails records (274 B) back to back, no
 * count; k = floor(length / 274). `unscaleSymbolDetails` turns one record into plain values,
 * keeping only the values whose bit is set in `fields` (docs/architecture.md#enumerations).
 */
import { BodyReader, BodyWriter } from '../cursor.js'
import { unscalePrice } from '../scale.js'
import { type SymbolDetailsRecord, symbolDetailsSchema } from '../schemas/symbolDetails.js'

/** Decodes a cmd 17 body (raw records, values still scaled). */
export function decodeSymbolDetails(body: Uint8Array): SymbolDetailsRecord[] {
  return new BodyReader(body, 'cmd 17 symbol details').restRecords(symbolDetailsSchema)
}

/** Encodes a cmd 17 body. */
export function encodeSymbolDetails(records: readonly SymbolDetailsRecord[]): Uint8Array {
  return new BodyWriter(records.length * symbolDetailsSchema.size || 1)
    .records(symbolDetailsSchema, records)
    .finish()
}

type PriceKey =
  | 'bidLast'
  | 'bidHigh'
  | 'bidLow'
  | 'askLast'
  | 'askHigh'
  | 'askLow'
  | 'lastLast'
  | 'lastHigh'
  | 'lastLow'
  | 'priceOpen'
  | 'priceClose'
  | 'priceAw'
  | 'priceTheoretical'
type VolumeKey = 'volLast' | 'volHigh' | 'volLow' | 'tradeVolume' | 'tradeBuyVolume' | 'tradeSellVolume'
type CountKey = 'tradeDeals' | 'tradeTurnover' | 'tradeInterest' | 'tradeBuyOrders' | 'tradeSellOrders'
type GreekKey =
  | 'priceGreeksDelta'
  | 'priceGreeksTheta'
  | 'priceGreeksGamma'
  | 'priceGreeksVega'
  | 'priceGreeksRho'
  | 'priceGreeksOmega'
  | 'priceSensitivity'

/** Symbol statistics in plain units; a value is present only when its `fields` bit is set. */
export type SymbolDetails = {
  symbolId: number
  /** The raw validity mask. */
  fields: bigint
  /** Unix seconds of the last update. */
  lasttime: number
  /** Millisecond part of the last update (raw). */
  lasttimeMsc: bigint
  digits: number
  /** Raw wire flags. */
  flags: number
  /** `flags & 1`: delayed statistics. */
  delayed: boolean
  /** Percent. */
  priceChange?: number
  priceVolatility?: number
} & { [K in PriceKey]?: number } & { [K in VolumeKey]?: bigint } & { [K in CountKey]?: number } & {
  [K in GreekKey]?: number
}

/** `fields` bit of every statistic (docs/architecture.md#enumerations). */
export const symbolDetailsFieldBits = {
  bidLast: 1n << 0n,
  bidHigh: 1n << 1n,
  bidLow: 1n << 2n,
  askLast: 1n << 3n,
  askHigh: 1n << 4n,
  askLow: 1n << 5n,
  lastLast: 1n << 6n,
  lastHigh: 1n << 7n,
  lastLow: 1n << 8n,
  volLast: 1n << 9n,
  volHigh: 1n << 10n,
  volLow: 1n << 11n,
  tradeBuyVolume: 1n << 12n,
  tradeSellVolume: 1n << 13n,
  tradeBuyOrders: 1n << 14n,
  tradeSellOrders: 1n << 15n,
  tradeDeals: 1n << 16n,
  tradeVolume: 1n << 17n,
  tradeTurnover: 1n << 18n,
  tradeInterest: 1n << 19n,
  priceOpen: 1n << 20n,
  priceClose: 1n << 21n,
  priceAw: 1n << 22n,
  priceChange: 1n << 23n,
  priceVolatility: 1n << 24n,
  priceTheoretical: 1n << 25n,
  priceGreeksDelta: 1n << 34n,
  priceGreeksTheta: 1n << 35n,
  priceGreeksGamma: 1n << 36n,
  priceGreeksVega: 1n << 37n,
  priceGreeksRho: 1n << 38n,
  priceGreeksOmega: 1n << 39n,
  priceSensitivity: 1n << 40n,
} as const

const priceKeys: readonly PriceKey[] = [
  'bidLast',
  'bidHigh',
  'bidLow',
  'askLast',
  'askHigh',
  'askLow',
  'lastLast',
  'lastHigh',
  'lastLow',
  'priceOpen',
  'priceClose',
  'priceAw',
  'priceTheoretical',
]
const volumeKeys: readonly VolumeKey[] = [
  'volLast',
  'volHigh',
  'volLow',
  'tradeVolume',
  'tradeBuyVolume',
  'tradeSellVolume',
]
const countKeys: readonly CountKey[] = [
  'tradeDeals',
  'tradeTurnover',
  'tradeInterest',
  'tradeBuyOrders',
  'tradeSellOrders',
]
const greekKeys: readonly GreekKey[] = [
  'priceGreeksDelta',
  'priceGreeksTheta',
  'priceGreeksGamma',
  'priceGreeksVega',
  'priceGreeksRho',
  'priceGreeksOmega',
  'priceSensitivity',
]

/**
 * Plain values of one record: prices ÷ 10^digits (the record's own digits, official rounding),
 * `priceChange` ÷ 100, `priceVolatility` ÷ 1000, greeks ÷ 10^5. Values whose bit is not set in
 * `fields` are left out.
 */
export function unscaleSymbolDetails(record: SymbolDetailsRecord): SymbolDetails {
  const mask = record.fields
  const out: SymbolDetails = {
    symbolId: record.symbolId,
    fields: mask,
    lasttime: record.lasttime,
    lasttimeMsc: record.lasttimeMsc,
    digits: record.digits,
    flags: record.flags,
    delayed: (record.flags & 1) !== 0,
  }
  const has = (key: keyof typeof symbolDetailsFieldBits): boolean =>
    (mask & symbolDetailsFieldBits[key]) !== 0n
  for (const key of priceKeys) if (has(key)) out[key] = unscalePrice(record[key], record.digits)
  for (const key of volumeKeys) if (has(key)) out[key] = record[key]
  for (const key of countKeys) if (has(key)) out[key] = record[key]
  for (const key of greekKeys) if (has(key)) out[key] = Number(record[key]) / 1e5
  if (has('priceChange')) out.priceChange = record.priceChange / 100
  if (has('priceVolatility')) out.priceVolatility = record.priceVolatility / 1000
  return out
}
