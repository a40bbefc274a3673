/**
 * End to end against the simulator: all nine order types placed, triggered and filled; modify and
 * cancel; SL and TP hits; close, partial close, close-by; every expiration type by the sim clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OrderState } from '../../../src/enums.js'
import type { Order, Position } from '../../../src/model/types.js'
import { startTrading, type TradingEnv, until } from './_setup.js'

const S = 'EURUSD'

describe('trading e2e: the nine order types', () => {
  let env: TradingEnv

  beforeEach(async () => {
    env = await startTrading()
  })
  afterEach(async () => {
    await env.close()
  })

  async function positionOf(order: bigint): Promise<Position> {
    let found: Position | undefined
    await until(async () => {
      found = (await env.client.positions({ symbol: S })).find((p) => p.order === order)
      return found !== undefined
    })
    return found!
  }
  async function historyOrder(ticket: bigint): Promise<Order | undefined> {
    const { orders } = await env.client.history({ from: 0 })
    return orders.find((o) => o.ticket === ticket)
  }

  it('buy and sell at market open positions of the exact volume, price, type and comment', async () => {
    const { client } = env
    const buy = await client.buyMarket({ symbol: S, volume: 0.13, comment: 'mkt buy' })
    expect(buy).toMatchObject({ ok: true, retcode: 10009, volume: 0.13, price: 1.0852 })
    const sell = await client.sellMarket({ symbol: S, volume: 0.21, comment: 'mkt sell' })
    expect(sell).toMatchObject({ ok: true, retcode: 10009, volume: 0.21, price: 1.085 })
    const pb = await positionOf(buy.order)
    expect(pb).toMatchObject({ type: 0, volume: 0.13, priceOpen: 1.0852, comment: 'mkt buy', magic: 0n })
    const ps = await positionOf(sell.order)
    expect(ps).toMatchObject({ type: 1, volume: 0.21, priceOpen: 1.085, comment: 'mkt sell', magic: 0n })
    expect((await historyOrder(buy.order))?.state).toBe(OrderState.Filled)
    expect((await historyOrder(sell.order))?.type).toBe(1)
  })

  // [helper, type, order price, stopLimit, trigger bid/ask, expected position type, fill price]
  const pendingCases = [
    ['buyLimit', 2, 1.08, undefined, [1.0798, 1.08], 0, 1.08],
    ['sellLimit', 3, 1.09, undefined, [1.09, 1.0902], 1, 1.09],
    ['buyStop', 4, 1.09, undefined, [1.0899, 1.0901], 0, 1.0901],
    ['sellStop', 5, 1.08, undefined, [1.0799, 1.0801], 1, 1.0799],
    ['buyStopLimit', 6, 1.09, 1.0895, [1.0898, 1.09], 0, 1.0895],
    ['sellStopLimit', 7, 1.08, 1.0805, [1.08, 1.0802], 1, 1.0805],
  ] as const

  for (const [helper, type, price, stopLimit, [bid, ask], posType, fill] of pendingCases) {
    it(`${helper} (type ${type}) is placed, triggered by a price move and filled`, async () => {
      const { client } = env
      const comment = `pend ${type}`
      const params = {
        symbol: S,
        volume: 0.07,
        price,
        comment,
        ...(stopLimit === undefined ? {} : { stopLimit }),
      }
      const placed =
        helper === 'buyStopLimit' || helper === 'sellStopLimit'
          ? await client[helper]({ ...params, stopLimit: stopLimit ?? 0 })
          : await client[helper](params)
      expect(placed).toMatchObject({ ok: true, retcode: 10008, volume: 0.07, price })
      const [open] = await client.orders({ ticket: placed.order })
      expect(open).toMatchObject({ type, state: OrderState.Placed, priceOrder: price, comment })
      if (stopLimit !== undefined) expect(open!.priceTrigger).toBe(stopLimit)
      expect(await client.positions({ symbol: S })).toEqual([])

      await env.price(S, bid, ask)
      if (stopLimit !== undefined) {
        // the activation turns it into a limit order at the stop-limit price; the next tick fills it
        await until(async () => (await client.orders({ ticket: placed.order }))[0]?.type === type - 4)
        const [limit] = await client.orders({ ticket: placed.order })
        expect(limit!.priceOrder).toBe(stopLimit)
        const [b2, a2] = type === 6 ? [1.0893, 1.0895] : [1.0805, 1.0807]
        await env.price(S, b2, a2)
      }
      const pos = await positionOf(placed.order)
      expect(pos).toMatchObject({ type: posType, volume: 0.07, priceOpen: fill, comment, magic: 0n })
      expect(await client.orders({ ticket: placed.order })).toEqual([])
      const h = await historyOrder(placed.order)
      expect(h).toMatchObject({ state: OrderState.Filled, volumeInitial: 0.07, positionId: pos.ticket })
      const { deals } = await client.history({ from: 0, position: pos.ticket })
      expect(deals).toHaveLength(1)
      expect(deals[0]).toMatchObject({ entry: 0, volume: 0.07, price: fill, order: placed.order })
    })
  }

  it('close-by (the ninth type, 8) closes two opposite positions and leaves a close-by order in history', async () => {
    const { client } = env
    const a = await client.buyMarket({ symbol: S, volume: 0.5, comment: 'a' })
    const b = await client.sellMarket({ symbol: S, volume: 0.2, comment: 'b' })
    const pa = await positionOf(a.order)
    const pb = await positionOf(b.order)
    const r = await client.closePositionBy({ ticket: pa.ticket, by: pb.ticket })
    expect(r).toMatchObject({ ok: true, retcode: 10009, volume: 0.2 })
    const left = await client.positions({ symbol: S })
    expect(left.map((p) => [p.ticket, p.volume])).toEqual([[pa.ticket, 0.3]])
    const { orders, deals } = await client.history({ from: 0 })
    const cb = orders.find((o) => o.type === 8)
    expect(cb).toMatchObject({ state: OrderState.Filled, volumeInitial: 0.2, ticket: r.order })
    const outBy = deals.filter((d) => d.order === r.order)
    expect(outBy.map((d) => d.entry)).toEqual([3, 3])
    expect(outBy.map((d) => d.positionId).sort()).toEqual([pa.ticket, pb.ticket].sort())
  })
})

describe('trading e2e: modify, cancel, SL/TP, closes, expirations', () => {
  let env: TradingEnv

  beforeEach(async () => {
    env = await startTrading()
  })
  afterEach(async () => {
    await env.close()
  })

  it('modifies a stop-limit (δ-shift of the limit price) and cancels it: state Canceled', async () => {
    const { client } = env
    const placed = await client.buyStopLimit({
      symbol: S,
      volume: 0.1,
      price: 1.09,
      stopLimit: 1.0895,
      sl: 1.085,
      tp: 1.095,
    })
    const m = await client.modifyPendingOrder({ ticket: placed.order, price: 1.091 })
    expect(m).toMatchObject({ ok: true, retcode: 10009 })
    const [o] = await client.orders({ ticket: placed.order })
    expect(o!.priceOrder).toBe(1.091)
    expect(o!.priceTrigger).toBe(1.0905)
    expect(o!.sl).toBe(1.086)
    expect(o!.tp).toBe(1.096)
    await client.modifyPendingOrder({ ticket: placed.order, sl: 0, tp: 0 })
    expect((await client.orders({ ticket: placed.order }))[0]).toMatchObject({ sl: 0, tp: 0 })
    const c = await client.cancelPendingOrder({ ticket: placed.order })
    expect(c).toMatchObject({ ok: true, retcode: 10009 })
    expect(await client.orders()).toEqual([])
    const { orders } = await client.history({ from: 0 })
    expect(orders.find((x) => x.ticket === placed.order)?.state).toBe(OrderState.Canceled)
  })

  it('SL hit closes a buy at the bid; TP hit closes a sell at the ask (deal reasons 4 and 5)', async () => {
    const { client } = env
    const buy = await client.buyMarket({ symbol: S, volume: 0.1, sl: 1.08, comment: 'sl' })
    const sell = await client.sellMarket({ symbol: S, volume: 0.2, comment: 'tp' })
    const [ps] = (await client.positions()).filter((p) => p.order === sell.order)
    await client.modifyPositionSltp({ ticket: ps!.ticket, tp: 1.081 })
    expect((await client.positions({ ticket: ps!.ticket }))[0]!.tp).toBe(1.081)
    await env.price(S, 1.0795, 1.0797)
    await until(async () => (await client.positions()).length === 0)
    const { deals } = await client.history({ from: 0 })
    const slDeal = deals.find((d) => d.positionId === buy.order && d.entry === 1)
    const tpDeal = deals.find((d) => d.positionId === ps!.ticket && d.entry === 1)
    expect(slDeal).toMatchObject({ type: 1, volume: 0.1, price: 1.0795, reason: 4 })
    expect(tpDeal).toMatchObject({ type: 0, volume: 0.2, price: 1.0797, reason: 5 })
    expect(slDeal!.profit).toBeCloseTo(-57, 6)
    expect(tpDeal!.profit).toBeCloseTo(106, 6)
  })

  it('closes fully, partially and by an opposite position on a netting-free hedging account', async () => {
    const { client } = env
    const a = await client.buyMarket({ symbol: S, volume: 1 })
    const [pa] = (await client.positions()).filter((p) => p.order === a.order)
    const part = await client.closePosition({ ticket: pa!.ticket, volume: 0.3 })
    expect(part).toMatchObject({ ok: true, volume: 0.3, price: 1.085 })
    expect((await client.positions({ ticket: pa!.ticket }))[0]!.volume).toBe(0.7)
    const b = await client.sellMarket({ symbol: S, volume: 0.7 })
    const [pb] = (await client.positions()).filter((p) => p.order === b.order)
    await client.closePositionBy({ ticket: pa!.ticket, by: pb!.ticket })
    expect(await client.positions()).toEqual([])
    const c = await client.buyMarket({ symbol: S, volume: 0.05 })
    const [pc] = (await client.positions()).filter((p) => p.order === c.order)
    const full = await client.closePosition({ ticket: pc!.ticket })
    expect(full).toMatchObject({ ok: true, volume: 0.05 })
    expect(await client.positions()).toEqual([])
    const { deals } = await client.history({ from: 0, position: pa!.ticket })
    expect(deals.map((d) => [d.entry, d.volume])).toEqual([
      [0, 1],
      [1, 0.3],
      [3, 0.7],
    ])
  })

  it('GTC stays; DAY, SPECIFIED and SPECIFIED_DAY expire by the sim clock (state Expired)', async () => {
    const { client, sim, clock } = env
    const now = Math.floor(clock.now() / 1000) // Wednesday 12:00
    const place = (timeType: number, expiration?: number) =>
      client.buyLimit({
        symbol: S,
        volume: 0.1,
        price: 1.07,
        timeType,
        ...(expiration === undefined ? {} : { expiration }),
      })
    const gtc = await place(0)
    const day = await place(1)
    const spec = await place(2, now + 3600)
    const specDay = await place(3, now + 86_400) // Thursday: lives until Thursday 24:00
    const [o] = await client.orders({ ticket: spec.order })
    expect(o!.timeType).toBe(2)
    expect(Math.round(o!.timeExpirationMs / 1000)).toBe(now + 3600)

    const open = async () => (await client.orders()).map((x) => x.ticket)
    sim.control.advanceClock(3600_000) // 13:00: SPECIFIED is due
    await until(async () => !(await open()).includes(spec.order))
    expect(await open()).toEqual(expect.arrayContaining([gtc.order, day.order, specDay.order]))
    sim.control.advanceClock(11 * 3600_000) // Thursday 00:00: DAY ends
    await until(async () => !(await open()).includes(day.order))
    expect(await open()).toEqual(expect.arrayContaining([gtc.order, specDay.order]))
    sim.control.advanceClock(23 * 3600_000) // Thursday 23:00: SPECIFIED_DAY still alive
    expect(await open()).toContain(specDay.order)
    sim.control.advanceClock(3600_000) // Friday 00:00
    await until(async () => !(await open()).includes(specDay.order))
    sim.control.advanceClock(30 * 86_400_000)
    expect(await open()).toEqual([gtc.order])

    const { orders } = await client.history({ from: 0 })
    const state = (t: bigint) => orders.find((x) => x.ticket === t)?.state
    expect(state(spec.order)).toBe(OrderState.Expired)
    expect(state(day.order)).toBe(OrderState.Expired)
    expect(state(specDay.order)).toBe(OrderState.Expired)
    expect(state(gtc.order)).toBeUndefined()
  })
})
