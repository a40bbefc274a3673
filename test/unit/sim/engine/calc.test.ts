import { describe, expect, it } from 'vitest'
import { defineSymbol, resolveSymbol, type SymbolConfig } from '../../../../src/sim/engine/config.js'
import { CalcMode } from '../../../../src/sim/engine/constants.js'
import { conversionRates, type PriceSource } from '../../../../src/sim/engine/conversion.js'
import { calcMargin, rawMargin } from '../../../../src/sim/engine/margin.js'
import { calcProfit, rawProfit } from '../../../../src/sim/engine/profit.js'
import { HEDGING, marketReq, setup } from './setup.js'

const spec = (f: Partial<SymbolConfig>) => resolveSymbol(defineSymbol({ name: 'TEST', ...f }))

function priceSource(quotes: Record<string, [number, number]>, symbols: SymbolConfig[]): PriceSource {
  return {
    symbols: symbols.map(resolveSymbol),
    quote: (s) => {
      const q = quotes[s]
      return q ? { bid: q[0], ask: q[1] } : undefined
    },
  }
}

describe('margin per calculation mode (raw, margin currency)', () => {
  const cases: [string, Partial<SymbolConfig>, number, number, number][] = [
    // name, symbol, lots, price, expected (leverage 100)
    ['forex', { calcMode: CalcMode.Forex, contractSize: 100_000 }, 2, 1.1, 2000],
    ['forex no leverage', { calcMode: CalcMode.ForexNoLeverage, contractSize: 100_000 }, 2, 1.1, 200_000],
    ['CFD', { calcMode: CalcMode.Cfd, contractSize: 10 }, 2, 50, 1000],
    [
      'CFD index',
      { calcMode: CalcMode.CfdIndex, contractSize: 1, tickSize: 0.25, tickValue: 12.5 },
      2,
      5000,
      500_000,
    ],
    ['CFD leverage', { calcMode: CalcMode.CfdLeverage, contractSize: 100 }, 2, 2000, 4000],
    ['futures (initial margin)', { calcMode: CalcMode.Futures, marginInitial: 3000 }, 2, 5000, 6000],
    [
      'futures (price × point value)',
      { calcMode: CalcMode.Futures, tickSize: 0.25, tickValue: 12.5 },
      2,
      5000,
      500_000,
    ],
    ['exchange stocks', { calcMode: CalcMode.ExchangeStocks, contractSize: 1 }, 100, 150, 15_000],
    ['bonds', { calcMode: CalcMode.ExchangeBonds, contractSize: 1, faceValue: 1000 }, 10, 98, 9800],
    ['collateral', { calcMode: CalcMode.Collateral }, 10, 98, 0],
  ]
  for (const [name, f, lots, price, expected] of cases) {
    it(name, () => {
      expect(rawMargin(spec(f), lots, price, 100)).toBeCloseTo(expected, 6)
    })
  }

  it('applies the margin rate', () => {
    expect(
      rawMargin(spec({ calcMode: CalcMode.Cfd, contractSize: 10, marginRate: 0.1 }), 2, 50, 100),
    ).toBeCloseTo(100, 6)
  })
})

describe('profit per calculation mode (raw, profit currency)', () => {
  const cases: [string, Partial<SymbolConfig>, 1 | -1, number, number, number, number][] = [
    ['forex buy', { calcMode: CalcMode.Forex }, 1, 1, 1.1, 1.101, 100],
    ['forex sell', { calcMode: CalcMode.Forex }, -1, 1, 1.1, 1.101, -100],
    ['CFD', { calcMode: CalcMode.Cfd, contractSize: 10 }, 1, 2, 50, 51, 20],
    ['CFD index', { calcMode: CalcMode.CfdIndex, contractSize: 1 }, -1, 3, 5000, 4990, 30],
    ['futures', { calcMode: CalcMode.Futures, tickSize: 0.25, tickValue: 12.5 }, 1, 2, 5000, 5001, 100],
    ['bonds', { calcMode: CalcMode.ExchangeBonds, contractSize: 1, faceValue: 1000 }, 1, 10, 98, 99, 100],
    ['collateral', { calcMode: CalcMode.Collateral }, 1, 10, 98, 99, 0],
  ]
  for (const [name, f, dir, lots, open, close, expected] of cases) {
    it(name, () => {
      expect(rawProfit(spec(f), dir, lots, open, close)).toBeCloseTo(expected, 6)
    })
  }
})

