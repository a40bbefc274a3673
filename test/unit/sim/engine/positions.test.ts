import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../../src/sim/engine/engine.js'
import { HEDGING, marketReq, NETTING, setup } from './setup.js'

const shape = (e: EngineEvent) =>
  e.type === 'order' ? `order:${e.flagMask}:${e.transactionType}:${e.order.orderState}` : e.type

describe('market deal events', () => {
  it('are ordered: order add, order delete, history add, deal, account', () => {
    const { engine } = setup()
    const { result, events } = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1))
    expect(events.map(shape)).toEqual(['order:0:0:0', 'order:0:2:4', 'order:1:0:4', 'deal', 'account'])
    expect(result).toMatchObject({
      retcode: 10009,
      volume: 100_000_000n,
      price: 1.1001,
      bid: 1.1,
      ask: 1.1001,
    })
    const deal = events[3]!
    if (deal.type !== 'deal') throw new Error('unreachable')
    expect(deal.deal).toMatchObject({
      deal: result.deal,
      tradeOrder: result.tradeOrder,
      entry: 0,
      tradeAction: 0,
      tradeReason: 2,
    })
    expect(deal.position).toMatchObject({
      positionId: result.tradeOrder,
      tradeVolume: 100_000_000n,
      priceOpen: 1.1001,
    })
    // margin of 1 lot EURUSD at 1:100 converted at the EURUSD ask: 1000 EUR × 1.1001
    expect(deal.account.margin).toBeCloseTo(1100.1, 2)
    expect(deal.account.accProfit).toBeCloseTo(-10, 2) // spread
    expect(deal.account.equity).toBeCloseTo(99_990, 2)
  })

  it('tickets increase: orders and deals have their own counters', () => {
    const { engine } = setup()
    const a = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1)).result
    const b = engine.processRequest(NETTING, marketReq('EURUSD', 0, 0.1)).result
    expect(b.tradeOrder).toBe(a.tradeOrder + 1n)
    expect(b.deal).toBe(a.deal + 1n)
  })
})

describe('closing (hedging)', () => {
  it('full close realises the profit into the balance', () => {
    const { engine, control } = setup()
    const pos = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1)).result.tradeOrder
    engine.setPrice('EURUSD', 1.102, 1.1021)
    const { result, events } = control.closePosition(HEDGING, pos)
    expect(result.retcode).toBe(10009)
    const deal = events.find((e) => e.type === 'deal')
    if (deal?.type !== 'deal') throw new Error('no deal')
    expect(deal.deal).toMatchObject({ entry: 1, positionId: pos, tradeAction: 1, priceOpen: 1.102 })
    expect(deal.deal.profit).toBeCloseTo(190, 2)
    expect(deal.positionClosed).toBe(true)
    const snap = engine.snapshot(HEDGING)
    expect(snap.positions).toHaveLength(0)
    expect(snap.summary).toMatchObject({ balance: 100_190, margin: 0, equity: 100_190 })
  })

  it('partial close keeps the position with the remaining volume', () => {
    const { engine, control } = setup()
    const pos = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1)).result.tradeOrder
    engine.setPrice('EURUSD', 1.101, 1.1011)
    const { result } = control.closePosition(HEDGING, pos, 0.4)
    expect(result).toMatchObject({ retcode: 10009, volume: 40_000_000n })
    const snap = engine.snapshot(HEDGING)
    expect(snap.positions).toHaveLength(1)
    expect(snap.positions[0]).toMatchObject({ positionId: pos, tradeVolume: 60_000_000n })
    expect(snap.summary.balance).toBeCloseTo(100_000 + 0.0009 * 40_000, 2)
  })

  it('close-by closes two opposite positions with OutBy deals and a close-by order', () => {
    const { engine, control } = setup()
    const buy = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1)).result.tradeOrder // at 1.1001
    engine.setPrice('EURUSD', 1.105, 1.1051)
    const sell = engine.processRequest(HEDGING, marketReq('EURUSD', 1, 0.6)).result.tradeOrder // at 1.1050
    const { result, events } = control.closeBy(HEDGING, buy, sell)
    expect(result).toMatchObject({ retcode: 10009, volume: 60_000_000n })
    const deals = events.filter((e) => e.type === 'deal')
    expect(deals).toHaveLength(2)
    expect(deals.map((d) => d.type === 'deal' && d.deal.entry)).toEqual([3, 3])
    const total = deals.reduce((s, d) => s + (d.type === 'deal' ? d.deal.profit : 0), 0)
    expect(total).toBeCloseTo((1.105 - 1.1001) * 60_000, 2)
    const snap = engine.snapshot(HEDGING)
    expect(snap.positions).toHaveLength(1)
    expect(snap.positions[0]).toMatchObject({ positionId: buy, tradeVolume: 40_000_000n })
    expect(snap.historyOrders.at(-1)).toMatchObject({ orderType: 8, orderState: 4, positionId: buy })
  })

  it('SL/TP modification emits a position event', () => {
    const { engine, control } = setup()
    const pos = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1)).result.tradeOrder
    const { events } = control.modifyPosition(HEDGING, pos, 1.095, 1.11)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'position', position: { sl: 1.095, tp: 1.11 } })
  })
})

