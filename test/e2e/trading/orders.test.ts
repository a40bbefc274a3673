import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TradeError, ValidationError } from '../../../src/errors.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { makeTradingClient, until } from './_tradingClient.js'

describe('trading e2e: order helpers', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeTradingClient>

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    sim.control.setPrice('EURUSD', 1.085, 1.0852)
    client = makeTradingClient(sim.url())
    await client.connect()
    await client.subscribeTicks(['EURUSD'])
    await until(() => client.lastTick('EURUSD') !== undefined)
  })

  afterEach(async () => {
    await client.close()
    await sim.close()
  })

  it('buys at market with an exact volume, then closes partially and fully', async () => {
    const r = await client.buyMarket({ symbol: 'EURUSD', volume: 0.07, comment: 'e2e buy' })
    expect(r.ok).toBe(true)
    expect(r.retcode).toBe(10009)
    expect(r.volume).toBe(0.07)
    const [pos] = await client.positions({ symbol: 'EURUSD' })
    expect(pos).toBeDefined()
    expect(pos!.volume).toBe(0.07)
    expect(pos!.type).toBe(0)
    expect(pos!.comment).toBe('e2e buy')
    const part = await client.closePosition({ ticket: pos!.ticket, volume: 0.02 })
    expect(part.ok).toBe(true)
    expect((await client.positions({ ticket: pos!.ticket }))[0]!.volume).toBe(0.05)
    await client.closePosition({ ticket: pos!.ticket })
    expect(await client.positions({ ticket: pos!.ticket })).toEqual([])
    const { deals } = await client.history({ from: 0, symbol: 'EURUSD' })
    expect(
      deals
        .filter((d) => d.positionId === pos!.ticket)
        .map((d) => d.volume)
        .sort(),
    ).toEqual([0.02, 0.05, 0.07])
  })

  it('rejects bad input before sending', async () => {
    await expect(client.buyMarket({ symbol: 'EURUSD', volume: 0.005 })).rejects.toBeInstanceOf(TradeError)
    await expect(
      client.buyMarket({ symbol: 'EURUSD', volume: 0.1, comment: 'x'.repeat(33) }),
    ).rejects.toBeInstanceOf(ValidationError)
    await expect(client.closePosition({ ticket: 999_999n })).rejects.toBeInstanceOf(ValidationError)
  })

  it('places, modifies (δ-shift) and cancels a pending order', async () => {
    const placed = await client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.08, sl: 1.075, tp: 1.09 })
    expect(placed.retcode).toBe(10008)
    const [o] = await client.orders({ ticket: placed.order })
    expect(o).toMatchObject({ type: 2, priceOrder: 1.08, sl: 1.075, tp: 1.09 })
    await client.modifyPendingOrder({ ticket: placed.order, price: 1.079 })
    const [m] = await client.orders({ ticket: placed.order })
    expect(m!.priceOrder).toBe(1.079)
    expect(m!.sl).toBeCloseTo(1.074, 10)
    expect(m!.tp).toBeCloseTo(1.089, 10)
    await client.cancelPendingOrder({ ticket: placed.order })
    expect(await client.orders({ ticket: placed.order })).toEqual([])
  })

  it('triggers pending orders when the price moves, and SL closes the position', async () => {
    const limit = await client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.08, sl: 1.07 })
    const stopLimit = await client.sellStopLimit({
      symbol: 'EURUSD',
      volume: 0.1,
      price: 1.083,
      stopLimit: 1.084,
    })
    const [sl] = await client.orders({ ticket: stopLimit.order })
    expect(sl).toMatchObject({ type: 7, priceOrder: 1.083, priceTrigger: 1.084 })
    sim.control.setPrice('EURUSD', 1.0798, 1.08)
    await until(async () =>
      (await client.positions({ symbol: 'EURUSD' })).some((p) => p.order === limit.order),
    )
    sim.control.setPrice('EURUSD', 1.069, 1.0692)
    await until(
      async () => !(await client.positions({ symbol: 'EURUSD' })).some((p) => p.order === limit.order),
    )
    const { deals } = await client.history({ from: 0 })
    expect(deals.some((d) => d.order !== limit.order && d.entry === 1)).toBe(true)
  })

  it('surfaces server rejections as TradeError with the retcode', async () => {
    sim.control.faults.rejectNextTrade(10019, { via: 'result' })
    const e = await client.buyMarket({ symbol: 'EURUSD', volume: 0.1 }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(TradeError)
    expect((e as TradeError).retcode).toBe(10019)
    sim.control.faults.rejectNextTrade(10018, { via: 'reply' })
    const r = await client.buyMarket({ symbol: 'EURUSD', volume: 0.1, throwOnFailure: false })
    expect(r).toMatchObject({ ok: false, retcode: 10018 })
  })

  it('resolves a silent server by lookup instead of re-sending', async () => {
    sim.control.faults.delay(1500)
    const r = await client.buyMarket({ symbol: 'EURUSD', volume: 0.03, comment: 'silent', timeoutMs: 500 })
    expect(r.ok).toBe(true)
    sim.control.faults.clear()
    const positions = await client.positions({ symbol: 'EURUSD' })
    expect(positions.filter((p) => p.comment === 'silent')).toHaveLength(1)
  })
})
