import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../../src/sim/engine/engine.js'
import { HEDGING, marketReq, pendingReq, setup } from './setup.js'

const fills = (events: EngineEvent[]) => events.filter((e) => e.type === 'deal')

describe('pending order triggering', () => {
  const cases: [string, number, number, [number, number], [number, number], number][] = [
    // name, type, price, non-trigger tick, trigger tick, expected fill price
    ['buy limit at ask ≤ price', 2, 1.099, [1.0991, 1.0992], [1.0989, 1.099], 1.099],
    ['sell limit at bid ≥ price', 3, 1.101, [1.1009, 1.101], [1.1012, 1.1013], 1.101],
    ['buy stop at ask ≥ price', 4, 1.101, [1.1008, 1.1009], [1.1011, 1.1012], 1.1012],
    ['sell stop at bid ≤ price', 5, 1.099, [1.0991, 1.0992], [1.0988, 1.0989], 1.0988],
  ]
  for (const [name, type, price, quiet, hit, fillPrice] of cases) {
    it(name, () => {
      const { engine } = setup()
      const placed = engine.processRequest(HEDGING, pendingReq('EURUSD', type, 0.1, price))
      expect(placed.result.retcode).toBe(10008)
      expect(fills(engine.setPrice('EURUSD', ...quiet))).toHaveLength(0)
      const events = engine.setPrice('EURUSD', ...hit)
      const deals = fills(events)
      expect(deals).toHaveLength(1)
      const deal = deals[0]!
      if (deal.type !== 'deal') throw new Error('unreachable')
      expect(deal.deal.priceOpen).toBeCloseTo(fillPrice, 6)
      expect(deal.deal.tradeAction).toBe(type % 2)
      expect(deal.deal.tradeOrder).toBe(placed.result.tradeOrder)
      const snap = engine.snapshot(HEDGING)
      expect(snap.orders).toHaveLength(0)
      expect(snap.historyOrders.at(-1)).toMatchObject({ tradeOrder: placed.result.tradeOrder, orderState: 4 })
      // position id = opening order ticket
      expect(snap.positions[0]!.positionId).toBe(placed.result.tradeOrder)
    })
  }

  it('buy stop-limit: stop hit → buy limit (same ticket) → filled at the limit price', () => {
    const { engine } = setup()
    const placed = engine.processRequest(
      HEDGING,
      pendingReq('EURUSD', 6, 0.1, 1.102, { priceTrigger: 1.1015 }),
    )
    expect(placed.result.retcode).toBe(10008)
    const activation = engine.setPrice('EURUSD', 1.1019, 1.102)
    expect(activation).toHaveLength(1)
    expect(activation[0]).toMatchObject({
      type: 'order',
      flagMask: 0,
      transactionType: 1,
      order: { tradeOrder: placed.result.tradeOrder, orderType: 2, priceOrder: 1.1015 },
    })
    expect(fills(engine.setPrice('EURUSD', 1.1016, 1.1017))).toHaveLength(0)
    const deals = fills(engine.setPrice('EURUSD', 1.1013, 1.1014))
    expect(deals).toHaveLength(1)
    expect(deals[0]).toMatchObject({ deal: { priceOpen: 1.1015, tradeAction: 0 } })
  })

  it('sell stop-limit: stop hit → sell limit → filled', () => {
    const { engine } = setup()
    const placed = engine.processRequest(
      HEDGING,
      pendingReq('EURUSD', 7, 0.1, 1.098, { priceTrigger: 1.0985 }),
    )
    expect(placed.result.retcode).toBe(10008)
    engine.setPrice('EURUSD', 1.098, 1.0981)
    expect(engine.snapshot(HEDGING).orders[0]).toMatchObject({ orderType: 3, priceOrder: 1.0985 })
    const deals = fills(engine.setPrice('EURUSD', 1.0986, 1.0987))
    expect(deals).toHaveLength(1)
    expect(deals[0]).toMatchObject({ deal: { priceOpen: 1.0985, tradeAction: 1 } })
  })

  it('a triggered order without enough money is rejected', () => {
    const { engine } = setup()
    engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 99, 1.099))
    const events = engine.setPrice('EURUSD', 1.0985, 1.0986)
    expect(fills(events)).toHaveLength(0)
    expect(engine.snapshot(HEDGING).historyOrders[0]).toMatchObject({ orderState: 5 })
  })
})

