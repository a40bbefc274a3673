import { describe, expect, it } from 'vitest'
import { buildStatus } from '../../../src/http/snapshot.js'
import type { AccountInspection, CopierInspection } from '../../../src/http/status.js'
import { formatTag } from '../../../src/link/tag.js'
import { plan } from '../../../src/plan/plan.js'
import { type CopyOrder, linkKey, type PlanInput, type TargetView } from '../../../src/plan/types.js'
import {
  input,
  order as makeOrder,
  source,
  TAG as tag,
  target,
  targetConfig,
} from '../../helpers/planInput.js'

const ta = targetConfig({ marginCheck: false }, 'a')
const tb = targetConfig({ orderTypes: ['sellLimit'] }, 'b')
const tc = targetConfig({ orphans: { confirmations: 3 } }, 'c')

const order = (ticket: bigint, over: Partial<CopyOrder> = {}): CopyOrder =>
  makeOrder({ ticket, volume: 0.1, price: 1.08, sl: 0, tp: 0, ...over })

const view = (config: TargetView['config'], orders: CopyOrder[], connected = true): TargetView =>
  target(orders, {
    id: config.id,
    config,
    connected,
    synced: connected,
    quotes: { EURUSD: { bid: 1.1, ask: 1.1001 } },
  })

const account = (id: string, over: Partial<AccountInspection> = {}): AccountInspection => ({
  id,
  role: id === 'source' ? 'source' : 'target',
  login: '1',
  server: 'ws://127.0.0.1:1',
  enabled: true,
  connected: true,
  synced: true,
  lastStatus: 'connected',
  pingLatencyMs: 3,
  lastMessageAgeMs: 120,
  reconnectCount: 0,
  ...over,
})

function inspection(
  targets: TargetView[],
  extra: Partial<PlanInput> = {},
  accounts?: AccountInspection[],
): CopierInspection {
  const src = source([order(11n), order(12n, { type: 'sellLimit', price: 1.2 })])
  return {
    input: input(src, targets, extra),
    accounts: accounts ?? [account('source'), ...targets.map((t) => account(t.id))],
  }
}

const stateOf = (s: ReturnType<typeof buildStatus>, ticket: string, target: string) =>
  s.orders.find((o) => o.ticket === ticket)?.copies.find((c) => c.target === target)

