/**
 * OrderManager events and floating profit (issue 8, item 4): `orderFilled` fires for fills, and the
 * floating profit follows the quotes after every trade, also for symbols whose profit currency is
 * not the deposit currency (USDJPY through its own quote, EURGBP through GBPUSD, USD account).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Order, Position } from '../../../src/model/types.js'
import { createOrderManager, type OrderManager } from '../../../src/tradeState/OrderManager.js'
import { startCrossTrading, type TradingEnv, until } from './_setup.js'

/** The manager's position opened by `order`. */
function positionOf(manager: OrderManager, order: bigint): Position {
  const p = manager.positions().find((x) => x.order === order)
  if (!p) throw new Error(`no position for order ${order}`)
  return p
}

describe('OrderManager e2e: fills and floating profit', () => {
  let env: TradingEnv
  let manager: OrderManager

  beforeEach(async () => {
    env = await startCrossTrading()
    manager = createOrderManager(env.client)
    await manager.start()
  })
  afterEach(async () => {
    manager.stop()
    await env.close()
  })

  it('orderFilled fires once for a market fill and for a triggered limit; orderRemoved says filled', async () => {
    const filled: Order[] = []
    const removed: Array<[bigint, string]> = []
    manager.on('orderFilled', (o) => filled.push(o))
    manager.on('orderRemoved', (o, status) => removed.push([o.ticket, status]))
    const market = await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.1 })
    await until(() => filled.length === 1)
    expect(filled[0]!.ticket).toBe(market.order)
    const limit = await env.client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.08 })
    await env.price('EURUSD', 1.0797, 1.0799)
    await until(() => filled.length === 2)
    expect(filled[1]!.ticket).toBe(limit.order)
    expect(manager.getOrder(limit.order)?.status).toBe('filled')
    expect(removed).toContainEqual([limit.order, 'filled'])
    // no repeats from the history record or the deal that follow
    await env.client.positions()
    expect(filled.map((o) => o.ticket)).toEqual([market.order, limit.order])
  })

  it('profit keeps following the quotes after further trades (EURUSD) and converts USDJPY', async () => {
    const eur = await env.client.buyMarket({ symbol: 'EURUSD', volume: 1 })
    const jpy = await env.client.buyMarket({ symbol: 'USDJPY', volume: 1 })
    await until(() => manager.positions().length === 2)
    // another trade after both: its cmd 14 push used to drop the specifications
    await env.client.sellMarket({ symbol: 'EURUSD', volume: 0.01 })
    await env.price('EURUSD', 1.086, 1.0862)
    await env.price('USDJPY', 150.5, 150.52)
    // buy 1 lot at 1.0852, bid 1.086: 80 USD; buy 1 lot at 150.02, bid 150.5: 48 000 JPY / 150.5
    await until(
      () => positionOf(manager, eur.order).profit === 80 && positionOf(manager, jpy.order).profit === 318.94,
    )
    expect(positionOf(manager, jpy.order).priceCurrent).toBe(150.5)
    const server = await env.client.positions()
    for (const p of server) expect(positionOf(manager, p.order).profit).toBe(p.profit)
    const total = server.reduce((sum, p) => sum + p.profit, 0)
    expect(manager.floatingProfit()).toBe(Number(total.toFixed(2)))
  })

  it('a cross (EURGBP) follows its conversion symbol (GBPUSD) and matches the server', async () => {
    const cross = await env.client.buyMarket({ symbol: 'EURGBP', volume: 1 })
    await until(() => manager.positions().length === 1)
    await env.price('EURGBP', 0.8562, 0.8564)
    // buy 1 lot at 0.8552, bid 0.8562: 100 GBP at the GBPUSD ask 1.2702
    await until(() => positionOf(manager, cross.order).profit === 127.02)
    // GBPUSD alone moves the USD value
    await env.price('GBPUSD', 1.3, 1.3002)
    await until(() => positionOf(manager, cross.order).profit === 130.02)
    // the server re-values on the symbol's next tick: the same figure
    await env.price('EURGBP', 0.8572, 0.8574)
    await until(() => positionOf(manager, cross.order).profit === 260.04)
    const [server] = await env.client.positions({ symbol: 'EURGBP' })
    expect(server!.profit).toBe(260.04)
    expect(manager.exposure()).toEqual([
      { symbol: 'EURGBP', positions: 1, buyVolume: 1, sellVolume: 0, netVolume: 1, profit: 260.04 },
    ])
  })
})