describe('netting', () => {
  it('same-direction deals aggregate into one position with an average price', () => {
    const { engine } = setup()
    const first = engine.processRequest(NETTING, marketReq('EURUSD', 0, 1)).result // 1.1001
    engine.setPrice('EURUSD', 1.1019, 1.102)
    engine.processRequest(NETTING, marketReq('EURUSD', 0, 1)) // 1.1020
    const snap = engine.snapshot(NETTING)
    expect(snap.positions).toHaveLength(1)
    expect(snap.positions[0]).toMatchObject({ positionId: first.tradeOrder, tradeVolume: 200_000_000n })
    expect(snap.positions[0]!.priceOpen).toBeCloseTo(1.10105, 6)
  })

  it('an opposite deal reduces, closes, or reverses (InOut) the position', () => {
    const { engine } = setup()
    const id = engine.processRequest(NETTING, marketReq('EURUSD', 0, 1)).result.tradeOrder // buy 1 at 1.1001
    engine.setPrice('EURUSD', 1.1011, 1.1012)
    engine.processRequest(NETTING, marketReq('EURUSD', 1, 0.4)) // out 0.4 at 1.1011
    expect(engine.snapshot(NETTING).positions[0]).toMatchObject({ tradeVolume: 60_000_000n, tradeAction: 0 })
    const { events } = engine.processRequest(NETTING, marketReq('EURUSD', 1, 1)) // in/out: sell 1 vs 0.6 long
    const deal = events.find((e) => e.type === 'deal')
    if (deal?.type !== 'deal') throw new Error('no deal')
    expect(deal.deal).toMatchObject({ entry: 2, tradeVolume: 100_000_000n, positionId: id })
    expect(deal.deal.profit).toBeCloseTo(0.001 * 60_000, 2)
    const snap = engine.snapshot(NETTING)
    expect(snap.positions).toHaveLength(1)
    expect(snap.positions[0]).toMatchObject({
      positionId: id,
      tradeAction: 1,
      tradeVolume: 40_000_000n,
      priceOpen: 1.1011,
    })
    expect(snap.summary.balance).toBeCloseTo(100_000 + 0.001 * 40_000 + 0.001 * 60_000, 2)
    engine.processRequest(NETTING, marketReq('EURUSD', 0, 0.4)) // close
    expect(engine.snapshot(NETTING).positions).toHaveLength(0)
  })
})

describe('balance operations and stop-out', () => {
  it('deposit and withdrawal are balance deals (type 2); withdrawals above free margin fail with 10019', () => {
    const { engine, control } = setup()
    const dep = control.deposit(HEDGING, 500)
    expect(dep.events.map((e) => e.type)).toEqual(['deal', 'account'])
    expect(dep.events[0]).toMatchObject({
      deal: { tradeAction: 2, profit: 500, comment: 'Deposit' },
      position: null,
    })
    expect(control.withdraw(HEDGING, 200).result.retcode).toBe(10009)
    expect(engine.snapshot(HEDGING).summary.balance).toBe(100_300)
    expect(control.withdraw(HEDGING, 1_000_000).result.retcode).toBe(10019)
  })

  it('stop-out closes positions when the margin level falls below marginSoSo', () => {
    const { engine } = setup((b) => {
      b.accounts[0]!.balance = 2000
    })
    engine.processRequest(HEDGING, marketReq('EURUSD', 0, 1)) // margin ≈ 1100
    const events = engine.setPrice('EURUSD', 1.086, 1.0861) // loss ≈ 1410 → level ≈ 54 % … keep going
    expect(events.some((e) => e.type === 'deal')).toBe(false)
    const so = engine.setPrice('EURUSD', 1.085, 1.0851) // loss 1510 → equity 490, level ≈ 44 %
    const deal = so.find((e) => e.type === 'deal')
    expect(deal).toMatchObject({ deal: { tradeReason: 6, entry: 1 } })
    expect(engine.snapshot(HEDGING).positions).toHaveLength(0)
  })
})
