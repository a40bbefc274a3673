/**
 * The fleet on PostgreSQL (issue #14): copy latency of one fleet member at one source change per
 * second, measured inside the copier (the push handled → the last target's request sent, from the
 * copier's own `triggerAtMs` / `sentAtMs` on a sub-millisecond clock), for a growing number of
 * targets; then the takeover time when a member loses the database (its heartbeats stop: the same
 * as a crash for the others), until the other holds every target and until a source order placed at
 * that moment is on every target.
 *
 * Run: `npx tsx examples/copier/bench/fleet.ts` (`BENCH_TARGETS=10,25,50`, `BENCH_SAMPLES=20`,
 * `BENCH_LEASE=4`). A throwaway PostgreSQL cluster (test/helpers/pgCluster.ts) and the simulator in
 * a worker thread (`_simWorker.mjs`), both on loopback.
 */
import { cpus, loadavg } from 'node:os'
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { parseConfig } from '../src/config/load.js'
import { type Copier, createCopier } from '../src/service/copier.js'
import { openPostgresStore } from '../src/state/postgres.js'
import { startPgCluster } from '../test/helpers/pgCluster.js'

const list = (v: string | undefined, d: number[]) => (v ? v.split(',').map(Number) : d)
const SIZES = list(process.env.BENCH_TARGETS, [10, 25, 50])
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20)
const LEASE = Number(process.env.BENCH_LEASE ?? 4)
const clock = () => performance.timeOrigin + performance.now()
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(f: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!f()) {
    if (Date.now() > end) throw new Error('bench: condition not met in time')
    await sleep(5)
  }
}

function startSim(targets: number) {
  const worker = new Worker(new URL('./_simWorker.mjs', import.meta.url), { workerData: { targets } })
  const messages: Record<string, string>[] = []
  worker.on('message', (m: Record<string, string>) => messages.push(m))
  const next = async () => {
    await until(() => messages.length > 0, 20_000)
    return messages.shift() as Record<string, string>
  }
  return {
    next,
    place: async (n: number) => {
      worker.postMessage({ place: n })
      return BigInt((await next()).placed ?? '0')
    },
    close: async () => {
      worker.postMessage({ close: true })
      await new Promise((r) => worker.once('exit', r))
    },
  }
}

/** Spans on the bench clock: the decision commits and the GC pauses, to explain a slow sample. */
interface Span {
  start: number
  end: number
}
const commits: Span[] = []
const pauses: Span[] = []
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    pauses.push({
      start: performance.timeOrigin + e.startTime,
      end: performance.timeOrigin + e.startTime + e.duration,
    })
}).observe({ entryTypes: ['gc'] })
const within = (spans: readonly Span[], from: number, to: number) =>
  spans.filter((x) => x.end > from && x.start < to)
const sum = (spans: readonly Span[]) => spans.reduce((n, x) => n + (x.end - x.start), 0)

/** Where a sample's time went: to the decision's commit, in it, after it (sends), and GC meanwhile. */
function breakdown(trigger: number, lastSent: number): string {
  const commit = commits.find((c) => c.start >= trigger && c.start <= lastSent)
  const parts = commit
    ? `plan ${(commit.start - trigger).toFixed(2)}, commit ${(commit.end - commit.start).toFixed(2)}, sends ${(lastSent - commit.end).toFixed(2)}`
    : 'no commit seen'
  return `${parts}, GC ${sum(within(pauses, trigger, lastSent)).toFixed(2)} ms`
}

function member(config: ReturnType<typeof parseConfig>, url: string, name: string) {
  const store = openPostgresStore({ connectionString: url })
  const commit = store.commit.bind(store)
  store.commit = async (change) => {
    const start = clock()
    try {
      return await commit(change)
    } finally {
      commits.push({ start, end: clock() })
    }
  }
  const copier: Copier = createCopier(config, {
    store,
    instanceId: name,
    now: clock,
    secrets: { env: { PW: 'Demo1234' }, baseDir: '.', warn: () => undefined },
    clientOptions: { timeoutMs: 10_000 },
    syncTimeoutMs: 120_000,
  })
  copier.on('error', (e) => process.env.BENCH_DEBUG && console.error(name, e.message))
  if (process.env.BENCH_DEBUG)
    copier.on('action', (e) => console.error(name, e.action, e.target, e.reason, e.detail))
  return { copier, store }
}

