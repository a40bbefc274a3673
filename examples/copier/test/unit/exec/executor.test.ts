import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { TradeResult } from 'mt5web'
import { describe, expect, it } from 'vitest'
import { createExecutor } from '../../../src/exec/executor.js'
import { requestJson } from '../../../src/exec/requests.js'
import type { TargetTrader, TradeRequestParameters } from '../../../src/exec/trader.js'
import { formatTag } from '../../../src/link/tag.js'
import type { Intent, PlaceIntent } from '../../../src/plan/types.js'
import { PUSH_TRACE_CHANNEL, type PushMark } from '../../../src/service/trace.js'
import { cacheStore } from '../../../src/state/cached.js'
import { openSqliteStore } from '../../../src/state/sqlite.js'
import { order, TAG } from '../../helpers/planInput.js'

/** A place intent for `target` (a copy of source order 7). */
function place(target: string): PlaceIntent {
  return {
    kind: 'place',
    target,
    sourceTicket: 7n,
    reason: 'newSource',
    detail: `copy of #7 on ${target}`,
    order: { ...order(), comment: formatTag(7n, TAG) },
    marginCheck: false,
    fingerprint: 'f',
  }
}

describe('executor', () => {
  it('writes the decision and sends every target its request before any other queued work runs', async () => {
    const store = await cacheStore(openSqliteStore(':memory:'))
    const exec = createExecutor({ store, tagScope: TAG, emit: () => undefined, now: () => 0 })
    const sent: string[] = []
    let ticket = 100n
    const trader = (id: string) =>
      ({
        tradeRequest: () => {
          sent.push(id)
          return Promise.resolve({
            ok: true,
            retcode: 10009,
            order: ticket++,
            description: 'done',
          } as TradeResult)
        },
      }) as unknown as TargetTrader
    let queued = false
    queueMicrotask(() => {
      queued = true
    })
    const ids = ['t1', 't2', 't3']
    const reports = exec.executeTargets(
      ids.map((id) => ({ target: id, intents: [place(id)], trader: trader(id) })),
    )
    // the intents are in the store before the first request, and no microtask ran in between
    expect(sent).toEqual(ids)
    expect(queued).toBe(false)
    expect((await store.openIntents()).map((i) => i.target)).toEqual(ids)
    const done = await Promise.all(await reports)
    expect(done.map((r) => r.actions)).toEqual([1, 1, 1])
    expect([...store.state.links.values()].map((l) => l.copyTicket)).toEqual([100n, 101n, 102n])
    await store.close()
  })

  it('sends each request exactly as its intent recorded it (place, modify, cancel, convert)', async () => {
    const store = await cacheStore(openSqliteStore(':memory:'))
    const exec = createExecutor({ store, tagScope: TAG, emit: () => undefined, now: () => 0 })
    const sent: TradeRequestParameters[] = []
    const trader = {
      // the first request of each intent stays in flight: its intent is still open when read back
      tradeRequest: (r: TradeRequestParameters) => {
        sent.push(r)
        return new Promise<TradeResult>(() => undefined)
      },
    } as unknown as TargetTrader
    const base = { target: 't1', sourceTicket: 7n, reason: 'sourceChanged', detail: 'd' } as const
    const intents: Intent[] = [
      place('t1'),
      {
        ...base,
        kind: 'modify',
        copyTicket: 50n,
        changes: { price: 1.2 },
        order: { ...order(), price: 1.2 },
      },
      { ...base, kind: 'cancel', copyTicket: 51n, symbol: 'EURUSD', reason: 'orphan' },
      {
        ...base,
        kind: 'convertToMarket',
        copyTicket: 52n,
        symbol: 'EURUSD',
        side: 'buy',
        volume: 0.1,
        price: 1.1,
        deviationPoints: 10,
        comment: formatTag(7n, TAG),
        reason: 'sourceFilled',
      },
    ]
    // one intent per target: each target sends its first request at once
    void exec.executeTargets(
      intents.map((i, k) => ({ target: `t${k}`, intents: [{ ...i, target: `t${k}` }], trader })),
    )
    const open = await store.openIntents()
    expect(open.map((i) => i.kind)).toEqual(['place', 'modify', 'cancel', 'convertToMarket'])
    expect(sent).toHaveLength(4)
    expect(open.map((i) => i.request)).toEqual(sent.map(requestJson))
    expect(sent.map((r) => r.order)).toEqual([undefined, 50n, 51n, 52n])
    await store.close()
  })

  it('publishes the push-path stage marks in order while someone listens, and none otherwise', async () => {
    const store = await cacheStore(openSqliteStore(':memory:'))
    const exec = createExecutor({ store, tagScope: TAG, emit: () => undefined, now: () => 0 })
    const trader = {
      tradeRequest: () =>
        Promise.resolve({ ok: true, retcode: 10009, order: 5n, description: 'done' } as TradeResult),
    } as unknown as TargetTrader
    const marks: PushMark[] = []
    const listener = (m: unknown) => marks.push(m as PushMark)
    subscribe(PUSH_TRACE_CHANNEL, listener)
    const ids = ['t1', 't2']
    await Promise.all(
      await exec.executeTargets(ids.map((id) => ({ target: id, intents: [place(id)], trader }))),
    )
    unsubscribe(PUSH_TRACE_CHANNEL, listener)
    expect(marks.map((m) => [m.stage, m.target])).toEqual([
      ['committed', undefined],
      ['request', 't1'],
      ['request', 't2'],
      ['dispatched', undefined],
    ])
    expect(marks.map((m) => m.atMs)).toEqual([...marks.map((m) => m.atMs)].sort((a, b) => a - b))
    const before = marks.length
    await Promise.all(await exec.executeTargets([{ target: 't3', intents: [place('t3')], trader }]))
    expect(marks).toHaveLength(before)
    await store.close()
  })
})
