/** The main path: a source's pending orders placed, modified and cancelled on three differently configured targets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  brokers,
  copiesOf,
  HEDGING,
  makeCopier,
  NETTING,
  placeSource,
  type SimEnv,
  SOURCE_LOGIN,
  startSim,
  T,
  type TestCopier,
  until,
} from './_env.js'

describe('copier e2e: place, modify, cancel across three targets', () => {
  let env: SimEnv
  let c: TestCopier
  beforeAll(async () => {
    env = await startSim()
    env.sim.control.setPrice('EURUSD', 1.085, 1.0852)
    c = makeCopier(env)
    await c.copier.start()
  })
  afterAll(async () => {
    await c?.close()
    await env?.close()
  })

  it('copies a new buy limit to every target with its symbol name and sizing', async () => {
    const ticket = placeSource(env, {
      symbol: 'EURUSD',
      type: T.buyLimit,
      lots: 0.3,
      price: 1.08,
      sl: 1.07,
      tp: 1.1,
    })
    await until(
      () =>
        copiesOf(env, 'SuffixBroker', HEDGING, ticket).length === 1 &&
        copiesOf(env, 'CoarseBroker', NETTING, ticket).length === 1 &&
        copiesOf(env, 'LimitBroker', HEDGING, ticket).length === 1,
      5000,
    )
    const suffix = copiesOf(env, 'SuffixBroker', HEDGING, ticket)[0]!
    expect(suffix.tradeSymbol).toBe('EURUSD.m')
    expect(suffix.volumeInitial).toBe(60_000_000n) // 0.3 × 2
    expect(suffix.priceOrder).toBe(1.08)
    expect(suffix.priceSl).toBe(1.07)
    expect(suffix.priceTp).toBe(1.1)
    const coarse = copiesOf(env, 'CoarseBroker', NETTING, ticket)[0]!
    expect(coarse.tradeSymbol).toBe('EURUSD')
    // 0.3 × 0.5 = 0.15, rounded to the 0.1 step
    expect([10_000_000n, 20_000_000n]).toContain(coarse.volumeInitial)
    await until(() => c.events.filter((e) => e.action === 'placed' && e.sourceTicket === ticket).length === 3)
  })

  it('modifies the copies when the source price and stops change', async () => {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.sellLimit, lots: 0.2, price: 1.09 })
    await until(() => copiesOf(env, 'LimitBroker', HEDGING, ticket).length === 1, 5000)
    env.sim.control.modifyOrder(SOURCE_LOGIN, ticket, { price: 1.095, sl: 1.1 })
    await until(
      () =>
        [
          copiesOf(env, 'SuffixBroker', HEDGING, ticket)[0],
          copiesOf(env, 'CoarseBroker', NETTING, ticket)[0],
          copiesOf(env, 'LimitBroker', HEDGING, ticket)[0],
        ].every((o) => o?.priceOrder === 1.095 && o.priceSl === 1.1),
      5000,
    )
    // the simulator changes the order before the copier has its result: wait for the events too
    await until(
      () => c.events.filter((e) => e.action === 'modified' && e.sourceTicket === ticket).length === 3,
    )
    expect(c.events.filter((e) => e.sourceTicket === ticket && e.action === 'placed')).toHaveLength(3)
  })

  it('refuses a stop order on the target that allows limits only, copies it elsewhere', async () => {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyStop, lots: 0.1, price: 1.09 })
    await until(
      () =>
        c.events.some((e) => e.action === 'refused' && e.sourceTicket === ticket && e.target === 'limits'),
      5000,
    )
    await until(() => copiesOf(env, 'SuffixBroker', HEDGING, ticket).length === 1, 5000)
    expect(copiesOf(env, 'LimitBroker', HEDGING, ticket)).toHaveLength(0)
  })

  it('cancels the orphaned copies after three orphan checks (kill policy, default confirmations)', async () => {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.07 })
    await until(() => copiesOf(env, 'CoarseBroker', NETTING, ticket).length === 1, 5000)
    env.sim.control.cancelOrder(SOURCE_LOGIN, ticket)
    // the copier must have seen the cancellation before the first check counts it
    await until(() => !c.copier.sourceOrders().some((o) => o.ticket === ticket))
    const copies = () =>
      copiesOf(env, 'SuffixBroker', HEDGING, ticket).length +
      copiesOf(env, 'CoarseBroker', NETTING, ticket).length +
      copiesOf(env, 'LimitBroker', HEDGING, ticket).length
    for (let check = 1; check <= 2; check++) {
      env.sim.control.advanceClock(31_000)
      await c.copier.reconcileOnce()
      expect(copies()).toBe(3)
    }
    env.sim.control.advanceClock(31_000)
    await c.copier.reconcileOnce()
    expect(copies()).toBe(0)
    const orphanEvents = c.events.filter((e) => e.action === 'orphan' && e.sourceTicket === ticket)
    expect(orphanEvents.map((e) => e.reason)).toEqual([
      'wait',
      'wait',
      'wait',
      'wait',
      'wait',
      'wait',
      'kill',
      'kill',
      'kill',
    ])
    expect(
      c.events.filter((e) => e.action === 'cancelled' && e.sourceTicket === ticket && e.reason === 'orphan'),
    ).toHaveLength(3)
  })

  it('replaces the copies of a stop-limit that triggered on the source with limit copies at once', async () => {
    env.sim.control.setPrice('EURUSD', 1.085, 1.0852)
    const ticket = placeSource(env, {
      symbol: 'EURUSD',
      type: T.buyStopLimit,
      lots: 0.2,
      price: 1.09,
      stopLimit: 1.087,
    })
    // the limits target takes limit orders only: no copy of the stop-limit there
    await until(
      () =>
        copiesOf(env, 'SuffixBroker', HEDGING, ticket)[0]?.orderType === T.buyStopLimit &&
        copiesOf(env, 'CoarseBroker', NETTING, ticket)[0]?.orderType === T.buyStopLimit,
      5000,
    )
    expect(copiesOf(env, 'LimitBroker', HEDGING, ticket)).toHaveLength(0)
    // the targets' markets rise short of the stop price (a buy limit at 1.087 is valid there), then
    // the source's ask reaches it, not the limit: the source order is now a buy limit
    env.sim.control.broker('SuffixBroker').setPrice('EURUSD.m', 1.088, 1.0882)
    env.sim.control.broker('CoarseBroker').setPrice('EURUSD', 1.088, 1.0882)
    env.sim.control.broker('LimitBroker').setPrice('EURUSD', 1.088, 1.0882)
    env.sim.control.setPrice('EURUSD', 1.0899, 1.0901)
    const source = env.sim.control.broker(brokers()[0]!.name).account(SOURCE_LOGIN)
    expect(source.orders.find((o) => o.tradeOrder === ticket)?.orderType).toBe(T.buyLimit)
    const isLimitCopy = (o: { orderType: number; priceOrder: number } | undefined) =>
      o?.orderType === T.buyLimit && Math.abs(o.priceOrder - 1.087) < 1e-9
    // no reconcile runs (reconcileSeconds 3600): the replacement follows the confirmed cancel
    await until(
      () =>
        [
          copiesOf(env, 'SuffixBroker', HEDGING, ticket),
          copiesOf(env, 'CoarseBroker', NETTING, ticket),
          copiesOf(env, 'LimitBroker', HEDGING, ticket),
        ].every((copies) => copies.length === 1 && isLimitCopy(copies[0])),
      5000,
    )
    expect(
      c.events.filter((e) => e.action === 'cancelled' && e.sourceTicket === ticket).map((e) => e.reason),
    ).toEqual(['sourceTypeChanged', 'sourceTypeChanged'])
  })
})
