/** Restarts (with and without the state database) and accounts that drop and come back. */
import { rmSync } from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import { formatTag } from '../../src/link/tag.js'
import { openSqliteStore } from '../../src/state/sqlite.js'
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
  TAG_SCOPE,
  until,
} from './_env.js'

describe('copier e2e: restarts and reconnects', () => {
  const sim = simPerTest()
  let env: SimEnv
  beforeEach(() => {
    env = sim()
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
    expect(copyCounts(env, a)).toEqual([1, 1, 1])
    expect(copyCounts(env, b)).toEqual([1, 1, 1])
    if (deleteState) rmSync(configInput(env).state?.path as string)

    // while the copier is down the source changes: one order moves, one is new
    env.sim.control.modifyOrder(SOURCE_LOGIN, a, { price: 1.071 })
    const c = placeSource(env, { symbol: 'EURUSD', type: T.sellLimit, lots: 0.2, price: 1.1 })
    const second = makeCopier(env)
    const summary = await second.copier.reconcileOnce()
    await second.close()
    expect(summary.inSync).toBe(true)
    for (const t of [a, b, c]) expect(copyCounts(env, t)).toEqual([1, 1, 1])
    expect(second.events.filter((e) => e.action === 'placed').map((e) => e.sourceTicket)).toEqual([c, c, c])
    expect(second.events.filter((e) => e.action === 'modified').map((e) => e.sourceTicket)).toEqual([a, a, a])
    const suffixCopy = copiesOf(env, 'SuffixBroker', HEDGING, a)[0]
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
          copiesOf(env, 'CoarseBroker', NETTING, ticket).length === 1 &&
          copiesOf(env, 'LimitBroker', HEDGING, ticket).length === 1,
        5000,
      )
      await until(() => copiesOf(env, 'SuffixBroker', HEDGING, ticket).length === 1, 10_000)
      // a later full pass finds everything in sync
      const summary = await c.copier.reconcileOnce()
      expect(summary.inSync).toBe(true)
      expect(copyCounts(env, ticket)).toEqual([1, 1, 1])
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
      await until(() => copiesOf(env, 'SuffixBroker', HEDGING, ticket).length === 1, 5000)
      // the source cannot log in again: it stays down
      env.sim.control.setPassword(SOURCE_LOGIN, 'Changed99')
      env.sim.control.faults.drop({ login: SOURCE_LOGIN })
      // the drop reaches the copier asynchronously: a pass before it still sees the source synced
      await until(() => c.copier.accounts()[0]?.status !== 'synced', 3000)
      for (let i = 0; i < 2; i++) {
        env.sim.control.advanceClock(5_000)
        const summary = await c.copier.reconcileOnce()
        expect(summary.inSync).toBe(false)
      }
      expect(copiesOf(env, 'SuffixBroker', HEDGING, ticket).length).toBe(1)
      expect(c.events.filter((e) => e.action === 'cancelled' || e.action === 'orphan')).toEqual([])
    } finally {
      await c.close()
    }
  })

  it('settles intents a crash left open by their tags: a copy found is linked, a copy found nowhere is placed once', async () => {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.07 })
    const tag = formatTag(ticket, TAG_SCOPE)
    // the crash came after the suffix request reached the server, and before the coarse one was sent
    env.sim.control
      .broker('SuffixBroker')
      .placeOrder(HEDGING, { symbol: 'EURUSD.m', type: T.buyLimit, lots: 0.4, price: 1.07, comment: tag })
    const path = configInput(env).state?.path as string
    const crashed = openSqliteStore(path)
    const intent = { sourceTicket: ticket, kind: 'place' as const, tag, atMs: env.clock.now() }
    await crashed.commit({
      openIntents: [
        { ...intent, target: 'suffix', request: '{"symbol":"EURUSD.m"}' },
        { ...intent, target: 'coarse', request: '{"symbol":"EURUSD"}' },
      ],
    })
    await crashed.close()

    const c = makeCopier(env)
    const summary = await c.copier.reconcileOnce()
    await c.close()
    expect(summary.inSync).toBe(true)
    expect(copyCounts(env, ticket)).toEqual([1, 1, 1])
    const by = (target: string) =>
      c.events.filter((e) => e.target === target).map((e) => [e.action, e.reason])
    expect(by('suffix')).toEqual([['linked', 'recovered']])
    expect(by('coarse')).toEqual([
      ['failed', 'notPlaced'],
      ['placed', 'newSource'],
    ])
    const store = openSqliteStore(path, { readonly: true })
    expect(await store.openIntents()).toEqual([])
    await store.close()
  })

  it('settles an intent left open while running at the next full pass, not only at start', async () => {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.07 })
    const c = makeCopier(env)
    await c.copier.reconcileOnce()
    expect(copyCounts(env, ticket)).toEqual([1, 1, 1])
    // an outcome the first lookup could not settle (the target did not answer it): still open
    const copy = copiesOf(env, 'SuffixBroker', HEDGING, ticket)[0]
    const path = configInput(env).state?.path as string
    const side = openSqliteStore(path)
    await side.commit({
      openIntents: [
        {
          target: 'suffix',
          sourceTicket: ticket,
          kind: 'place',
          tag: formatTag(ticket, TAG_SCOPE),
          request: '{"symbol":"EURUSD.m"}',
          atMs: env.clock.now(),
        },
      ],
    })
    await c.copier.reconcileOnce()
    await c.close()
    expect(await side.openIntents()).toEqual([])
    await side.close()
    expect(c.events.find((e) => e.target === 'suffix' && e.reason === 'recovered')).toMatchObject({
      action: 'linked',
      copyTicket: copy?.tradeOrder,
    })
    expect(copyCounts(env, ticket)).toEqual([1, 1, 1])
  })
})
