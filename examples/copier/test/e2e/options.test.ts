/** Target options end to end: sizing, symbols, limits, hours, expiry, stops, disabled targets, source-filled policies. */
import { beforeEach, describe, expect, it } from 'vitest'
import {
  configInput,
  copiesOf,
  copyCounts,
  HEDGING,
  makeCopier,
  NETTING,
  ordersOf,
  placeSource,
  type SimEnv,
  SOURCE_LOGIN,
  simPerTest,
  T,
  until,
  WEDNESDAY_NOON,
} from './_env.js'

describe('copier e2e: target options', () => {
  const sim = simPerTest()
  let env: SimEnv
  beforeEach(() => {
    env = sim()
  })

  it('sizes copies: fixed lots, a cap at the maximum, a skip below the minimum', async () => {
    const big = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 1, price: 1.07 })
    const small = placeSource(env, { symbol: 'EURUSD', type: T.sellLimit, lots: 0.1, price: 1.1 })
    const c = makeCopier(
      env,
      configInput(env, {
        suffix: { lots: { fixed: 0.5 } },
        coarse: { lots: { max: 0.3, aboveMax: 'cap' } },
        limits: { lots: { min: 0.5, belowMin: 'skip' } },
      }),
    )
    const summary = await c.copier.reconcileOnce()
    await c.close()
    expect(copiesOf(env, 'SuffixBroker', HEDGING, big)[0]?.volumeInitial).toBe(50_000_000n)
    expect(copiesOf(env, 'SuffixBroker', HEDGING, small)[0]?.volumeInitial).toBe(50_000_000n)
    expect(copiesOf(env, 'CoarseBroker', NETTING, big)[0]?.volumeInitial).toBe(30_000_000n)
    expect(copiesOf(env, 'LimitBroker', HEDGING, big)[0]?.volumeInitial).toBe(100_000_000n)
    expect(copiesOf(env, 'LimitBroker', HEDGING, small)[0]).toBeUndefined()
    expect(c.events.find((e) => e.target === 'limits' && e.sourceTicket === small)).toMatchObject({
      action: 'refused',
      reason: 'volumeBelowMin',
    })
    expect(summary.inSync).toBe(false)
  })

  it('refuses a symbol the target lacks, orders beyond maxPendingOrders, and outside trading hours', async () => {
    const gbp = placeSource(env, { symbol: 'GBPUSD', type: T.buyLimit, lots: 0.1, price: 1.25 })
    const eur1 = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.07 })
    const eur2 = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.06 })
    const c = makeCopier(
      env,
      configInput(env, {
        suffix: { symbols: { GBPUSD: 'GBPUSD.x', '*': '*.m' } },
        coarse: { maxPendingOrders: 2 },
        // the simulator's clock is Wednesday 12:00 server time
        limits: { tradingHours: [{ days: ['wed'], from: '13:00', to: '14:00' }] },
      }),
    )
    await c.copier.reconcileOnce()
    await c.close()
    const refused = (target: string) =>
      c.events
        .filter((e) => e.target === target && e.action === 'refused')
        .map((e) => [e.sourceTicket, e.reason])
    expect(refused('suffix')).toEqual([[gbp, 'symbolMissing']])
    expect(copiesOf(env, 'SuffixBroker', HEDGING, eur1)[0]).toBeDefined()
    expect(ordersOf(env, 'CoarseBroker', NETTING)).toHaveLength(2)
    expect(refused('coarse')).toHaveLength(1)
    expect(refused('coarse')[0]?.[1]).toBe('maxPendingOrders')
    expect(ordersOf(env, 'LimitBroker', HEDGING)).toHaveLength(0)
    expect(new Set(refused('limits').map(([, reason]) => reason))).toEqual(new Set(['outsideTradingHours']))
    expect(
      refused('limits')
        .map(([t]) => t)
        .sort(),
    ).toEqual([gbp, eur1, eur2].sort())
  })

  it('marginCheck: a copy the free margin cannot carry is refused and not sent, nor retried unchanged', async () => {
    // 100 lots of EURUSD at 1:100 needs ~107,000 USD of margin; the accounts hold 100,000
    const big = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 100, price: 1.07 })
    const c = makeCopier(
      env,
      configInput(env, { suffix: { lots: { multiplier: 1 } }, limits: { marginCheck: true } }),
    )
    const first = await c.copier.reconcileOnce()
    const second = await c.copier.reconcileOnce()
    await c.close()
    expect(copiesOf(env, 'LimitBroker', HEDGING, big)).toEqual([])
    const refusals = c.events.filter((e) => e.target === 'limits' && e.action === 'refused')
    expect(refusals).toHaveLength(1)
    expect(refusals[0]).toMatchObject({ sourceTicket: big, reason: 'noMargin' })
    expect(refusals[0]?.detail).toContain('free margin')
    // the pending order moves no money on a target that does not check: placed there
    expect(copiesOf(env, 'SuffixBroker', HEDGING, big)[0]?.volumeInitial).toBe(10_000_000_000n)
    expect([first.inSync, second.inSync]).toEqual([false, false])
  })

  it('copies, shifts to the target server time, or drops the expiration; copies or drops the stops', async () => {
    const expiry = Math.floor(WEDNESDAY_NOON / 1000) + 3600
    const ticket = placeSource(env, {
      symbol: 'EURUSD',
      type: T.buyLimit,
      lots: 0.1,
      price: 1.07,
      sl: 1.06,
      tp: 1.09,
      typeTime: 2,
      expiration: expiry,
    })
    const c = makeCopier(
      env,
      configInput(env, {
        suffix: { expiration: 'copy' },
        // CoarseBroker's server clock runs 2 hours ahead of the source's
        coarse: { expiration: 'shiftToServerTime' },
        limits: { expiration: 'none', sltp: 'none' },
      }),
    )
    await c.copier.reconcileOnce()
    await c.close()
    const suffix = copiesOf(env, 'SuffixBroker', HEDGING, ticket)[0]
    expect(suffix).toMatchObject({ typeTime: 2, timeExpiration: expiry, priceSl: 1.06, priceTp: 1.09 })
    const coarse = copiesOf(env, 'CoarseBroker', NETTING, ticket)[0]
    expect(coarse).toMatchObject({ typeTime: 2, timeExpiration: expiry + 7200, priceSl: 1.06, priceTp: 1.09 })
    const limits = copiesOf(env, 'LimitBroker', HEDGING, ticket)[0]
    expect(limits).toMatchObject({ typeTime: 0, timeExpiration: 0, priceSl: 0, priceTp: 0 })
  })

  it('applies the source-filled policies: cancel, keep, convert to market', async () => {
    env.sim.control.setPrice('EURUSD', 1.085, 1.0852)
    const c = makeCopier(
      env,
      configInput(env, {
        suffix: { sourceFilled: { policy: 'cancel' } },
        coarse: { sourceFilled: { policy: 'keep' } },
        limits: { sourceFilled: { policy: 'market', maxSlippagePoints: 100_000 } },
      }),
    )
    await c.copier.start()
    try {
      const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.08 })
      await until(
        () => c.events.filter((e) => e.action === 'placed' && e.sourceTicket === ticket).length === 3,
        5000,
      )
      // the source's ask falls to the limit: the source order fills (only on the source's broker)
      env.sim.control.setPrice('EURUSD', 1.0795, 1.0797)
      await until(() => env.sim.control.account(SOURCE_LOGIN).positions.length === 1, 3000)
      await until(() => copiesOf(env, 'SuffixBroker', HEDGING, ticket)[0] === undefined, 5000)
      await until(() => env.sim.control.broker('LimitBroker').account(HEDGING).positions.length === 1, 5000)
      expect(copiesOf(env, 'LimitBroker', HEDGING, ticket)[0]).toBeUndefined()
      expect(env.sim.control.broker('LimitBroker').account(HEDGING).positions[0]?.tradeVolume).toBe(
        20_000_000n,
      )
      expect(copiesOf(env, 'CoarseBroker', NETTING, ticket)[0]).toBeDefined()
      expect(c.events.find((e) => e.target === 'suffix' && e.action === 'cancelled')?.reason).toBe(
        'sourceFilled',
      )
      // the simulator fills before the copier has recorded the result
      await until(() => c.events.some((e) => e.target === 'limits' && e.action === 'converted'))
      // kept for good: a full pass leaves it
      env.sim.control.advanceClock(120_000)
      await c.copier.reconcileOnce()
      expect(copiesOf(env, 'CoarseBroker', NETTING, ticket)[0]).toBeDefined()
    } finally {
      await c.close()
    }
  })

  it('with a schedule, copies on its ticks (cron, seconds field); a disabled target is left alone', async () => {
    const input = configInput(env, { limits: { enabled: false } })
    const c = makeCopier(env, { ...input, schedule: '*/2 * * * * *' } as never)
    await c.copier.start()
    try {
      const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.07 })
      await until(
        () =>
          copyCounts(env, ticket)
            .slice(0, 2)
            .every((n) => n === 1),
        8000,
      )
      // the simulator holds the copies before the executor has recorded the results: wait for its events
      await until(() => c.events.filter((e) => e.action === 'placed').length >= 2, 3000)
      expect(
        c.events
          .filter((e) => e.action === 'placed')
          .map((e) => e.target)
          .sort(),
      ).toEqual(['coarse', 'suffix'])
      // the disabled target is never connected nor touched, and does not make the pass fail
      expect(copyCounts(env, ticket)[2]).toBe(0)
      expect(env.sim.control.broker('LimitBroker').account(HEDGING).connections).toBe(0)
      expect((await c.copier.reconcileOnce()).inSync).toBe(true)
    } finally {
      await c.close()
    }
  })

  it("refuses a copy while the target symbol's trade session is closed", async () => {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.07 })
    const c = makeCopier(env, configInput(env, { limits: { symbols: { EURUSD: 'EURUSD.wk' } } }))
    const summary = await c.copier.reconcileOnce()
    await c.close()
    expect(summary.inSync).toBe(false)
    expect(copyCounts(env, ticket)).toEqual([1, 1, 0])
    expect(c.events.find((e) => e.target === 'limits')).toMatchObject({
      action: 'refused',
      reason: 'sessionClosed',
    })
  })
})
