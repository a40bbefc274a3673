import { EventEmitter } from 'eventemitter3'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpServerError } from '../../../src/errors.js'
import { isLoopback, parseListen, type StatusServer, startStatusServer } from '../../../src/http/server.js'
import type { CopierInspection, InspectableCopier } from '../../../src/http/status.js'
import { createStatusTracker, type StatusTracker } from '../../../src/http/tracker.js'
import { createCopierMetrics } from '../../../src/metrics/metrics.js'
import type { ActionEvent, CopierEvents } from '../../../src/service/events.js'

/** A copier as the status page sees it: events plus an inspection the test sets. */
function fakeCopier() {
  const events = new EventEmitter<CopierEvents>()
  let inspection: CopierInspection | undefined
  const copier: InspectableCopier & { set(i: CopierInspection | undefined): void; events: typeof events } = {
    events,
    on: (e, l) => events.on(e, l as never),
    off: (e, l) => events.off(e, l as never),
    inspect: () => inspection,
    set(i) {
      inspection = i
    },
  }
  return copier
}

const readyInspection = (sourceSynced: boolean): CopierInspection => ({
  input: {
    now: 0,
    tag: { prefix: 'cp', source: '1' },
    source: { synced: sourceSynced, orders: [], gone: new Map(), serverTimeOffsetMinutes: 0 },
    targets: [],
    links: [],
    orphanCounters: new Map(),
    refusals: new Map(),
    lastOrphanCheck: new Map(),
  },
  accounts: [
    {
      id: 'source',
      role: 'source',
      login: '1',
      server: 'ws://127.0.0.1:1',
      enabled: true,
      connected: sourceSynced,
      synced: sourceSynced,
      lastStatus: sourceSynced ? 'connected' : 'connecting',
      pingLatencyMs: null,
      lastMessageAgeMs: null,
      reconnectCount: sourceSynced ? 1 : 0,
    },
  ],
})

const action = (n: number, over: Partial<ActionEvent> = {}): ActionEvent => ({
  action: 'placed',
  target: 't1',
  sourceTicket: BigInt(n),
  copyTicket: BigInt(1000 + n),
  symbol: 'EURUSD.m',
  volume: 0.1,
  reason: 'newSource',
  detail: `placed #${n}`,
  retcode: 10009,
  atMs: 10_000 + n,
  triggerAtMs: 10_000 + n - 4,
  sentAtMs: 10_000 + n - 2,
  ...over,
})

let server: StatusServer | undefined
let tracker: StatusTracker | undefined
afterEach(async () => {
  await server?.close()
  tracker?.close()
  server = undefined
  tracker = undefined
})

async function start(token?: string) {
  const copier = fakeCopier()
  tracker = createStatusTracker(copier, { now: () => 42 })
  const metrics = createCopierMetrics(copier, tracker, { processMetrics: false })
  server = await startStatusServer({
    status: tracker,
    metrics,
    listen: '127.0.0.1:0',
    token,
    refreshMs: 60_000,
  })
  return { copier, url: server.url, metrics }
}

