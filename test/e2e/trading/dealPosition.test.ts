import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBaseClient } from '../../../src/client/createBaseClient.js'
import { accountActions } from '../../../src/decorators/account.js'
import { marketDataActions } from '../../../src/decorators/marketData.js'
import { orderHelperActions } from '../../../src/decorators/orderHelpers.js'
import { tradingActions } from '../../../src/decorators/trading.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { HEDGING, makeTradingClient, NETTING, PASSWORD, until } from './_tradingClient.js'

describe('trading e2e: the position ticket of a market deal', () => {
  let sim: SimServer
  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    sim.control.setPrice('EURUSD', 1.085, 1.0852)
  })
  afterEach(async () => {
    await sim.close()
  })

  it('is in the result of an opening, an adding and a closing deal; 0n for a pending order', async () => {
    const client = makeTradingClient(sim.url(), { login: NETTING })
    await client.connect()
    try {
      const open = await client.buyMarket({ symbol: 'EURUSD', volume: 0.1 })
      const [pos] = await client.positions({ symbol: 'EURUSD' })
      expect(open.position).toBe(pos!.ticket)
      expect(open.position).not.toBe(0n)
      // netting: a second buy adds to the same position
      const add = await client.buyMarket({ symbol: 'EURUSD', volume: 0.1 })
      expect(add.position).toBe(pos!.ticket)
      const close = await client.closePosition({ ticket: pos!.ticket })
      expect(close.position).toBe(pos!.ticket)
      const pending = await client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.07 })
      expect(pending.deal).toBe(0n)
      expect(pending.position).toBe(0n)
    } finally {
      await client.close()
    }
  })

  it('only requests that can make a deal watch the deal pushes (pending, modify, remove do not)', async () => {
    const client = makeTradingClient(sim.url(), { login: HEDGING })
    await client.connect()
    try {
      await client.subscribeTicks('EURUSD')
      await until(() => client.lastTick('EURUSD') !== undefined)
      const idle = client.events.listenerCount('tradeTransaction')
      // which listeners each request adds (the watch is added after its first awaits)
      const added: (string | symbol)[] = []
      const events = client.events
      const on = events.on.bind(events)
      events.on = ((event: never, fn: never, context?: unknown) => {
        added.push(event)
        return on(event, fn, context)
      }) as typeof events.on
      const watching = async <T>(request: Promise<T>): Promise<[T, number]> => {
        added.length = 0
        const result = await request
        return [result, added.filter((e) => e === 'tradeTransaction').length]
      }
      const [pending, p] = await watching(client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.07 }))
      expect([pending.ok, pending.deal, pending.position, p]).toEqual([true, 0n, 0n, 0])
      const [, m] = await watching(
        client.tradeRequest({ action: 7, order: pending.order, symbol: 'EURUSD', type: 2, price: 1.071 }),
      )
      const [removed, r] = await watching(client.tradeRequest({ action: 8, order: pending.order }))
      expect([removed.ok, m, r]).toEqual([true, 0, 0])
      const [market, d] = await watching(client.buyMarket({ symbol: 'EURUSD', volume: 0.1 }))
      expect(d).toBe(1)
      expect(market.position).not.toBe(0n)
      expect(events.listenerCount('tradeTransaction')).toBe(idle)
    } finally {
      await client.close()
    }
  })

  it('is read from the history when the client gets no deal pushes (no pushHandlers)', async () => {
    const bare = createBaseClient({ server: sim.url(), login: HEDGING, password: PASSWORD, reconnect: false })
      .extend(marketDataActions)
      .extend(accountActions)
      .extend(tradingActions)
      .extend(orderHelperActions)
    await bare.connect()
    try {
      await bare.subscribeTicks('EURUSD')
      await until(() => bare.lastTick('EURUSD') !== undefined)
      const r = await bare.sellMarket({ symbol: 'EURUSD', volume: 0.2 })
      expect(r.ok).toBe(true)
      const { deals } = await bare.history({ from: 0, ticket: r.deal })
      expect(deals[0]?.positionId).toBeGreaterThan(0n)
      expect(r.position).toBe(deals[0]!.positionId)
    } finally {
      await bare.close()
    }
  })
})
