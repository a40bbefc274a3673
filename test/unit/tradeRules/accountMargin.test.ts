import { describe, expect, it } from 'vitest'
import { CalcMode } from '../../../src/enums.js'
import { accountMargin, type MarginPosition } from '../../../src/tradeRules/accountMargin.js'
import type { RateSource } from '../../../src/tradeRules/crossRates.js'
import type { SymbolSpec } from '../../../src/tradeRules/symbolSpec.js'
import { spec } from './helpers.js'

const eurusd = spec()
const usdjpy = spec({
  name: 'USDJPY',
  digits: 3,
  point: 0.001,
  tickSize: 0.001,
  currencyBase: 'USD',
  currencyProfit: 'JPY',
  currencyMargin: 'USD',
})
const xauusd = spec(
  {
    name: 'XAUUSD',
    digits: 2,
    point: 0.01,
    tickSize: 0.01,
    contractSize: 100,
    calcMode: CalcMode.CfdLeverage,
    currencyBase: 'XAU',
    currencyProfit: 'USD',
    currencyMargin: 'USD',
  },
  { symbolPath: 'Metals\\XAUUSD', marginRatesInitial: [0.5, 0.5, 1, 1, 1, 1, 1, 1] },
)
const specs = new Map<string, SymbolSpec>([eurusd, usdjpy, xauusd].map((s) => [s.name, s]))
const quotes: Record<string, { bid: number; ask: number }> = {
  EURUSD: { bid: 1.1, ask: 1.1002 },
  USDJPY: { bid: 150, ask: 150.02 },
  XAUUSD: { bid: 2000, ask: 2000.3 },
}
const rates: RateSource = {
  symbols: Object.keys(quotes).map((name) => ({ name })),
  quote: (name) => quotes[name],
}
const base = { specs, leverage: 100, accountCurrency: 'USD', rates }

const buy = (symbol: string, volume: number, priceOpen: number): MarginPosition => ({
  symbol,
  type: 0,
  volume,
  priceOpen,
})
const sell = (symbol: string, volume: number, priceOpen: number): MarginPosition => ({
  ...buy(symbol, volume, priceOpen),
  type: 1,
})

describe('accountMargin', () => {
  it('is 0 without positions', () => {
    expect(accountMargin({ ...base, positions: [], hedging: true })).toEqual({ margin: 0, skipped: [] })
  })

  it('forex: lots × contract / leverage converted at the current ask (buy) or bid (sell)', () => {
    const b = accountMargin({ ...base, positions: [buy('EURUSD', 1, 1.09)], hedging: true })
    expect(b.margin).toBeCloseTo(1000 * 1.1002, 9)
    const s = accountMargin({ ...base, positions: [sell('EURUSD', 1, 1.09)], hedging: true })
    expect(s.margin).toBeCloseTo(1000 * 1.1, 9)
    // margin currency = deposit currency: no conversion
    const j = accountMargin({ ...base, positions: [buy('USDJPY', 0.5, 149)], hedging: true })
    expect(j.margin).toBeCloseTo(500, 9)
  })

  it('CFD leverage uses the open price and the per-type initial margin rate', () => {
    const r = accountMargin({ ...base, positions: [buy('XAUUSD', 2, 1990)], hedging: true })
    expect(r.margin).toBeCloseTo(((2 * 100) / 100) * 1990 * 0.5, 9)
  })

  it('hedging counts the larger leg per symbol; netting adds every position', () => {
    const positions = [
      buy('EURUSD', 1, 1.09),
      buy('EURUSD', 0.5, 1.095),
      sell('EURUSD', 2, 1.1),
      buy('USDJPY', 1, 150),
      sell('USDJPY', 0.3, 150),
    ]
    const buys = 1.5 * 1000 * 1.1002
    const sells = 2 * 1000 * 1.1
    const hedged = accountMargin({ ...base, positions, hedging: true })
    expect(hedged.margin).toBeCloseTo(Math.max(buys, sells) + 1000, 9)
    const netted = accountMargin({ ...base, positions, hedging: false })
    expect(netted.margin).toBeCloseTo(buys + sells + 1000 + 300, 9)
  })

  it('rounds the total to the currency digits when given', () => {
    const r = accountMargin({
      ...base,
      positions: [buy('EURUSD', 0.01, 1.1), buy('EURUSD', 0.01, 1.1)],
      hedging: false,
      currencyDigits: 2,
    })
    expect(r.margin).toBe(Number((2 * 10 * 1.1002).toFixed(2)))
    expect(r.margin).toBe(22)
  })

  it('leaves out positions without a specification or conversion quotes', () => {
    const noQuotes: RateSource = { symbols: [], quote: () => undefined }
    const r = accountMargin({
      ...base,
      rates: noQuotes,
      positions: [buy('EURUSD', 1, 1.1), buy('USDJPY', 1, 150), buy('GBPUSD', 1, 1.3)],
      hedging: true,
    })
    // EURUSD: no EUR → USD quotes; GBPUSD: no specification; USDJPY needs no conversion
    expect(r.skipped).toEqual(['EURUSD', 'GBPUSD'])
    expect(r.margin).toBeCloseTo(1000, 9)
  })
})
