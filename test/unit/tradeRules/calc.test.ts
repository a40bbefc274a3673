import { describe, expect, it } from 'vitest'
import { calcMargin } from '../../../src/tradeRules/calcMargin.js'
import { calcProfit } from '../../../src/tradeRules/calcProfit.js'
import { conversionRates, type RateSource } from '../../../src/tradeRules/crossRates.js'
import { spec } from './helpers.js'

const quotes: Record<string, { bid: number; ask: number }> = {
  EURUSD: { bid: 1.1, ask: 1.1002 },
  USDJPY: { bid: 150, ask: 150.02 },
  GBPUSD: { bid: 1.25, ask: 1.2502 },
}
const rates: RateSource = {
  symbols: Object.keys(quotes).map((name) => ({ name })),
  quote: (n) => quotes[n],
}
const value = (r: ReturnType<typeof calcProfit>) => (r.ok ? r.value : Number.NaN)

describe('conversionRates', () => {
  it('direct, inverse and triangulated through USD', () => {
    expect(conversionRates('EUR', 'USD', rates)).toEqual({ buy: 1.1002, sell: 1.1 })
    const inv = conversionRates('JPY', 'USD', rates)!
    expect(inv.buy).toBeCloseTo(1 / 150, 12)
    expect(inv.sell).toBeCloseTo(1 / 150.02, 12)
    const tri = conversionRates('EUR', 'GBP', rates)!
    expect(tri.buy).toBeCloseTo(1.1002 * (1 / 1.25), 12)
    expect(conversionRates('RUR', 'RUB', rates)).toEqual({ buy: 1, sell: 1 })
    expect(conversionRates('CHF', 'SEK', rates)).toBeUndefined()
  })
})

describe('calcProfit per mode', () => {
  const base = { volume: 2, priceOpen: 1.1, priceClose: 1.101, accountCurrency: 'USD', rates }
  it('forex: dir × Δ × contract × lots', () => {
    expect(value(calcProfit({ ...base, spec: spec(), type: 0 }))).toBeCloseTo(200, 6)
    expect(value(calcProfit({ ...base, spec: spec(), type: 5 }))).toBeCloseTo(-200, 6)
  })
  it('forex with JPY profit converts by direction', () => {
    const s = spec({
      name: 'USDJPY',
      currencyBase: 'USD',
      currencyProfit: 'JPY',
      currencyMargin: 'USD',
      digits: 3,
    })
    const r = calcProfit({
      spec: s,
      type: 0,
      volume: 1,
      priceOpen: 150,
      priceClose: 151,
      accountCurrency: 'USD',
      rates,
    })
    expect(value(r)).toBeCloseTo(100_000 * (1 / 150), 6)
  })
  it('futures use tick value / tick size', () => {
    const s = spec({ calcMode: 1, tickSize: 0.25, tickValue: 12.5, contractSize: 1, currencyProfit: 'USD' })
    expect(value(calcProfit({ ...base, spec: s, type: 0, priceOpen: 100, priceClose: 101 }))).toBeCloseTo(
      2 * 50,
      9,
    )
  })
  it('FORTS', () => {
    const s = spec({ calcMode: 34, tickSize: 1, tickValue: 0.5, currencyProfit: 'USD' })
    expect(value(calcProfit({ ...base, spec: s, type: 1, priceOpen: 100, priceClose: 90 }))).toBeCloseTo(
      10,
      9,
    )
  })
  it('bonds', () => {
    const s = spec({
      calcMode: 37,
      faceValue: 1000,
      accruedInterest: 5,
      contractSize: 1,
      currencyProfit: 'USD',
    })
    const r = calcProfit({ ...base, spec: s, type: 0, volume: 1, priceOpen: 99, priceClose: 100 })
    expect(value(r)).toBeCloseTo(1000 + 5 - 990, 9)
  })
  it('collateral is 0, errors have codes', () => {
    expect(value(calcProfit({ ...base, spec: spec({ calcMode: 64 }), type: 0 }))).toBe(0)
    expect(calcProfit({ ...base, spec: spec({ calcMode: 1, tickValue: 0 }), type: 0 })).toMatchObject({
      ok: false,
      code: -12,
    })
    expect(calcProfit({ ...base, spec: spec(), type: 9 })).toMatchObject({ ok: false, code: -1 })
    expect(calcProfit({ ...base, spec: spec({ currencyProfit: 'SEK' }), type: 0 })).toMatchObject({
      ok: false,
      code: -5,
    })
  })
  it('CFD non-forex converts by sign', () => {
    const s = spec({ calcMode: 2, contractSize: 10, currencyProfit: 'EUR' })
    const gain = calcProfit({ ...base, spec: s, type: 0, volume: 1, priceOpen: 100, priceClose: 101 })
    expect(value(gain)).toBeCloseTo(10 * 1.1, 9)
    const loss = calcProfit({ ...base, spec: s, type: 0, volume: 1, priceOpen: 101, priceClose: 100 })
    expect(value(loss)).toBeCloseTo(-10 * 1.1002, 9)
  })
})

