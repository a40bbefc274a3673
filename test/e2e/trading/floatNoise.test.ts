/**
 * Numbers users read carry no float noise (issue 8, item 6): the simulator's symbol specifications
 * and the local margin and profit calculators, on a USD account with a direct pair (EURUSD), a pair
 * quoted in yen (USDJPY) and a cross converted through another symbol (EURGBP via GBPUSD).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEDGING, startCrossTrading, type TradingEnv } from './_setup.js'

/** True when `x` prints as at most `digits` decimals (no 1085.8000000000002). */
function clean(x: number, digits: number): boolean {
  return Number(x.toFixed(digits)) === x
}

describe('float noise e2e (USD account, 2 currency digits)', () => {
  let env: TradingEnv

  beforeAll(async () => {
    env = await startCrossTrading([1.0856, 1.0858])
  })
  afterAll(async () => {
    await env.close()
  })

  it('symbol specifications: point and tick size are 10^-digits, tick value exact', async () => {
    const eurusd = await env.client.fullSymbolInfo('EURUSD')
    expect(eurusd.point).toBe(0.00001)
    expect(eurusd.tickSize).toBe(0.00001)
    expect(eurusd.tickValue).toBe(1)
    const usdjpy = await env.client.fullSymbolInfo('USDJPY')
    expect(usdjpy.point).toBe(0.001)
    expect(usdjpy.tickSize).toBe(0.001)
    expect(usdjpy.tickValue).toBe(100)
  })

  it('orderCalcMargin and orderCalcProfit are rounded to the currency digits', async () => {
    const { client } = env
    // 1 lot × 100 000 / 100 × 1.0858 = 1085.8000000000002 in doubles
    expect(await client.orderCalcMargin({ type: 0, symbol: 'EURUSD', volume: 1, price: 1.0858 })).toBe(1085.8)
    // (1.086 − 1.085) × 100 000 = 100.0000000000112 in doubles
    expect(
      await client.orderCalcProfit({
        type: 0,
        symbol: 'EURUSD',
        volume: 1,
        priceOpen: 1.085,
        priceClose: 1.086,
      }),
    ).toBe(100)
    // 50 000 JPY at 1 / 150 = 333.3333333333333
    expect(
      await client.orderCalcProfit({
        type: 0,
        symbol: 'USDJPY',
        volume: 1,
        priceOpen: 150,
        priceClose: 150.5,
      }),
    ).toBe(333.33)
    // 100 GBP at the GBPUSD ask 1.2702
    expect(
      await client.orderCalcProfit({
        type: 0,
        symbol: 'EURGBP',
        volume: 1,
        priceOpen: 0.855,
        priceClose: 0.856,
      }),
    ).toBe(127.02)
  })

  it('orderCheck: used margin as accountInfo() computes it (hedged: larger leg), rounded figures', async () => {
    const { client, sim } = env
    for (const r of [
      sim.control.buy(HEDGING, 'EURUSD', 0.5),
      sim.control.sell(HEDGING, 'EURUSD', 0.3),
      sim.control.buy(HEDGING, 'USDJPY', 0.7),
    ])
      expect(r.result.retcode).toBe(10009)
    const info = await client.accountInfo()
    expect(info.margin).toBe(sim.control.account(HEDGING).summary.margin)
    const check = await client.orderCheck({ action: 3, symbol: 'EURGBP', type: 0, volume: 0.13 })
    expect(check.retcode).toBe(0)
    // 0.13 lot × 100 000 / 100 in EUR at the EURUSD ask 1.0858
    expect(check.margin).toBe(Number((info.margin + 130 * 1.0858).toFixed(2)))
    expect(check.equity).toBe(info.equity)
    expect(check.marginFree).toBe(Number((check.equity - check.margin).toFixed(2)))
    expect(clean(check.marginLevel, 2)).toBe(true)
    for (const p of await client.positions()) await client.closePosition({ ticket: p.ticket })
  })

  it('property: margin and profit never show float noise', async () => {
    const { client } = env
    // digits and a price near the quote of each symbol
    const symbols = { EURUSD: [5, 1.0856], USDJPY: [3, 150], EURGBP: [5, 0.855] } as const
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(symbols) as Array<keyof typeof symbols>)),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: -20_000, max: 20_000 }),
        fc.integer({ min: -5_000, max: 5_000 }),
        async (symbol, type, hundredths, offset, move) => {
          const [digits, near] = symbols[symbol]
          // prices on the symbol's grid: `offset` and `move` in points
          const priceOpen = Number((near + offset / 10 ** digits).toFixed(digits))
          const priceClose = Number((priceOpen + move / 10 ** digits).toFixed(digits))
          const volume = hundredths / 100
          const margin = await client.orderCalcMargin({ type, symbol, volume, price: priceOpen })
          const profit = await client.orderCalcProfit({ type, symbol, volume, priceOpen, priceClose })
          expect(clean(margin, 2), `margin ${margin}`).toBe(true)
          expect(clean(profit, 2), `profit ${profit}`).toBe(true)
        },
      ),
      { numRuns: 100, seed: 8 },
    )
  })
})