describe('SL and TP', () => {
  it('SL closes a buy at the bid with reason 4', () => {
    const { engine } = setup()
    const pos = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1, { priceSl: 1.099, priceTp: 1.102 }))
      .result.tradeOrder
    expect(fills(engine.setPrice('EURUSD', 1.0991, 1.0992))).toHaveLength(0)
    const deals = fills(engine.setPrice('EURUSD', 1.0989, 1.099))
    expect(deals).toHaveLength(1)
    expect(deals[0]).toMatchObject({
      positionClosed: true,
      deal: { entry: 1, tradeReason: 4, positionId: pos, priceOpen: 1.0989, tradeAction: 1 },
    })
    // (1.0989 − 1.1001) × 100 000 = −120
    const d = deals[0]!
    if (d.type !== 'deal') throw new Error('unreachable')
    expect(d.deal.profit).toBeCloseTo(-120, 2)
    expect(engine.snapshot(HEDGING).summary.balance).toBeCloseTo(100_000 - 120, 2)
  })

  it('TP closes a sell at the ask with reason 5', () => {
    const { engine } = setup()
    engine.processRequest(HEDGING, marketReq('EURUSD', 1, 1, { priceTp: 1.098 }))
    const deals = fills(engine.setPrice('EURUSD', 1.0979, 1.098))
    expect(deals).toHaveLength(1)
    expect(deals[0]).toMatchObject({ deal: { entry: 1, tradeReason: 5, priceOpen: 1.098, tradeAction: 0 } })
    const d = deals[0]!
    if (d.type !== 'deal') throw new Error('unreachable')
    expect(d.deal.profit).toBeCloseTo(200, 2) // (1.1000 − 1.0980) × 100 000
    expect(engine.snapshot(HEDGING).positions).toHaveLength(0)
  })
})

describe('expirations', () => {
  const nowSec = (ms: number) => Math.floor(ms / 1000)

  it('GTC never expires', () => {
    const { engine } = setup()
    engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09))
    expect(engine.advanceClock(30 * 86_400_000)).toHaveLength(0)
    expect(engine.snapshot(HEDGING).orders).toHaveLength(1)
  })

  it('DAY expires at the end of the server day', () => {
    const { engine } = setup()
    engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09, { typeTime: 1 }))
    expect(engine.advanceClock(13 * 3_600_000 + 59 * 60_000)).toHaveLength(0) // 23:59
    const events = engine.advanceClock(60_000) // 00:00
    expect(events.map((e) => e.type === 'order' && [e.flagMask, e.transactionType])).toEqual([
      [0, 2],
      [1, 0],
    ])
    expect(engine.snapshot(HEDGING).historyOrders[0]).toMatchObject({ orderState: 6 })
  })

  it('SPECIFIED expires at timeExpiration', () => {
    const { engine, clock } = setup()
    engine.processRequest(
      HEDGING,
      pendingReq('EURUSD', 2, 0.1, 1.09, { typeTime: 2, timeExpiration: nowSec(clock.now()) + 600 }),
    )
    expect(engine.advanceClock(599_000)).toHaveLength(0)
    expect(engine.advanceClock(1000)).toHaveLength(2)
    expect(engine.snapshot(HEDGING).historyOrders[0]!.orderState).toBe(6)
  })

  it('SPECIFIED_DAY expires at the end of the expiration day', () => {
    const { engine, clock } = setup()
    const tomorrowNoon = nowSec(clock.now()) + 26 * 3600
    engine.processRequest(
      HEDGING,
      pendingReq('EURUSD', 2, 0.1, 1.09, { typeTime: 3, timeExpiration: tomorrowNoon }),
    )
    expect(engine.advanceClock(36 * 3_600_000)).toHaveLength(0) // Thursday 22:00
    expect(engine.advanceClock(2 * 3_600_000)).toHaveLength(2) // Friday 00:00
    expect(engine.snapshot(HEDGING).historyOrders[0]!.orderState).toBe(6)
  })
})

describe('partial fills with limited liquidity', () => {
  const limited = () =>
    setup((b) => {
      b.symbols[0]!.maxFillVolume = 0.3
      b.symbols[0]!.exemode = 3
      b.symbols[0]!.fillFlags = 1 | 2
    })

  it('FOK beyond the liquidity is rejected, IOC fills partially (10010) and cancels the rest', () => {
    const { engine } = limited()
    expect(
      engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1, { tradeAction: 4, typeFilling: 0 })).result
        .retcode,
    ).toBe(10006)
    const r = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1, { tradeAction: 4, typeFilling: 1 }))
    expect(r.result).toMatchObject({ retcode: 10010, volume: 30_000_000n })
    expect(engine.snapshot(HEDGING).historyOrders[0]).toMatchObject({
      orderState: 2,
      volumeCurrent: 70_000_000n,
    })
  })

  it('RETURN keeps the remainder active in state Partial and fills it on the next ticks', () => {
    const { engine } = limited()
    const r = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.7, { tradeAction: 4, typeFilling: 2 }))
    expect(r.result.retcode).toBe(10010)
    expect(engine.snapshot(HEDGING).orders[0]).toMatchObject({ orderState: 3, volumeCurrent: 40_000_000n })
    engine.setPrice('EURUSD', 1.1, 1.1001)
    engine.setPrice('EURUSD', 1.1, 1.1001)
    const snap = engine.snapshot(HEDGING)
    expect(snap.orders).toHaveLength(0)
    expect(snap.historyOrders[0]).toMatchObject({ orderState: 4, volumeCurrent: 0n })
    expect(snap.positions).toHaveLength(1)
    expect(snap.positions[0]!.tradeVolume).toBe(70_000_000n)
    expect(snap.deals.filter((d) => d.tradeAction === 0)).toHaveLength(3)
  })
})