describe('buildStatus', () => {
  it('labels each copy from the plan: in sync, pending change, placing, not eligible, waiting', () => {
    const copyA = order(501n, { comment: formatTag(11n, tag) })
    const staleA = order(502n, { type: 'sellLimit', price: 1.25, comment: formatTag(12n, tag) })
    const i = inspection([view(ta, [copyA, staleA]), view(tb, []), view(tc, [], false)], {
      links: [
        { target: 'a', sourceTicket: 11n, copyTicket: 501n, status: 'active' },
        { target: 'a', sourceTicket: 12n, copyTicket: 502n, status: 'active' },
      ],
    })
    const s = buildStatus(i, plan(i.input), [], 5)
    expect(stateOf(s, '11', 'a')).toMatchObject({ state: 'inSync', copyTicket: '501', reason: null })
    expect(stateOf(s, '12', 'a')).toMatchObject({ state: 'pendingChange', copyTicket: '502', price: 1.25 })
    expect(stateOf(s, '11', 'b')).toMatchObject({ state: 'notEligible', reason: 'orderTypeNotAllowed' })
    expect(stateOf(s, '12', 'b')).toMatchObject({
      state: 'placing',
      copyTicket: null,
      symbol: 'EURUSD',
      volume: 0.1,
    })
    expect(stateOf(s, '11', 'c')).toMatchObject({ state: 'waiting', reason: 'targetDisconnected' })
    expect(s.sync).toEqual({
      a: { inSync: 1, outOfSync: 1 },
      b: { inSync: 1, outOfSync: 1 },
      c: { inSync: 0, outOfSync: 2 },
    })
    expect(s.generatedAtMs).toBe(5)
  })

  it('reports refusals by reason and orphans with their counts and policy', () => {
    const orphan = order(900n, { comment: formatTag(77n, tag) })
    const i = inspection([view(ta, [orphan]), view(tb, []), view(tc, [])], {
      links: [{ target: 'a', sourceTicket: 77n, copyTicket: 900n, status: 'active' }],
      orphanCounters: new Map([[linkKey('a', 77n), 2]]),
    })
    const s = buildStatus(i, plan(i.input), [], 0)
    expect(s.orphans).toEqual([
      {
        target: 'a',
        sourceTicket: '77',
        copyTicket: '900',
        count: 2,
        confirmations: 3,
        policy: 'kill',
        preserved: false,
      },
    ])
    // a counter left behind by a copy already cancelled (link closed) is no orphan
    const closed = inspection([view(ta, []), view(tb, []), view(tc, [])], {
      links: [{ target: 'a', sourceTicket: 77n, copyTicket: 900n, status: 'closed' }],
      orphanCounters: new Map([[linkKey('a', 77n), 3]]),
    })
    expect(buildStatus(closed, plan(closed.input), [], 0).orphans).toEqual([])
    // not refused: excluded by config
    expect(s.refusals).toEqual({})
    const refused = inspection([view(ta, []), view(tb, []), view(tc, [])], {
      source: source([order(13n, { symbol: 'NOPE' })]),
    })
    // a refusal recorded earlier (same fingerprint: "still refused") is shown by its recorded reason
    const fresh = inspection([view(ta, []), view(tb, []), view(tc, [])])
    const place = plan(fresh.input).intents.find(
      (x) => x.kind === 'place' && x.target === 'a' && x.sourceTicket === 11n,
    )
    if (place?.kind !== 'place') throw new Error('expected a place intent for a/11')
    const recorded = inspection([view(ta, []), view(tb, []), view(tc, [])], {
      refusals: new Map([[linkKey('a', 11n), { reason: 'rejected', fingerprint: place.fingerprint }]]),
    })
    const rs = buildStatus(recorded, plan(recorded.input), [], 0)
    expect(stateOf(rs, '11', 'a')).toMatchObject({ state: 'refused', reason: 'rejected' })
    expect(rs.refusals).toEqual({ rejected: 1 })
    const r = buildStatus(refused, plan(refused.input), [], 0)
    expect(r.refusals).toEqual({ symbolMissing: 2 })
    expect(stateOf(r, '13', 'a')).toMatchObject({ state: 'refused', reason: 'symbolMissing' })
  })

  it('is ready only when the source is synced and every enabled target connected', () => {
    const targets = [view(ta, []), view(tb, []), view(tc, [])]
    const ok = inspection(targets)
    expect(buildStatus(ok, plan(ok.input), [], 0)).toMatchObject({ ready: true, notReady: [] })
    const down = inspection(targets, {}, [
      account('source', { synced: false }),
      account('a', { connected: false, synced: false, lastStatus: 'disconnected', reconnectCount: 2 }),
      account('b', { enabled: false, connected: false, synced: false }),
      account('c', { connected: true, synced: false }),
    ])
    const s = buildStatus(down, plan(down.input), [], 0)
    expect(s.ready).toBe(false)
    expect(s.notReady).toEqual(['source is connected', 'target a is disconnected'])
    expect(s.accounts.map((a) => a.state)).toEqual(['connected', 'disconnected', 'disabled', 'connected'])
    expect(s.accounts[1]).toMatchObject({ pingMs: 3, lastMessageAgeMs: 120, reconnects: 2 })
  })

  it('shows an account the pool gave up on as failed, with the reason, and not ready', () => {
    const targets = [view(ta, []), view(tb, []), view(tc, [])]
    const refused = { code: 'MT5_SERVER', message: 'login failed: invalid account or password (code 3)' }
    const failed = inspection(targets, {}, [
      account('source', {}),
      account('a', {
        connected: false,
        synced: false,
        lastStatus: 'failed',
        connection: 'failed',
        gaveUp: refused,
      }),
      // a disabled target is never connected: a give-up reported for it is not shown
      account('b', { enabled: false, connected: false, synced: false, gaveUp: refused }),
      account('c', {}),
    ])
    const s = buildStatus(failed, plan(failed.input), [], 0)
    expect(s.ready).toBe(false)
    expect(s.notReady).toEqual([`target a failed, not retried: ${refused.message}`])
    expect(s.accounts.map((a) => a.state)).toEqual(['synced', 'failed', 'disabled', 'synced'])
    expect(s.accounts.map((a) => a.gaveUp)).toEqual([null, refused, null, null])
  })

  it("shows a fleet member's targets held by another member as elsewhere, not as down", () => {
    const targets = [view(ta, [])]
    const fleet = inspection(targets, {}, [
      account('source', {}),
      account('a', {}),
      // no session here: another member holds the lease
      account('b', { connected: false, synced: false, elsewhere: true }),
    ])
    const s = buildStatus(fleet, plan(fleet.input), [], 0)
    expect(s.accounts.map((a) => a.state)).toEqual(['synced', 'synced', 'elsewhere'])
    expect(s).toMatchObject({ ready: true, notReady: [] })
  })
})