describe('calcMargin per mode', () => {
  const base = { volume: 2, price: 1.1, leverage: 100, accountCurrency: 'USD', rates }
  const m = (over: Parameters<typeof spec>[0], type = 0, extra: Partial<typeof base> = {}) => {
    const r = calcMargin({ ...base, ...extra, spec: spec(over), type })
    return r.ok ? r.value : r.code
  }
  it('forex: lots × contract / leverage in the margin currency, converted', () => {
    expect(m({})).toBeCloseTo(2000 * 1.1002, 6)
    expect(m({}, 1)).toBeCloseTo(2000 * 1.1, 6)
  })
  it('forex no leverage, CFD, CFD index, CFD leverage', () => {
    expect(m({ calcMode: 5, currencyMargin: 'USD' })).toBeCloseTo(200_000, 6)
    expect(m({ calcMode: 2, contractSize: 10, currencyMargin: 'USD' }, 0, { price: 100 })).toBeCloseTo(
      2000,
      9,
    )
    expect(
      m({ calcMode: 3, contractSize: 1, tickSize: 0.1, tickValue: 0.1, currencyMargin: 'USD' }, 0, {
        price: 100,
      }),
    ).toBeCloseTo(200, 9)
    expect(m({ calcMode: 4, contractSize: 100, currencyMargin: 'USD' }, 0, { price: 50 })).toBeCloseTo(100, 9)
  })
  it('futures and exchange stocks with and without initial margin', () => {
    expect(
      m({ calcMode: 1, tickSize: 0.25, tickValue: 12.5, currencyMargin: 'USD' }, 0, { price: 100 }),
    ).toBeCloseTo(2 * 100 * 50, 6)
    expect(m({ calcMode: 1, currencyMargin: 'USD' }, 0, {})).toBeGreaterThan(0)
    const withInitial = calcMargin({
      ...base,
      spec: spec({ calcMode: 33, currencyMargin: 'USD' }, { marginInitial: 500 }),
      type: 0,
    })
    expect(withInitial).toEqual({ ok: true, value: 1000 })
    expect(m({ calcMode: 32, contractSize: 1, currencyMargin: 'USD' }, 0, { price: 20 })).toBeCloseTo(40, 9)
  })
  it('bonds, collateral, margin rate, errors', () => {
    expect(
      m({ calcMode: 39, contractSize: 1, faceValue: 1000, currencyMargin: 'USD' }, 0, { price: 98 }),
    ).toBeCloseTo(1960, 9)
    expect(m({ calcMode: 64 })).toBe(0)
    expect(m({ calcMode: 99 })).toBe(-18)
    expect(m({}, 0, { leverage: 0 })).toBe(-15)
    const rated = calcMargin({
      ...base,
      spec: spec({ currencyMargin: 'USD' }, { marginRatesInitial: [0.5, 1, 1, 1, 1, 1, 1, 1] }),
      type: 0,
    })
    expect(rated).toEqual({ ok: true, value: 1000 })
  })
})
