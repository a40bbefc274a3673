/**
 * The `marginCheck` pre-flight: a transient retcode from `orderCheck` (no quotes yet after a
 * reconnect, requote, too many requests, no connection…) or a check that timed out or lost its
 * connection is asked again with backoff, and never recorded as a refusal (which would stop the copy
 * until its source changes); only a final retcode is a refusal.
 */
import { MT5ConnectionError, MT5TimeoutError, type TradeResult, TradeRetcode } from 'mt5web'
import { describe, expect, it } from 'vitest'
import { createExecutor } from '../../../src/exec/executor.js'
import type { TargetTrader } from '../../../src/exec/trader.js'
import { formatTag } from '../../../src/link/tag.js'
import type { PlaceIntent } from '../../../src/plan/types.js'
import type { ActionEvent } from '../../../src/service/events.js'
import { cacheStore } from '../../../src/state/cached.js'
import { openSqliteStore } from '../../../src/state/sqlite.js'
import { order, TAG } from '../../helpers/planInput.js'

const intent: PlaceIntent = {
  kind: 'place',
  target: 't1',
  sourceTicket: 7n,
  reason: 'newSource',
  detail: 'copy of #7 on t1',
  order: { ...order(), comment: formatTag(7n, TAG) },
  marginCheck: true,
  fingerprint: 'f',
}

const check = (retcode: number): Awaited<ReturnType<TargetTrader['orderCheck']>> => ({
  retcode,
  balance: 1000,
  equity: 1000,
  profit: 0,
  margin: 0,
  marginFree: 1000,
  marginLevel: 0,
  comment: '',
})

/** A target whose `orderCheck` answers `answers` in turn (an Error is thrown), then OK. */
function target(answers: readonly (number | Error)[]) {
  const calls = { check: 0, trade: 0 }
  const trader = {
    orderCheck: () => {
      const a = answers[calls.check++]
      if (a instanceof Error) return Promise.reject(a)
      return Promise.resolve(check(a ?? 0))
    },
    tradeRequest: () => {
      calls.trade++
      return Promise.resolve({ ok: true, retcode: 10009, order: 500n, description: 'done' } as TradeResult)
    },
  } as unknown as TargetTrader
  return { trader, calls }
}

async function run(answers: readonly (number | Error)[]) {
  const store = await cacheStore(openSqliteStore(':memory:'))
  const events: ActionEvent[] = []
  const sleeps: number[] = []
  const exec = createExecutor({
    store,
    tagScope: TAG,
    emit: (e) => events.push(e),
    now: () => 0,
    sleep: (ms) => {
      sleeps.push(ms)
      return Promise.resolve()
    },
  })
  const { trader, calls } = target(answers)
  const report = await exec.executeTarget('t1', [intent], trader)
  const refusals = [...store.state.refusals.values()]
  const links = [...store.state.links.values()]
  await store.close()
  return { report, events, sleeps, calls, refusals, links }
}

describe('marginCheck pre-flight', () => {
  it.each([
    ['no quotes yet', TradeRetcode.PriceOff],
    ['requote', TradeRetcode.Requote],
    ['too many requests', TradeRetcode.TooManyRequests],
    ['no connection', TradeRetcode.Connection],
    ['timeout', TradeRetcode.Timeout],
  ])('retries a transient retcode (%s) with backoff, then places', async (_, retcode) => {
    const r = await run([retcode, retcode])
    expect(r.calls).toEqual({ check: 3, trade: 1 })
    expect(r.sleeps).toEqual([250, 500])
    expect(r.events.map((e) => e.action)).toEqual(['placed'])
    expect(r.refusals).toEqual([])
    expect(r.links.map((l) => l.copyTicket)).toEqual([500n])
  })

  it.each([
    ['timed out', new MT5TimeoutError(4, 10_000)],
    ['lost its connection', new MT5ConnectionError('socket closed')],
  ])('asks again when the check itself %s (nothing was sent)', async (_, error) => {
    const r = await run([error])
    expect(r.calls).toEqual({ check: 2, trade: 1 })
    expect(r.events.map((e) => e.action)).toEqual(['placed'])
    expect(r.refusals).toEqual([])
  })

  it('still transient after every retry: failed, not sent, no refusal (the next reconcile checks again)', async () => {
    const r = await run(Array(4).fill(TradeRetcode.PriceOff))
    expect(r.calls).toEqual({ check: 4, trade: 0 })
    expect(r.events).toMatchObject([
      { action: 'failed', reason: 'orderCheck', retcode: TradeRetcode.PriceOff },
    ])
    expect(r.events[0]?.detail).toContain('checked again at the next reconcile')
    expect(r.refusals).toEqual([])
    expect(r.report.problems).toBe(1)
  })

  it('a final retcode is a refusal at once: no margin, or another reason', async () => {
    const noMoney = await run([TradeRetcode.NoMoney])
    expect(noMoney.calls).toEqual({ check: 1, trade: 0 })
    expect(noMoney.refusals).toMatchObject([{ reason: 'noMargin', sourceTicket: 7n }])
    const invalid = await run([TradeRetcode.InvalidStops])
    expect(invalid.calls).toEqual({ check: 1, trade: 0 })
    expect(invalid.refusals).toMatchObject([{ reason: 'rejected' }])
    expect(invalid.sleeps).toEqual([])
  })
})
