import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TradeError } from '../../../src/errors.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { createOrderManager } from '../../../src/tradeState/OrderManager.js'
import { makeTradingClient, until } from './_tradingClient.js'

describe('trading e2e: close-by, expiration, calculations, order manager', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeTradingClient>

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    sim.control.setPrice('EURUSD', 1.085, 1.0852)
    sim.control.setPrice('USDJPY', 150, 150.02)
    client = makeTradingClient(sim.url())
    await client.connect()
    await client.subscribeTicks(['EURUSD', 'USDJPY'])
    await until(() => client.lastTick('EURUSD') !== undefined && client.lastTick('USDJPY') !== undefined)
  })

  afterEach(async () => {
    await client.close()
    await sim.close()
  })

  it('closes a position by an opposite one', async () => {
    const a = await client.buyMarket({ symbol: 'EURUSD', volume: 0.3 })
    const b = await client.sellMarket({ symbol: 'EURUSD', volume: 0.1 })
    const [pa] = await client
      .positions({ ticket: undefined, symbol: 'EURUSD' })
      .then((ps) => ps.filter((p) => p.order === a.order))
    const [pb] = await client
      .positions({ symbol: 'EURUSD' })
      .then((ps) => ps.filter((p) => p.order === b.order))
    const r = await client.closePositionBy({ ticket: pa!.ticket, by: pb!.ticket })
    expect(r.ok).toBe(true)
    const left = await client.positions({ symbol: 'EURUSD' })
    expect(left).toHaveLength(1)
    expect(left[0]!.volume).toBe(0.2)
  })

  it('expires SPECIFIED and DAY orders when the sim clock advances; GTC stays', async () => {
    const now = Math.floor(sim.control.clock.now() / 1000)
    const spec = await client.buyLimit({
      symbol: 'EURUSD',
      volume: 0.1,
      price: 1.07,
      timeType: 2,
      expiration: now + 3600,
    })
    const day = await client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.07, timeType: 1 })
    const gtc = await client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.07 })
    const specDay = await client.buyLimit({
      symbol: 'EURUSD',
      volume: 0.1,
      price: 1.07,
      timeType: 3,
      expiration: now + 3 * 86_400,
    })
    sim.control.advanceClock(2 * 3600_000)
    await until(async () => !(await client.orders()).some((o) => o.ticket === spec.order))
    sim.control.advanceClock(2 * 86_400_000)
    await until(async () => !(await client.orders()).some((o) => o.ticket === day.order))
    const open = (await client.orders()).map((o) => o.ticket)
    expect(open).toContain(gtc.order)
    expect(open).toContain(specDay.order)
    sim.control.advanceClock(3 * 86_400_000)
    await until(async () => !(await client.orders()).some((o) => o.ticket === specDay.order))
    const { orders } = await client.history({ from: 0 })
    expect(orders.find((o) => o.ticket === spec.order)?.state).toBe(6)
  })

  it('local profit and margin match the simulator after a price move (cross rate via USDJPY)', async () => {
    const r = await client.buyMarket({ symbol: 'USDJPY', volume: 0.5 })
    sim.control.setPrice('USDJPY', 151, 151.02)
    await until(() => client.lastTick('USDJPY')?.bid === 151)
    const [pos] = await client.positions({ symbol: 'USDJPY' })
    expect(pos).toBeDefined()
    const local = await client.orderCalcProfit({
      type: 0,
      symbol: 'USDJPY',
      volume: 0.5,
      priceOpen: r.price,
      priceClose: 151,
    })
    expect(local).toBeCloseTo(pos!.profit, 1)
    const margin = await client.orderCalcMargin({ type: 0, symbol: 'EURUSD', volume: 1, price: 1.0852 })
    expect(margin).toBeGreaterThan(0)
    const check = await client.orderCheck({ action: 3, symbol: 'EURUSD', type: 0, volume: 1 })
    expect(check.retcode).toBe(0)
    expect(check.margin).toBeGreaterThan(margin * 0.99)
  })

  it('rejects an invalid stop locally with 10016', async () => {
    const e = await client.buyMarket({ symbol: 'EURUSD', volume: 0.1, sl: 1.2 }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(TradeError)
    expect((e as TradeError).retcode).toBe(10016)
  })

  it('the order manager follows pushes and equals a fresh snapshot', async () => {
    const manager = createOrderManager(client)
    const seen: string[] = []
    manager.on('positionOpened', () => seen.push('positionOpened'))
    manager.on('positionClosed', () => seen.push('positionClosed'))
    manager.on('orderAdded', () => seen.push('orderAdded'))
    manager.on('orderRemoved', () => seen.push('orderRemoved'))
    await manager.start()
    const b = await client.buyMarket({ symbol: 'EURUSD', volume: 0.2 })
    const l = await client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.07 })
    await client.cancelPendingOrder({ ticket: l.order })
    const [p] = (await client.positions()).filter((x) => x.order === b.order)
    await client.closePosition({ ticket: p!.ticket, volume: 0.1 })
    await until(async () => {
      const snap = await client.positions()
      return JSON.stringify(key(manager.positions())) === JSON.stringify(key(snap))
    })
    expect(manager.orders()).toEqual([])
    expect(seen).toContain('positionOpened')
    expect(seen).toContain('orderAdded')
    expect(seen).toContain('orderRemoved')
    expect(manager.exposure()[0]).toMatchObject({ symbol: 'EURUSD', buyVolume: 0.1, netVolume: 0.1 })
    manager.stop()
  })
})

function key(
  ps: { ticket: bigint; volume: number; type: number; sl: number; tp: number; priceOpen: number }[],
) {
  return ps.map((p) => `${p.ticket}:${p.type}:${p.volume}:${p.sl}:${p.tp}:${p.priceOpen}`).sort()
}
