/**
 * The copier's Prometheus metrics (`/metrics`), with prom-client. Counters and histograms follow
 * the copier's events as they happen; gauges (orphans, connection state, copies in or out of sync)
 * are read from the status snapshot at scrape time, so they are never stale and need no timer.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { CopierStatus, CopierStatusSource } from '../http/status.js'
import type { ActionEvent, CopierEvents, ReconcileSummary } from '../service/events.js'
import { registerFleetMetrics } from './fleet.js'

/** The events the metrics follow. */
export interface MetricsEventSource {
  on<E extends keyof CopierEvents>(event: E, listener: (...args: CopierEvents[E]) => void): unknown
  off<E extends keyof CopierEvents>(event: E, listener?: (...args: CopierEvents[E]) => void): unknown
}

/** Options of {@link createCopierMetrics}. */
export interface CopierMetricsOptions {
  /** Registry to register in (default a new one). */
  registry?: Registry
  /** Also export Node's process metrics (`process_*`, `nodejs_*`; default true). */
  processMetrics?: boolean
}

/** The copier's metrics. */
export interface CopierMetrics {
  registry: Registry
  /** `Content-Type` of {@link CopierMetrics.render}. */
  contentType: string
  /** The Prometheus text exposition. */
  render(): Promise<string>
  /** Stops following the copier. */
  close(): void
}

const PREFIX = 'mt5copier_'
const COUNTED: ReadonlySet<string> = new Set([
  'placed',
  'modified',
  'cancelled',
  'converted',
  'refused',
  'failed',
  'unknown',
])

const DONE: ReadonlySet<string> = new Set(['placed', 'modified', 'cancelled', 'converted'])

/** Creates the metrics and starts following `events`; gauges read `status` at each scrape. */
export function createCopierMetrics(
  events: MetricsEventSource,
  status: CopierStatusSource,
  options: CopierMetricsOptions = {},
): CopierMetrics {
  const registry = options.registry ?? new Registry()
  const registers = [registry]
  // one snapshot per scrape, shared by every gauge's collect()
  let scrape: CopierStatus | undefined
  const current = () => {
    scrape ??= status.snapshot()
    return scrape
  }

  const copies = new Counter({
    name: `${PREFIX}copies_total`,
    help: 'Copy actions by target, action (placed, modified, cancelled, converted, refused, failed, unknown) and reason',
    labelNames: ['target', 'action', 'reason'] as const,
    registers,
  })
  const retcodes = new Counter({
    name: `${PREFIX}trade_retcodes_total`,
    help: 'Trade server return codes received, by target',
    labelNames: ['target', 'retcode'] as const,
    registers,
  })
  const latency = new Histogram({
    name: `${PREFIX}copy_latency_seconds`,
    help: 'Source push received to target request sent (stage=sent) and to its result (stage=result)',
    labelNames: ['target', 'stage'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  })
  const reconcile = new Histogram({
    name: `${PREFIX}reconcile_duration_seconds`,
    help: 'Duration of full reconcile passes',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  })
  new Gauge({
    name: `${PREFIX}orphans`,
    help: 'Tagged copies whose source order is gone (counted or preserved), by target and policy',
    labelNames: ['target', 'policy'] as const,
    registers,
    collect() {
      this.reset()
      for (const o of current().orphans) this.inc({ target: o.target, policy: o.policy })
    },
  })
  new Gauge({
    name: `${PREFIX}account_connected`,
    help: '1 when the account is logged in, else 0',
    labelNames: ['account', 'role'] as const,
    registers,
    collect() {
      this.reset()
      // a target another fleet member holds is that member's to report
      for (const a of current().accounts)
        if (a.enabled && a.state !== 'elsewhere')
          this.set({ account: a.id, role: a.role }, a.state === 'synced' || a.state === 'connected' ? 1 : 0)
    },
  })
  new Gauge({
    name: `${PREFIX}account_gave_up`,
    help: '1 when the copier gave up on the account (credentials refused, account disabled): not retried',
    labelNames: ['account', 'role'] as const,
    registers,
    collect() {
      this.reset()
      for (const a of current().accounts)
        if (a.enabled && a.state !== 'elsewhere')
          this.set({ account: a.id, role: a.role }, a.state === 'failed' ? 1 : 0)
    },
  })
  const reconnectsSeen = new Map<string, number>()
  new Counter({
    name: `${PREFIX}account_reconnects_total`,
    help: 'Reconnects of each account since the copier started',
    labelNames: ['account'] as const,
    registers,
    collect() {
      for (const a of current().accounts) {
        const before = reconnectsSeen.get(a.id) ?? 0
        if (a.reconnects > before) this.inc({ account: a.id }, a.reconnects - before)
        else if (!reconnectsSeen.has(a.id)) this.inc({ account: a.id }, 0)
        reconnectsSeen.set(a.id, Math.max(before, a.reconnects))
      }
    },
  })
  new Gauge({
    name: `${PREFIX}copies_in_sync`,
    help: 'Source orders whose copy on the target is as it should be (in sync, kept, or not eligible)',
    labelNames: ['target'] as const,
    registers,
    collect() {
      this.reset()
      for (const [target, s] of Object.entries(current().sync)) this.set({ target }, s.inSync)
    },
  })
  new Gauge({
    name: `${PREFIX}copies_out_of_sync`,
    help: 'Source orders whose copy on the target is missing, refused, waiting or has a change pending',
    labelNames: ['target'] as const,
    registers,
    collect() {
      this.reset()
      for (const [target, s] of Object.entries(current().sync)) this.set({ target }, s.outOfSync)
    },
  })
  registerFleetMetrics(PREFIX, registers, current)
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry })

  const onAction = (e: ActionEvent) => {
    if (e.dryRun) return
    if (COUNTED.has(e.action)) copies.inc({ target: e.target, action: e.action, reason: e.reason })
    if (e.retcode !== undefined) retcodes.inc({ target: e.target, retcode: String(e.retcode) })
    // latency of requests that took effect (a refusal or a failure is not a copy made)
    if (e.triggerAtMs !== undefined && DONE.has(e.action)) {
      if (e.sentAtMs !== undefined)
        latency.observe({ target: e.target, stage: 'sent' }, Math.max(0, e.sentAtMs - e.triggerAtMs) / 1000)
      latency.observe({ target: e.target, stage: 'result' }, Math.max(0, e.atMs - e.triggerAtMs) / 1000)
    }
  }
  const onReconciled = (s: ReconcileSummary) => reconcile.observe(s.durationMs / 1000)
  events.on('action', onAction)
  events.on('reconciled', onReconciled)

  return {
    registry,
    contentType: registry.contentType,
    async render() {
      scrape = undefined
      try {
        return await registry.metrics()
      } finally {
        scrape = undefined
      }
    },
    close() {
      events.off('action', onAction)
      events.off('reconciled', onReconciled)
    },
  }
}
