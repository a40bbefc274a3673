/**
 * Deterministic, realistic inputs shared by the codec benchmarks and by the test proving the
 * hand-written references decode exactly what the compiled decoders decode.
 */
import { encodeSymbolList } from '../../src/codec/messages/symbols.js'
import { encodeTickRecords } from '../../src/codec/messages/ticks.js'
import type { PositionRecord } from '../../src/codec/schemas/position.js'
import { positionSchema } from '../../src/codec/schemas/position.js'
import type { SymbolBasicRecord } from '../../src/codec/schemas/symbolBasic.js'
import type { TickRecord } from '../../src/codec/schemas/tick.js'
import type { TradeRequestRecord } from '../../src/codec/schemas/tradeRequest.js'

const PAIRS = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'AUD', 'NZD', 'CAD', 'SEK', 'NOK'] as const
const NAMES: Record<string, string> = {
  EUR: 'Euro',
  USD: 'US Dollar',
  GBP: 'Great Britain Pound',
  JPY: 'Japanese Yen',
  CHF: 'Swiss Franc',
  AUD: 'Australian Dollar',
  NZD: 'New Zealand Dollar',
  CAD: 'Canadian Dollar',
  SEK: 'Swedish Krona',
  NOK: 'Norwegian Krone',
}

/** `count` ticks over 40 symbols, bid/ask always present, last/volume on every 4th tick. */
export function makeTicks(count: number): TickRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const full = i % 4 === 0
    const base = 108_000 + ((i * 37) % 900)
    return {
      symbolId: 1 + (i % 40),
      tickTime: 1_763_700_000 + (i >> 3),
      fields: full ? 15 : 3,
      bid: base,
      ask: base + 2 + (i % 5),
      last: full ? base + 1 : 0,
      tickVolume: full ? BigInt(100_000_000 * (1 + (i % 7))) : 0n,
      timeMsDelta: (i * 7) % 1000,
      flags: i % 50 === 0 ? 0x200 : 0,
    }
  })
}

/** A cmd 8 body of `count` ticks (50 B each, back to back). */
export function makeTickBody(count: number): Uint8Array {
  return encodeTickRecords(makeTicks(count))
}

/** Digits per symbol id for `decodeTicks` (every 5th symbol is a 3-digit JPY cross). */
export function tickDigits(symbolId: number): number | undefined {
  return symbolId % 5 === 0 ? 3 : 5
}

/** `count` symbols with realistic names, descriptions, paths and bases (ASCII, 6–40 chars). */
export function makeSymbols(count: number): SymbolBasicRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const a = PAIRS[i % PAIRS.length]!
    const b = PAIRS[(i + 1 + Math.floor(i / PAIRS.length)) % PAIRS.length]!
    const suffix = i < 90 ? '' : `.${String.fromCharCode(97 + (i % 26))}${i}`
    const name = `${a}${b}${suffix}`
    const group = i % 3 === 0 ? 'Majors' : i % 3 === 1 ? 'Minors' : 'Exotics'
    return {
      tradeSymbol: name,
      symbolDescription: `${NAMES[a]} vs ${NAMES[b]}`,
      digits: b === 'JPY' ? 3 : 5,
      symbolId: 1000 + i,
      symbolPath: `Forex\\${group}\\${name}`,
      tradeCalcMode: i % 4,
      basis: i % 2 === 0 ? `${a}${b}` : '',
      sector: 1 + (i % 12),
    }
  })
}

/** A cmd 6 body: `u32 n` + n × SymbolBasic. */
export function makeSymbolBody(count: number): Uint8Array {
  return encodeSymbolList(makeSymbols(count))
}

/** A typical market buy with SL/TP and a comment (official 248-byte layout). */
export function makeTradeRequest(): TradeRequestRecord {
  return {
    actionId: 1001,
    tradeAction: 1,
    tradeSymbol: 'EURUSD',
    tradeVolume: 10_000_000n,
    digits: 5,
    tradeOrder: 0n,
    tradeType: 0,
    typeFilling: 1,
    typeTime: 0,
    typeFlags: 2,
    typeReason: 0,
    priceOrder: 1.08543,
    priceTrigger: 0,
    priceSl: 1.08043,
    priceTp: 1.09543,
    priceDeviation: 10,
    priceTop: 0,
    priceBottom: 0,
    comment: 'copier #42',
    tradePosition: 0n,
    positionBy: 0n,
    timeExpiration: 0,
  }
}

/** `count` open positions. */
export function makePositions(count: number): PositionRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    positionId: 50_000_000n + BigInt(i),
    tradeOrder: 60_000_000n + BigInt(i),
    timeCreate: 1_763_700_000 + i,
    timeUpdate: 1_763_700_100 + i,
    tradeSymbol: `${PAIRS[i % PAIRS.length]}${PAIRS[(i + 1) % PAIRS.length]}`,
    tradeAction: i % 2,
    priceOpen: 1.08 + i / 10_000,
    priceClose: 1.081 + i / 10_000,
    sl: i % 3 === 0 ? 0 : 1.07,
    tp: i % 3 === 0 ? 0 : 1.1,
    tradeVolume: BigInt(1_000_000 * (1 + (i % 50))),
    profit: (i % 17) * 3.25 - 20,
    rateProfit: 1,
    rateMargin: 1.08,
    commission: -0.7,
    storage: -(i % 5) * 0.12,
    expert: BigInt(i % 4),
    expertPositionId: 0n,
    comment: i % 2 === 0 ? `copier #${i}` : '',
    contractSize: 100_000,
    digits: 5,
    digitsCurrency: 2,
    tradeReason: i % 4,
    externalId: '',
    timeCreateMs: (i * 13) % 1000,
    timeUpdateMs: (i * 17) % 1000,
  }))
}

/** The positions part of a cmd 4 body: `u32 n` + n × Position. */
export function makePositionBody(count: number): Uint8Array {
  const out = new Uint8Array(4 + count * positionSchema.size)
  const view = new DataView(out.buffer)
  view.setUint32(0, count, true)
  makePositions(count).forEach((p, i) => {
    positionSchema.encodeInto(view, 4 + i * positionSchema.size, p)
  })
  return out
}