const cluster = await startPgCluster()
const rows: string[] = []
let takeover = ''
try {
  for (const [k, targets] of SIZES.entries()) {
    const sim = startSim(targets)
    const { url: source = '', targetUrl = '' } = await sim.next()
    const db = await cluster.createDatabase()
    const config = parseConfig({
      source: { server: source, login: 10001, password: 'env:PW' },
      targets: Array.from({ length: targets }, (_, i) => ({
        id: `t${i}`,
        server: targetUrl,
        login: 20_001 + i,
        password: 'env:PW',
        symbols: { '*': '*.m' },
        marginCheck: false,
      })),
      reconcileSeconds: 3600,
      concurrency: 16,
      state: { url: db, leaseSeconds: LEASE },
    })
    const a = member(config, db, 'a')
    const placed = new Map<bigint, { trigger: number; sent: number[] }>()
    a.copier.on('placed', (e) => {
      const p = placed.get(e.sourceTicket) ?? { trigger: e.triggerAtMs ?? Number.NaN, sent: [] }
      p.sent.push(e.sentAtMs ?? Number.NaN)
      placed.set(e.sourceTicket, p)
    })
    await a.copier.start()
    await until(() => a.copier.fleet()?.held.length === targets, 60_000)
    const latencies: number[] = []
    const samples: { ms: number; why: string }[] = []
    const loop = monitorEventLoopDelay({ resolution: 1 })
    loop.enable()
    for (let n = 0; n < SAMPLES; n++) {
      const ticket = await sim.place(n)
      await until(() => (placed.get(ticket)?.sent.length ?? 0) >= targets, 120_000)
      const p = placed.get(ticket)
      if (p) {
        const last = Math.max(...p.sent)
        latencies.push(last - p.trigger)
        samples.push({ ms: last - p.trigger, why: breakdown(p.trigger, last) })
      }
      await sleep(1000) // one source change per second
    }
    loop.disable()
    latencies.sort((x, y) => x - y)
    samples.sort((x, y) => y.ms - x.ms)
    console.log(
      `  slowest: ${samples
        .slice(0, 2)
        .map((x) => `${x.ms.toFixed(2)} ms (${x.why})`)
        .join(
          '; ',
        )}; median sample: ${samples[samples.length >> 1]?.why}; event loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
    )
    const line = `| ${targets} | ${SAMPLES} | ${quantile(latencies, 0.5).toFixed(2)} | ${quantile(latencies, 0.99).toFixed(2)} | ${(latencies.at(-1) ?? Number.NaN).toFixed(2)} |`
    rows.push(line)
    console.log(line)

    // takeover, on the last size only: a second member takes half, then the first loses the database
    if (k === SIZES.length - 1) {
      const b = member(config, db, 'b')
      const byB = new Set<string>()
      b.copier.on('placed', (e) => byB.add(`${e.target}/${e.sourceTicket}`))
      const onB = (ticket: bigint, target: string) => byB.has(`${target}/${ticket}`)
      await b.copier.start()
      const half = (c: Copier) => c.fleet()?.held.length === targets / 2
      await until(() => half(a.copier) && half(b.copier), 60_000)
      const aHeld = a.copier.fleet()?.held ?? []
      const crash = performance.now()
      await a.store.heartbeatPool().end() // a's heartbeats fail from now on: it stops at its deadline
      await until(() => (a.copier.fleet()?.held.length ?? 0) === 0, 60_000)
      const stoppedMs = performance.now() - crash
      // an order placed once a has stopped acting: only b can copy it onto a's former targets
      const order = await sim.place(SAMPLES + 1)
      await until(() => b.copier.fleet()?.held.length === targets, 60_000)
      const leasesMs = performance.now() - crash
      await until(() => aHeld.every((t) => onB(order, t)), 60_000)
      const copiedMs = performance.now() - crash
      takeover = `${targets} targets, leaseSeconds ${LEASE}: the member cut off stopped acting after ${(stoppedMs / 1000).toFixed(1)} s, its ${aHeld.length} leases were taken over after ${(leasesMs / 1000).toFixed(1)} s, an order placed meanwhile was on all of them after ${(copiedMs / 1000).toFixed(1)} s`
      console.log(takeover)
      await b.copier.close()
    }
    await a.copier.close().catch(() => undefined)
    await sim.close()
  }
} finally {
  await cluster.stop()
}
console.log(
  `node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end`,
)