describe('status server', () => {
  it('serves the page, health, readiness and the JSON API', async () => {
    const { copier, url } = await start()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const page = await fetch(`${url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<script src="/app.js"></script>')
    expect((await fetch(`${url}/app.js`)).headers.get('content-type')).toMatch(/javascript/)
    expect(await (await fetch(`${url}/healthz`)).text()).toBe('ok\n')

    const notStarted = await fetch(`${url}/readyz`)
    expect(notStarted.status).toBe(503)
    expect(await notStarted.json()).toEqual({ ready: false, notReady: ['the copier has not connected yet'] })
    copier.set(readyInspection(false))
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({
      ready: false,
      notReady: ['source is connecting'],
    })
    copier.set(readyInspection(true))
    expect((await fetch(`${url}/readyz`)).status).toBe(200)

    for (let n = 1; n <= 3; n++) copier.events.emit('action', action(n))
    copier.events.emit('action', action(9, { dryRun: true }))
    const status = await (await fetch(`${url}/api/status`)).json()
    expect(status).toMatchObject({
      ready: true,
      generatedAtMs: 42,
      accounts: [{ id: 'source', state: 'synced', reconnects: 1 }],
    })
    expect(status.actions.map((a: { sourceTicket: string }) => a.sourceTicket)).toEqual(['3', '2', '1'])
    const actions = await (await fetch(`${url}/api/actions?limit=2`)).json()
    expect(actions).toEqual([
      expect.objectContaining({ sourceTicket: '3', copyTicket: '1003', latencyMs: 4, retcode: 10009 }),
      expect.objectContaining({ sourceTicket: '2' }),
    ])
    const bad = await fetch(`${url}/api/actions?limit=0`)
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toContain('"0"')
    expect((await fetch(`${url}/nope`)).status).toBe(404)
  })

  it('is read-only: anything but GET and HEAD is refused', async () => {
    const { url } = await start()
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${url}/api/status`, { method, body: method === 'DELETE' ? null : '{}' })
      expect(res.status, method).toBe(405)
      expect(res.headers.get('allow')).toBe('GET, HEAD')
    }
    const head = await fetch(`${url}/api/status`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('exposes metrics that follow the actions and the status', async () => {
    const { copier, url } = await start()
    copier.set(readyInspection(true))
    copier.events.emit('action', action(1))
    copier.events.emit(
      'action',
      action(2, { action: 'refused', reason: 'symbolMissing', retcode: undefined }),
    )
    copier.events.emit('reconciled', {
      inSync: true,
      actions: 1,
      problems: 0,
      skippedTargets: [],
      durationMs: 12,
    })
    // a refusal sent nothing: it has no latency
    expect(await (await fetch(`${url}/api/actions?limit=1`)).json()).toEqual([
      expect.objectContaining({ action: 'refused', latencyMs: null }),
    ])
    const res = await fetch(`${url}/metrics`)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(text).toContain('mt5copier_copies_total{target="t1",action="placed",reason="newSource"} 1')
    expect(text).toContain('mt5copier_copies_total{target="t1",action="refused",reason="symbolMissing"} 1')
    expect(text).toContain('mt5copier_trade_retcodes_total{target="t1",retcode="10009"} 1')
    expect(text).toContain('mt5copier_copy_latency_seconds_count{target="t1",stage="sent"} 1')
    expect(text).toContain('mt5copier_copy_latency_seconds_sum{target="t1",stage="result"} 0.004')
    expect(text).toContain('mt5copier_reconcile_duration_seconds_count 1')
    expect(text).toContain('mt5copier_account_connected{account="source",role="source"} 1')
    expect(text).toContain('mt5copier_account_reconnects_total{account="source"} 1')
    expect(text).toContain('mt5copier_account_gave_up{account="source",role="source"} 0')
    copier.set(readyInspection(false))
    const after = await (await fetch(`${url}/metrics`)).text()
    expect(after).toContain('mt5copier_account_connected{account="source",role="source"} 0')
    // a counter never goes down when the reported count does
    expect(after).toContain('mt5copier_account_reconnects_total{account="source"} 1')
  })

  it('exposes the fleet: leases held, heartbeats, renewals, takeovers, losses, instances, heartbeat age', async () => {
    const { copier, url } = await start()
    copier.set(readyInspection(true))
    const alone = await (await fetch(`${url}/metrics`)).text()
    // a copier on its own exports no fleet series
    expect(alone).not.toMatch(/^mt5copier_fleet_/m)
    const stats = {
      heartbeats: 10,
      heartbeatFailures: 1,
      renewals: 25,
      acquired: 5,
      takeovers: 2,
      lost: 1,
      liveInstances: 3,
      lastHeartbeatAgeMs: 1500,
    }
    const fleet = (s: typeof stats) => ({
      ...readyInspection(true),
      fleet: { instance: 'pod-a:1:x', held: ['t1', 't2', 't3'], instances: [], leases: [], stats: s },
    })
    copier.set(fleet(stats))
    const text = await (await fetch(`${url}/metrics`)).text()
    for (const [name, value] of [
      ['leases_held', '3'],
      ['instances', '3'],
      ['heartbeat_age_seconds', '1.5'],
      ['heartbeats_total', '10'],
      ['heartbeat_failures_total', '1'],
      ['lease_renewals_total', '25'],
      ['takeovers_total', '2'],
      ['leases_lost_total', '1'],
    ])
      expect(text).toContain(`mt5copier_fleet_${name}{member="pod-a:1:x"} ${value}\n`)
    copier.set(fleet({ ...stats, heartbeats: 13, takeovers: 2, lastHeartbeatAgeMs: 200 }))
    const later = await (await fetch(`${url}/metrics`)).text()
    expect(later).toContain('mt5copier_fleet_heartbeats_total{member="pod-a:1:x"} 13\n')
    expect(later).toContain('mt5copier_fleet_takeovers_total{member="pod-a:1:x"} 2\n')
    expect(later).toContain('mt5copier_fleet_heartbeat_age_seconds{member="pod-a:1:x"} 0.2\n')
  })

  it('streams the status and every action live over server-sent events', async () => {
    const { copier, url } = await start()
    copier.set(readyInspection(true))
    const controller = new AbortController()
    const res = await fetch(`${url}/api/events`, { signal: controller.signal })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    if (!res.body) throw new Error('no body')
    const reader = res.body.getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    const next = async (): Promise<{ event: string; data: { sourceTicket?: string; ready?: boolean } }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n')
        if (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? ''
          return { event, data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') }
        }
        const r = await reader.read()
        if (r.done) throw new Error('stream ended')
        buffer += decoder.decode(r.value, { stream: true })
      }
    }
    expect(await next()).toMatchObject({ event: 'status', data: { ready: true } })
    copier.events.emit('action', action(5))
    expect(await next()).toMatchObject({ event: 'action', data: { sourceTicket: '5' } })
    // a burst of changes is coalesced into one status
    copier.events.emit('accountStatus', 'source', 'connected', 'x')
    copier.events.emit('accountStatus', 'source', 'connected', 'y')
    expect(await next()).toMatchObject({ event: 'status' })
    controller.abort()
  })

  it('needs a bearer token on every data route when one is set, not on /healthz or the page', async () => {
    const token = 'a-long-enough-token-123'
    const { url } = await start(token)
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    expect((await fetch(`${url}/`)).status).toBe(200)
    for (const path of ['/api/status', '/api/actions', '/api/events', '/readyz', '/metrics']) {
      const none = await fetch(`${url}${path}`)
      expect(none.status, path).toBe(401)
      expect(none.headers.get('www-authenticate')).toContain('Bearer')
      expect(
        (await fetch(`${url}${path}`, { headers: { authorization: 'Bearer wrong-token-of-length-x' } }))
          .status,
      ).toBe(401)
    }
    expect((await fetch(`${url}/api/status`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    )
  })

  it('warns about a non-loopback address without a token; refuses a short token and a bad address', async () => {
    const tr = createStatusTracker(fakeCopier())
    // 192.0.2.1 (TEST-NET-1) is on no interface here: the warning comes first, then the bind fails
    const warnings: string[] = []
    await expect(
      startStatusServer({ status: tr, listen: '192.0.2.1:0', onWarning: (m) => warnings.push(m) }),
    ).rejects.toMatchObject({ code: 'COPIER_HTTP', listen: '192.0.2.1:0' })
    expect(warnings).toEqual([
      expect.stringMatching(/192\.0\.2\.1 is not on a loopback address and has no token/),
    ])
    const quiet: string[] = []
    await expect(
      startStatusServer({
        status: tr,
        listen: '192.0.2.1:0',
        token: 'a-long-enough-token-123',
        onWarning: (m) => quiet.push(m),
      }),
    ).rejects.toMatchObject({ code: 'COPIER_HTTP' })
    expect(quiet).toEqual([])
    await expect(startStatusServer({ status: tr, listen: '127.0.0.1:0', token: 'short' })).rejects.toThrow(
      /at least 16/,
    )
    expect(() => parseListen('9464')).toThrow(HttpServerError)
    expect(() => parseListen('host:99999')).toThrow(/HOST:PORT.*"host:99999"/)
    expect(parseListen('[::1]:9464')).toEqual({ host: '::1', port: 9464 })
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopback)).toBe(true)
    expect(['0.0.0.0', '10.0.0.1', '::', 'example.com'].some(isLoopback)).toBe(false)
    tr.close()
  })

  it('reports a port in use as a typed error', async () => {
    const { url } = await start()
    const port = new URL(url).port
    const tr = createStatusTracker(fakeCopier())
    await expect(startStatusServer({ status: tr, listen: `127.0.0.1:${port}` })).rejects.toMatchObject({
      code: 'COPIER_HTTP',
      message: expect.stringMatching(/cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/),
    })
    tr.close()
  })
})
