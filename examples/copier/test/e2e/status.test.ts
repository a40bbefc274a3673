/** The status API and `/metrics` of a copier running against the simulator follow its orders live. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEDGING, placeSource, SOURCE_LOGIN, T, until } from './_env.js'
import { type StatusEnv, sample, startStatusEnv, takeDown } from './_status.js'

const TARGETS = ['suffix', 'coarse', 'limits'] as const

describe('copier e2e: status API and metrics', () => {
  let s: StatusEnv
  beforeAll(async () => {
    s = await startStatusEnv()
  })
  afterAll(async () => {
    await s?.close()
  })

  it('shows a copy appear, change and disappear on every target, and the metrics move with it', async () => {
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200)
    const ticket = placeSource(s.env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.3, price: 1.08 })
    await until(async () => {
      const copies = await Promise.all(TARGETS.map((t) => s.copy(ticket, t)))
      return copies.every((c) => c?.state === 'inSync')
    }, 8000)
    expect(await s.copy(ticket, 'suffix')).toMatchObject({ symbol: 'EURUSD.m', volume: 0.6, price: 1.08 })
    // the copies show on the targets before the copier has their results: wait for the events
    let m = ''
    await until(async () => {
      m = await s.metrics()
      return TARGETS.every(
        (target) => sample(m, 'mt5copier_copies_total', { target, action: 'placed' }) === 1,
      )
    }, 5000)
    for (const target of TARGETS) {
      expect(sample(m, 'mt5copier_copies_total', { target, action: 'placed' }), target).toBe(1)
      expect(sample(m, 'mt5copier_copies_in_sync', { target }), target).toBe(1)
      expect(sample(m, 'mt5copier_copies_out_of_sync', { target }), target).toBe(0)
    }
    expect(sample(m, 'mt5copier_trade_retcodes_total', { target: 'suffix', retcode: '10008' })).toBe(1) // order placed
    expect(sample(m, 'mt5copier_copy_latency_seconds_count', { target: 'suffix', stage: 'result' })).toBe(1)
    expect(sample(m, 'mt5copier_copy_latency_seconds_count', { target: 'suffix', stage: 'sent' })).toBe(1)
    expect(sample(m, 'mt5copier_account_connected', { account: 'limits' })).toBe(1)

    s.env.sim.control.modifyOrder(SOURCE_LOGIN, ticket, { price: 1.079 })
    await until(async () => {
      const copies = await Promise.all(TARGETS.map((t) => s.copy(ticket, t)))
      return copies.every((c) => c?.state === 'inSync' && c.price === 1.079)
    }, 8000)
    await until(
      async () =>
        sample(await s.metrics(), 'mt5copier_copies_total', { target: 'limits', action: 'modified' }) === 1,
      5000,
    )

    // a cancelled source order leaves orphans, cancelled after 3 checks 30 s apart (policy kill)
    s.env.sim.control.cancelOrder(SOURCE_LOGIN, ticket)
    await until(async () => (await s.status()).orders.length === 0, 8000)
    for (let check = 1; check <= 2; check++) {
      s.env.sim.control.advanceClock(31_000)
      await s.c.copier.reconcileOnce()
      const { orphans } = await s.status()
      expect(orphans.map((o) => [o.target, o.count, o.confirmations, o.policy])).toEqual(
        TARGETS.map((t) => [t, check, 3, 'kill']),
      )
      expect(sample(await s.metrics(), 'mt5copier_orphans', { target: 'coarse', policy: 'kill' })).toBe(1)
    }
    s.env.sim.control.advanceClock(31_000)
    await s.c.copier.reconcileOnce()
    await until(async () => (await s.status()).orphans.length === 0, 5000)
    await until(async () => {
      m = await s.metrics()
      return TARGETS.every(
        (target) => sample(m, 'mt5copier_copies_total', { target, action: 'cancelled' }) === 1,
      )
    }, 8000)
    const actions = (await (await fetch(`${s.url}/api/actions?limit=20`)).json()) as {
      action: string
      sourceTicket: string
    }[]
    expect(actions.filter((a) => a.sourceTicket === String(ticket)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['placed', 'modified', 'cancelled']),
    )
  })

  it('shows a target whose password changed: not ready, failed (not retried), its connection metric at 0', async () => {
    takeDown(s.env, 'LimitBroker', HEDGING)
    await until(
      async () => (await s.status()).accounts.find((a) => a.id === 'limits')?.state === 'failed',
      8000,
    )
    const limits = (await s.status()).accounts.find((a) => a.id === 'limits')
    expect(limits?.gaveUp?.message).toMatch(/invalid account or password/)
    const ready = await fetch(`${s.url}/readyz`)
    expect(ready.status).toBe(503)
    expect((await ready.json()).notReady).toEqual([
      `target limits failed, not retried: ${limits?.gaveUp?.message}`,
    ])
    expect(sample(await s.metrics(), 'mt5copier_account_connected', { account: 'limits' })).toBe(0)
    expect(sample(await s.metrics(), 'mt5copier_account_gave_up', { account: 'limits' })).toBe(1)
    expect(sample(await s.metrics(), 'mt5copier_account_gave_up', { account: 'suffix' })).toBe(0)
    expect(sample(await s.metrics(), 'mt5copier_account_connected', { account: 'suffix' })).toBe(1)
  })
})
