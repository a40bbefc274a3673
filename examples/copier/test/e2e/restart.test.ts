/** Restarts (with and without the state database) and accounts that drop and come back. */
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseTag } from '../../src/link/tag.js'
import {
  configInput,
  HEDGING,
  makeCopier,
  NETTING,
  ordersOf,
  placeSource,
  type SimEnv,
  SOURCE_LOGIN,
  startSim,
  T,
  until,
} from './_env.js'

const scope = { prefix: 'cp', source: String(SOURCE_LOGIN) }
const count = (env: SimEnv, broker: string, login: number, ticket: bigint) =>
  ordersOf(env, broker, login).filter((o) => parseTag(o.comment, scope) === ticket).length
const everywhere = (env: SimEnv, ticket: bigint) => [
  count(env, 'SuffixBroker', HEDGING, ticket),
  count(env, 'CoarseBroker', NETTING, ticket),
  count(env, 'LimitBroker', HEDGING, ticket),
]

describe('copier e2e: restarts and reconnects', () => {
  let env: SimEnv
  beforeEach(async () => {
    env = await startSim()
  })
  afterEach(async () => {
    await env.close()
  })

  it.each([
    ['with its state database', false],
    ['without its state database (links rebuilt from the tags)', true],
  ])('a restart %s places nothing twice', async (_name, deleteState) => {
    const a = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.07 })
    const b = placeSource(env, { symbol: 'GBPUSD', type: T.sellLimit, lots: 0.4, price: 1.3 })
    const first = makeCopier(env)
    await first.copier.reconcileOnce()
    await first.close()
    expect(everywhere(env, a)).toEqual([1, 1, 1])
    expect(everywhere(env, b)).toEqual([1, 1, 1])
    if (deleteState) rmSync(configInput(env).state?.path as string)

    // while the copier is down the source changes: one order moves, one is new
    env.sim.control.modifyOrder(SOURCE_LOGIN, a, { price: 1.071 })
    const c = placeSource(env, { symbol: 'EURUSD', type: T.sellLimit, lots: 0.2, price: 1.1 })
    const second = makeCopier(env)
    const summary = await second.copier.reconcileOnce()
    await second.close()
    expect(summary.inSync).toBe(true)
    for (const t of [a, b, c]) expect(everywhere(env, t)).toEqual([1, 1, 1])
    expect(second.events.filter((e) => e.action === 'placed').map((e) => e.sourceTicket)).toEqual([c, c, c])
    expect(second.events.filter((e) => e.action === 'modified').map((e) => e.sourceTicket)).toEqual([a, a, a])
    const suffixCopy = ordersOf(env, 'SuffixBroker', HEDGING).find((o) => parseTag(o.comment, scope) === a)
    expect(suffixCopy?.priceOrder).toBe(1.071)
  })

  it('a target that drops is reconciled when it is back, and the others are not held up', async () => {
    const c = makeCopier(env)
    await c.copier.start()
    try {
      env.sim.control.broker('SuffixBroker').faults.drop({ login: HEDGING })
      const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.07 })
      await until(
        () =>
          count(env, 'CoarseBroker', NETTING, ticket) === 1 &&
          count(env, 'LimitBroker', HEDGING, ticket) === 1,
        5000,
      )
      await until(() => count(env, 'SuffixBroker', HEDGING, ticket) === 1, 10_000)
      // a later full pass finds everything in sync
      const summary = await c.copier.reconcileOnce()
      expect(summary.inSync).toBe(true)
      expect(everywhere(env, ticket)).toEqual([1, 1, 1])
    } finally {
      await c.close()
    }
  })

  it('a source that is down makes no orphan: its orders are unseen, not gone', async () => {
    const input = configInput(env, {
      suffix: { orphans: { policy: 'kill', checkEvery: 1, confirmations: 1 } },
    })
    const c = makeCopier(env, input, { syncTimeoutMs: 300 })
    await c.copier.start()
    try {
      const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.07 })
      await until(() => count(env, 'SuffixBroker', HEDGING, ticket) === 1, 5000)
      // the source cannot log in again: it stays down
      env.sim.control.setPassword(SOURCE_LOGIN, 'Changed99')
      env.sim.control.faults.drop({ login: SOURCE_LOGIN })
      for (let i = 0; i < 2; i++) {
        env.sim.control.advanceClock(5_000)
        const summary = await c.copier.reconcileOnce()
        expect(summary.inSync).toBe(false)
      }
      expect(count(env, 'SuffixBroker', HEDGING, ticket)).toBe(1)
      expect(c.events.filter((e) => e.action === 'cancelled' || e.action === 'orphan')).toEqual([])
    } finally {
      await c.close()
    }
  })
})
