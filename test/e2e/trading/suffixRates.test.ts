/**
 * Margin and profit on a broker that names every symbol with a suffix (`EURUSD.m`, no plain
 * `EURUSD`): the conversion pairs are found with the suffix. Found by the copier's fault campaign
 * (every copy to such a target with `marginCheck` was refused: "no quotes to convert EUR into USD").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultBroker, deriveBroker } from '../../../src/sim/engine/config.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { symbolAffixes } from '../../../src/tradeState/context.js'
import { makeTradingClient, until } from './_tradingClient.js'

describe('trading e2e: a broker whose symbols all carry a suffix', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeTradingClient>

  beforeAll(async () => {
    const broker = deriveBroker(defaultBroker(), { name: 'SuffixBroker', rename: (n) => `${n}.m` })
    sim = await createSimServer({ port: 0, host: '127.0.0.1', brokers: [broker], historyDays: 0 })
    client = makeTradingClient(sim.url())
    await client.connect()
    await client.subscribeTicks(['EURUSD.m'])
    await until(() => client.lastTick('EURUSD.m') !== undefined)
  })

  afterAll(async () => {
    await client.close()
    await sim.close()
  })

  it('orderCheck and orderCalcMargin convert EUR margin into USD through EURUSD.m', async () => {
    const tick = client.lastTick('EURUSD.m')
    const margin = await client.orderCalcMargin({ type: 2, symbol: 'EURUSD.m', volume: 1, price: 1.07 })
    expect(margin).toBeGreaterThan(0)
    const check = await client.orderCheck({
      action: 5,
      symbol: 'EURUSD.m',
      type: 2,
      volume: 1,
      price: Number(((tick?.ask ?? 1.085) - 0.01).toFixed(5)),
    })
    expect(check.retcode).toBe(0)
    expect(check.margin).toBeGreaterThan(0)
  })

  it('orderCalcProfit converts a JPY profit through USDJPY.m', async () => {
    const profit = await client.orderCalcProfit({
      type: 0,
      symbol: 'USDJPY.m',
      volume: 1,
      priceOpen: 150,
      priceClose: 151,
    })
    // 100,000 JPY for a one-yen move of 1 lot, converted at the current USDJPY.m rate (~150)
    expect(profit).toBeGreaterThan(100_000 / 152)
    expect(profit).toBeLessThan(100_000 / 148)
  })

  it('symbolAffixes finds the text around the currency pair', () => {
    expect(symbolAffixes({ name: 'EURUSD.m', currencyBase: 'EUR', currencyProfit: 'USD' })).toEqual([
      '',
      '.m',
    ])
    expect(symbolAffixes({ name: 'm.EURUSD', currencyBase: 'EUR', currencyProfit: 'USD' })).toEqual([
      'm.',
      '',
    ])
    expect(symbolAffixes({ name: 'GOLD', currencyBase: 'XAU', currencyProfit: 'USD' })).toBeUndefined()
    expect(symbolAffixes({ name: 'EURUSD' })).toBeUndefined()
  })
})
