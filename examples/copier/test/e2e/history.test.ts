/**
 * Restarts after what the open orders alone cannot show: copies that filled, were closed or were
 * cancelled by hand while the copier was down (state database lost), and source orders that
 * filled unseen. Links come back from the targets' positions and history; a source's end from its
 * history.
 */
import { rmSync } from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  configInput,
  copiesOf,
  copyCounts,
  HEDGING,
  makeCopier,
  NETTING,
  placeSource,
  type SimEnv,
  SOURCE_LOGIN,
  simPerTest,
  T,
  until,
} from './_env.js'

/** The three targets: broker, login, the source's EURUSD there. */
const TARGETS = [
  ['SuffixBroker', HEDGING, 'EURUSD.m'],
  ['CoarseBroker', NETTING, 'EURUSD'],
  ['LimitBroker', HEDGING, 'EURUSD'],
] as const

/** Quotes EURUSD on every target broker (the source's broker is left as it is). */
function quoteTargets(env: SimEnv, bid: number, ask: number): void {
  for (const [broker, , symbol] of TARGETS) env.sim.control.broker(broker).setPrice(symbol, bid, ask)
}

const positionsOf = (env: SimEnv, broker: string, login: number) =>
  env.sim.control.broker(broker).account(login).positions

describe('copier e2e: restart after copies and sources ended unseen', () => {
  const sim = simPerTest()
  let env: SimEnv
  beforeEach(() => {
    env = sim()
    env.sim.control.setPrice('EURUSD', 1.085, 1.0852)
    quoteTargets(env, 1.085, 1.0852)
  })

  /** A source buy limit copied on every target by a first copier run, which then stops. */
  async function copiedThenStopped(input = configInput(env)): Promise<bigint> {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.08 })
    const first = makeCopier(env, input)
    await first.copier.reconcileOnce()
    await first.close()
    expect(copyCounts(env, ticket)).toEqual([1, 1, 1])
    return ticket
  }

  /** Restarts a copier without its state database (a dry run first: it plans no place); returns its events. */
  async function restartWithoutState(input = configInput(env)) {
    rmSync(input.state?.path as string)
    const dry = makeCopier(env, input)
    await dry.copier.reconcileOnce({ dryRun: true })
    await dry.close()
    expect(dry.events.filter((e) => e.action === 'placed')).toEqual([])
    const second = makeCopier(env, input)
    const summary = await second.copier.reconcileOnce()
    await second.close()
    return { summary, events: second.events }
  }

  it('a copy that filled while the copier was down is not placed again (state database lost)', async () => {
    const ticket = await copiedThenStopped()
    // the targets' ask falls to the limit: every copy fills into a position, the source does not
    quoteTargets(env, 1.0795, 1.0797)
    await until(() => copyCounts(env, ticket).every((n) => n === 0), 3000)
    for (const [broker, login] of TARGETS) expect(positionsOf(env, broker, login)).toHaveLength(1)
    // the price is back above the limit: a copy placed again would be accepted
    quoteTargets(env, 1.085, 1.0852)

    const { summary, events } = await restartWithoutState()
    expect(summary.inSync).toBe(true)
    expect(copyCounts(env, ticket)).toEqual([0, 0, 0])
    expect(events.filter((e) => e.action === 'placed')).toEqual([])
    expect(events.map((e) => [e.target, e.action, e.reason])).toEqual([
      ['suffix', 'linked', 'pastCopy'],
      ['coarse', 'linked', 'pastCopy'],
      ['limits', 'linked', 'pastCopy'],
    ])
  })

  it('a copy that filled and whose position was closed while the copier was down is not placed again', async () => {
    const ticket = await copiedThenStopped()
    quoteTargets(env, 1.0795, 1.0797)
    await until(() => TARGETS.every(([broker, login]) => positionsOf(env, broker, login).length === 1), 3000)
    for (const [broker, login] of TARGETS) {
      const position = positionsOf(env, broker, login)[0]
      expect(
        env.sim.control.broker(broker).closePosition(login, position?.positionId as bigint).result.retcode,
      ).toBe(10009)
      expect(positionsOf(env, broker, login)).toHaveLength(0)
    }
    quoteTargets(env, 1.085, 1.0852)

    const { summary, events } = await restartWithoutState()
    expect(summary.inSync).toBe(true)
    expect(copyCounts(env, ticket)).toEqual([0, 0, 0])
    expect(events.filter((e) => e.action === 'placed')).toEqual([])
    expect(events.filter((e) => e.reason === 'pastCopy').map((e) => e.target)).toEqual([
      'suffix',
      'coarse',
      'limits',
    ])
  })

  it("a copy the target's owner cancelled by hand is not placed again, with or without the state database", async () => {
    const ticket = await copiedThenStopped()
    const copy = copiesOf(env, 'SuffixBroker', HEDGING, ticket)[0]
    env.sim.control.broker('SuffixBroker').cancelOrder(HEDGING, copy?.tradeOrder as bigint)
    expect(copyCounts(env, ticket)).toEqual([0, 1, 1])

    const { summary, events } = await restartWithoutState()
    expect(summary.inSync).toBe(true)
    expect(copyCounts(env, ticket)).toEqual([0, 1, 1])
    expect(events.filter((e) => e.action === 'placed')).toEqual([])
    expect(events.find((e) => e.reason === 'pastCopy')).toMatchObject({
      target: 'suffix',
      copyTicket: copy?.tradeOrder,
    })
    // and a later run with the rebuilt state leaves it so
    const third = makeCopier(env)
    expect((await third.copier.reconcileOnce()).inSync).toBe(true)
    await third.close()
    expect(third.events.filter((e) => e.action === 'placed')).toEqual([])
    expect(copyCounts(env, ticket)).toEqual([0, 1, 1])
  })

  it.each([
    ['with its state database', false],
    ['without its state database', true],
  ])(
    'a copy that expired while the copier was down, its source made good till cancelled meanwhile, is placed again (%s)',
    async (_name, deleteState) => {
      // chaos seed 427: the copy expired before the copier could modify it; it was never placed again
      const expiration = Math.floor(env.clock.now() / 1000) + 240
      const ticket = placeSource(env, {
        symbol: 'EURUSD',
        type: T.buyLimit,
        lots: 0.2,
        price: 1.08,
        typeTime: 2,
        expiration,
      })
      // coarse's server runs 2 hours ahead: its copy's expiry is shifted to its server time
      const input = configInput(env, {
        coarse: { expiration: 'shiftToServerTime' },
        limits: { expiration: 'none' },
      })
      const first = makeCopier(env, input)
      await first.copier.reconcileOnce()
      await first.close()
      expect(copyCounts(env, ticket)).toEqual([1, 1, 1])
      expect(
        env.sim.control.modifyOrder(SOURCE_LOGIN, ticket, { typeTime: 0, expiration: 0 }).result.retcode,
      ).toBe(10009)
      // hours on: the copies with the old expiry expire (not the `expiration: none` one)
      env.sim.control.advanceClock(3 * 3_600_000)
      expect(copyCounts(env, ticket)).toEqual([0, 0, 1])
      if (deleteState) rmSync(input.state?.path as string)

      const second = makeCopier(env, input)
      const summary = await second.copier.reconcileOnce()
      await second.close()
      expect(summary.inSync).toBe(true)
      expect(copyCounts(env, ticket)).toEqual([1, 1, 1])
      expect(second.events.filter((e) => e.action === 'placed').map((e) => e.target)).toEqual([
        'suffix',
        'coarse',
      ])
      for (const [broker, login] of TARGETS)
        expect(copiesOf(env, broker, login, ticket)[0]).toMatchObject({ typeTime: 0 })
      // and a later run leaves them so
      const third = makeCopier(env, input)
      await third.copier.reconcileOnce()
      await third.close()
      expect(third.events.filter((e) => e.action === 'placed')).toEqual([])
    },
  )

  it.each([
    ['with its state database', false],
    ['without its state database', true],
  ])(
    'a source order that filled while the copier was down gets the sourceFilled policy, not the orphan one (%s)',
    async (_name, deleteState) => {
      const policies = {
        sourceFilled: { policy: 'cancel' },
        orphans: { policy: 'preserve', checkEvery: 1, confirmations: 1 },
      }
      const input = configInput(env, { suffix: policies, coarse: policies, limits: policies })
      const ticket = await copiedThenStopped(input)
      // the source's ask falls to its limit: it fills (only on the source's broker)
      env.sim.control.setPrice('EURUSD', 1.0795, 1.0797)
      await until(() => env.sim.control.account(SOURCE_LOGIN).positions.length === 1, 3000)
      if (deleteState) rmSync(input.state?.path as string)

      const second = makeCopier(env, input)
      const summary = await second.copier.reconcileOnce()
      await second.close()
      expect(copyCounts(env, ticket)).toEqual([0, 0, 0])
      expect(second.events.filter((e) => e.action === 'cancelled').map((e) => [e.target, e.reason])).toEqual([
        ['suffix', 'sourceFilled'],
        ['coarse', 'sourceFilled'],
        ['limits', 'sourceFilled'],
      ])
      expect(second.events.filter((e) => e.action === 'orphan')).toEqual([])
      expect(summary.inSync).toBe(true)
    },
  )
})