describe('cross-rate conversion', () => {
  const symbols = [
    defineSymbol({ name: 'EURUSD' }),
    defineSymbol({ name: 'USDJPY', digits: 3 }),
    defineSymbol({ name: 'GBPUSD' }),
  ]
  const prices = priceSource(
    { EURUSD: [1.1, 1.1002], USDJPY: [150, 150.02], GBPUSD: [1.25, 1.2502] },
    symbols,
  )

  it('direct, inverse and through USD', () => {
    expect(conversionRates('EUR', 'USD', prices)).toEqual({ buy: 1.1002, sell: 1.1 })
    const jpy = conversionRates('JPY', 'USD', prices)!
    expect(jpy.buy).toBeCloseTo(1 / 150, 12)
    expect(jpy.sell).toBeCloseTo(1 / 150.02, 12)
    const jpyEur = conversionRates('JPY', 'EUR', prices)!
    expect(jpyEur.buy).toBeCloseTo((1 / 150) * (1 / 1.1), 12)
    expect(conversionRates('GBP', 'EUR', prices)!.sell).toBeCloseTo(1.25 / 1.1002, 12)
    expect(conversionRates('CHF', 'USD', prices)).toBeUndefined()
  })

  it('USDJPY profit is converted from JPY to a USD deposit', () => {
    const usdjpy = resolveSymbol(symbols[1]!)
    const r = calcProfit(usdjpy, 1, 1, 150, 151.5, 'USD', prices)!
    expect(r.profit).toBeCloseTo(150_000 / 150, 6)
  })

  it('EURUSD margin in a JPY deposit converts EUR via EURUSD and USDJPY', () => {
    const eurusd = resolveSymbol(symbols[0]!)
    const m = calcMargin(eurusd, 1, 1, 1.1, 100, 'JPY', prices)!
    expect(m.margin).toBeCloseTo(1000 * 1.1002 * 150.02, 4)
  })

  it('engine: a USDJPY position in a USD account shows USD profit', () => {
    const { engine } = setup()
    engine.processRequest(HEDGING, marketReq('USDJPY', 0, 1)) // at 150.010
    engine.setPrice('USDJPY', 151.01, 151.02)
    const snap = engine.snapshot(HEDGING)
    // (151.010 − 150.010) × 100 000 JPY at 1/151.01 (USDJPY bid → buy rate uses 1/bid)
    expect(snap.positions[0]!.profit).toBeCloseTo(100_000 / 151.01, 2)
    // margin: 1000 USD (base currency = deposit currency)
    expect(snap.summary.margin).toBeCloseTo(1000, 6)
  })

  it('engine: US500 CFD index margin uses the 5 % margin rate', () => {
    const { engine } = setup()
    engine.setPrice('US500', 5000, 5000.5)
    engine.processRequest(HEDGING, marketReq('US500', 0, 2))
    expect(engine.snapshot(HEDGING).summary.margin).toBeCloseTo(2 * 5000.5 * 0.05, 6)
  })

  it('engine: XAUUSD CFD leverage margin', () => {
    const { engine } = setup()
    engine.setPrice('XAUUSD', 2000, 2000.3)
    engine.processRequest(HEDGING, marketReq('XAUUSD', 1, 1))
    expect(engine.snapshot(HEDGING).summary.margin).toBeCloseTo((100 * 2000) / 100, 6)
  })
})
