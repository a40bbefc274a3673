/**
 * Copy latency of the copier, measured inside the copier process: from the source's trade push
 * arriving on its socket to the last target's trade request written to its socket (no network time:
 * the simulator runs in a worker thread on loopback). p50 and p99 for 10 and 100 targets.
 *
 * Run: `npm run build -w mt5web-copier && npx tsx examples/copier/bench/latency.ts [--append]`
 * (appends to bench/RESULTS.md). It measures the BUILT copier (`examples/copier/dist`, the code users
 * run: tsx's transform of the sources is not what runs in production); `BENCH_SRC=1` measures the
 * sources instead.
 * `BENCH_SAMPLES` (default 200) and `BENCH_TARGETS` (10) set the first run, `BENCH_SAMPLES_100` (60) the second.
 * Timestamps come from a `WebSocket` subclass handed to the SDK through its `WebSocket` option:
 * the first incoming frame on the source socket after an order is placed, and the first trade-sized
 * frame sent by each target socket after it.
 *
 * Samples: `BENCH_WARMUP` (10) unmeasured ones first; each sample starts `BENCH_GAP_MS` (20) after
 * the previous one's copies were placed, so its follow-up work (results, the targets' pushes,
 * outcome commits) is over, as with a real source changing about once a second (the breakdown's
 * "target frames in window" shows any that was not). Per stage (the copier's `mt5web-copier:push`
 * diagnostics channel), the median sample and the slowest 2 % are printed (`BENCH_STAGES=0`: not),
 * with the main thread's run-queue wait (Linux schedstat: time runnable but not running, i.e.
 * preempted) inside the window: on a shared machine that is what the slowest samples are made of.
 * The marks add a few µs to each sample (one schedstat read, ≈ 7 µs, is inside the window):
 * `BENCH_STAGES=0` measures without them.
 * "from the simulator's write" also counts the time the push waited for a busy event loop.
 */

import { execFileSync } from 'node:child_process'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { appendFileSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { PerformanceObserver } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { WebSocket } from 'ws'
import type * as CopierModule from '../src/index.js'

// a computed specifier: the typecheck never needs the build, the types come from the sources
const entry = process.env.BENCH_SRC === '1' ? '../src/index.js' : '../dist/index.js'
const { createCopier, openSqliteStore, parseConfig } = (await import(entry).catch((error: unknown) => {
  throw new Error(`cannot load the copier from ${entry}: run \`npm run build -w mt5web-copier\` first`, {
    cause: error,
  })
})) as typeof CopierModule

/** A trade request frame is far larger than a ping (248-byte request, encrypted and framed). */
const TRADE_FRAME_MIN_BYTES = 200

interface Marks {
  sourceRecv: number[]
  targetSend: Map<WebSocket, number[]>
  /** Every frame received on a target socket (replies, pushes): follow-up work of earlier samples. */
  targetRecv: number[]
}

function timedWebSocket(marks: Marks, sourceUrl: string) {
  return class TimedWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { perMessageDeflate: false })
      if (url === sourceUrl) this.on('message', () => marks.sourceRecv.push(performance.now()))
      else {
        marks.targetSend.set(this, [])
        this.on('message', () => marks.targetRecv.push(performance.now()))
      }
    }
    override send(data: Uint8Array): void {
      const list = marks.targetSend.get(this)
      if (list && data.byteLength >= TRADE_FRAME_MIN_BYTES) list.push(performance.now())
      super.send(data)
    }
  }
}

/** Pause before each source change (ms): lets the previous sample's follow-up work finish, as at 1 change/s. */
const gapMs = Number(process.env.BENCH_GAP_MS ?? 20)

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN

interface Figures {
  p50: number
  p99: number
  max: number
  /** Push → FIRST target request written: the decision (plan, state) without the fan-out. */
  firstP50: number
  /** Samples during which a garbage collection ran (its pause is in their latency), and their share of GC time. */
  gcSamples: number
  gcMs: number
  /** p99 of the samples without a GC pause: what the tail is made of besides GC. */
  p99NoGc: number
  /**
   * p50 / p99 from the simulator's write of the push (its thread's clock) instead of the copier's
   * socket callback: also counts the time the push waited for the copier's busy event loop (and
   * the loopback hop, tens of µs).
   */
  fromWriteP50: number
  fromWriteP99: number
}

/** Garbage-collection pauses (start, end) as the runtime reports them. */
function watchGc(): { pauses: [number, number][]; stop(): void } {
  const pauses: [number, number][] = []
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push([e.startTime, e.startTime + e.duration])
  })
  observer.observe({ entryTypes: ['gc'] })
  return { pauses, stop: () => observer.disconnect() }
}

/** One sample's stages, ms from the source frame's arrival (NaN: not reached in the window). */
interface Stages {
  total: number
  /** The simulator wrote the push (its thread's clock) → the copier's socket saw it: queueing + loopback. */
  queued: number
  orders: number
  planned: number
  committed: number
  firstRequest: number
  firstSend: number
  dispatched: number
  lastSend: number
  /** Mean per target: its `request` mark → its frame handed to the socket (the SDK's encode + encrypt). */
  sdkPerTarget: number
  /** Mean per target: its frame handed to the socket → the next target's `request` mark (ws framing, the write, the copier). */
  writePerTarget: number
  /** Frames received on target sockets inside the window (earlier requests' replies and pushes). */
  targetFrames: number
  /** Since the previous sample's last request was written. */
  sincePrevious: number
  /**
   * This (main) thread's time waiting for a CPU while runnable, over the whole sample (Linux
   * schedstat; NaN elsewhere): other processes' preemption, not our code.
   */
  runQueueMs: number
  /**
   * The same from the `orders` mark to the `dispatched` one (every request written when the sends
   * are synchronous): preemption inside the measured window. Read at those two marks (the first
   * read, ≈ 7 µs, is inside the window).
   */
  runQueueInWindowMs: number
}

/** The main thread's schedstat (Linux), kept open: one `pread` per reading (≈ 7 µs). */
const schedstat = (() => {
  try {
    return openSync(`/proc/self/task/${process.pid}/schedstat`, 'r')
  } catch {
    return undefined
  }
})()
const schedBuffer = Buffer.alloc(128)

/** The main thread's cumulative run-queue wait (ms), from /proc (Linux only; NaN elsewhere). */
function runQueueWaitMs(): number {
  if (schedstat === undefined) return Number.NaN
  const n = readSync(schedstat, schedBuffer, 0, schedBuffer.length, 0)
  return Number(schedBuffer.toString('latin1', 0, n).split(' ')[1]) / 1e6
}

/**
 * Pinning (default on Linux with 2+ CPUs and `taskset`; `BENCH_PIN=0`: off): the copier's main
 * thread on CPU 0, the simulator's thread on CPU 1, as when the brokers are other machines.
 * Unpinned, each request written wakes the simulator's thread, which the scheduler often runs on
 * the copier's core: it preempts the fan-out for the simulator's work on that request (measured
 * 2026-12-06 on the shared 2-core machine, between one target's frame handed to its socket and the
 * next target's request: 35–140 µs per target unpinned, depending on the other load, against
 * 17–35 µs pinned). Pinned, the copier cannot move off a core another process keeps busy either:
 * on a shared machine compare both.
 */
const pinned =
  process.env.BENCH_PIN !== '0' &&
  process.platform === 'linux' &&
  cpus().length >= 2 &&
  (() => {
    try {
      execFileSync('taskset', ['-V'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()

function pin(simTid: string): void {
  execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' })
  if (simTid !== '') execFileSync('taskset', ['-p', '-c', '1', simTid], { stdio: 'ignore' })
}

/** Samples run before the measured ones (JIT, first-time paths). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)

const stageNames = [
  'orders',
  'planned',
  'committed',
  'firstRequest',
  'firstSend',
  'dispatched',
  'lastSend',
] as const

function stagesLine(s: Stages): string {
  return `total ${s.total.toFixed(2)} | queued ${s.queued.toFixed(2)} | ${stageNames.map((k) => `${k} ${s[k].toFixed(2)}`).join(' ')} | per target µs: SDK ${s.sdkPerTarget.toFixed(0)}, write+next ${s.writePerTarget.toFixed(0)} | target frames in window ${s.targetFrames} | ${s.sincePrevious.toFixed(1)} ms after the previous sample | run-queue wait ${s.runQueueInWindowMs.toFixed(2)} in the window, ${s.runQueueMs.toFixed(2)} in the sample`
}

function medianStages(all: readonly Stages[]): Stages {
  const med = (k: keyof Stages) =>
    quantile(
      all.map((s) => s[k]).sort((a, b) => a - b),
      0.5,
    )
  return Object.fromEntries(
    Object.keys(all[0] ?? {}).map((k) => [k, med(k as keyof Stages)]),
  ) as unknown as Stages
}

async function run(targets: number, samples: number): Promise<Figures & { stages: Stages[] }> {
  const worker = new Worker(new URL('./_simWorker.mjs', import.meta.url), { workerData: { targets } })
  const messages: Record<string, string>[] = []
  worker.on('message', (m: Record<string, string>) => messages.push(m))
  const next = async () => {
    for (let i = 0; i < 10_000 && messages.length === 0; i++) await new Promise((r) => setTimeout(r, 2))
    return messages.shift() as Record<string, string>
  }
  const { url = '', targetUrl = '', tid = '' } = await next()
  if (pinned) pin(tid)
  const dir = mkdtempSync(join(tmpdir(), 'copier-bench-'))
  const marks: Marks = { sourceRecv: [], targetSend: new Map(), targetRecv: [] }
  const trace: { stage: string; atMs: number; wait?: number }[] = []
  const onMark = (m: unknown) => {
    const mark = m as { stage: string; atMs: number; wait?: number }
    if (mark.stage === 'orders' || mark.stage === 'dispatched') mark.wait = runQueueWaitMs()
    trace.push(mark)
  }
  const config = parseConfig({
    source: { server: url, login: 10001, password: 'env:PW' },
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
    state: { path: join(dir, 'bench.db') },
  })
  const copier = createCopier(config, {
    store: openSqliteStore(config.state.path),
    secrets: { env: { PW: 'Demo1234' }, baseDir: dir, warn: () => undefined },
    clientOptions: { WebSocket: timedWebSocket(marks, url), timeoutMs: 10_000 },
    syncTimeoutMs: 60_000,
  })
  let placed = 0
  copier.on('placed', () => placed++)
  await copier.start()
  const latencies: number[] = []
  const firsts: number[] = []
  const windows: [number, number][] = []
  const gc = watchGc()
  // the marks cost a few µs inside the window (and one schedstat read ≈ 7 µs): BENCH_STAGES=0 leaves them off
  const staged = process.env.BENCH_STAGES !== '0'
  if (staged) subscribe('mt5web-copier:push', onMark)
  const stages: Stages[] = []
  let previousEnd = Number.NaN
  for (let n = -WARMUP; n < samples; n++) {
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs))
    const waitBefore = runQueueWaitMs()
    const recvBefore = marks.sourceRecv.length
    const sendsBefore = new Map([...marks.targetSend].map(([ws, list]) => [ws, list.length]))
    const want = placed + targets
    worker.postMessage({ place: n + WARMUP })
    const { retcode = '', wroteAt = 'NaN' } = await next()
    // 10008 placed; anything else (a limit of the simulated account) would leave this loop waiting
    if (retcode !== '10008')
      throw new Error(`sample ${n}: the simulator refused the source order (${retcode})`)
    const until = performance.now() + 10_000
    while (placed < want && performance.now() < until) await new Promise((r) => setTimeout(r, 1))
    if (placed < want)
      throw new Error(`sample ${n}: ${want - placed} of ${targets} copies not placed in 10 s`)
    const pushAt = marks.sourceRecv[recvBefore]
    const sends = [...marks.targetSend].map(([ws, list]) => list[sendsBefore.get(ws) ?? 0] ?? Number.NaN)
    const lastSend = Math.max(...sends)
    if (n >= 0 && pushAt !== undefined && Number.isFinite(lastSend)) {
      latencies.push(lastSend - pushAt)
      firsts.push(Math.min(...sends) - pushAt)
      windows.push([pushAt, lastSend])
      const inWindow = trace.filter((m) => m.atMs >= pushAt && m.atMs <= lastSend)
      const ordersMark = inWindow.find((m) => m.stage === 'orders')
      const dispatchedMark = trace.find((m) => m.stage === 'dispatched' && m.atMs >= pushAt)
      const at = (stage: string) => (inWindow.find((m) => m.stage === stage)?.atMs ?? Number.NaN) - pushAt
      const requests = inWindow.filter((m) => m.stage === 'request').map((m) => m.atMs)
      const sendTimes = sends.filter((t) => t >= pushAt).sort((a, b) => a - b)
      let sdk = 0
      let write = 0
      for (let k = 0; k < requests.length && k < sendTimes.length; k++) {
        sdk += (sendTimes[k] as number) - (requests[k] as number)
        if (k + 1 < requests.length) write += (requests[k + 1] as number) - (sendTimes[k] as number)
      }
      stages.push({
        sdkPerTarget: (sdk / requests.length) * 1000,
        writePerTarget: (write / Math.max(1, requests.length - 1)) * 1000,
        total: lastSend - pushAt,
        queued: pushAt - (Number(wroteAt) - performance.timeOrigin),
        orders: at('orders'),
        planned: at('planned'),
        committed: at('committed'),
        firstRequest: at('request'),
        firstSend: Math.min(...sends) - pushAt,
        // marked once every first request is out, so after the window's last send
        dispatched: (dispatchedMark?.atMs ?? Number.NaN) - pushAt,
        lastSend: lastSend - pushAt,
        targetFrames: marks.targetRecv.filter((t) => t >= pushAt && t <= lastSend).length,
        sincePrevious: pushAt - previousEnd,
        runQueueMs: runQueueWaitMs() - waitBefore,
        runQueueInWindowMs: (dispatchedMark?.wait ?? Number.NaN) - (ordersMark?.wait ?? Number.NaN),
      })
    }
    previousEnd = lastSend
    trace.length = 0
  }
  // the observer reports asynchronously: let it catch up before reading the pauses
  await new Promise((r) => setTimeout(r, 50))
  gc.stop()
  if (staged) unsubscribe('mt5web-copier:push', onMark)
  const gcIn = windows.map(([from, to]) =>
    gc.pauses.reduce((ms, [a, b]) => ms + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0),
  )
  const noGc = latencies.filter((_, i) => (gcIn[i] ?? 0) === 0).sort((a, b) => a - b)
  await copier.close()
  worker.postMessage({ close: true })
  await new Promise((r) => worker.once('exit', r))
  rmSync(dir, { recursive: true, force: true })
  latencies.sort((a, b) => a - b)
  const fromWrite = stages.map((s) => s.total + s.queued).sort((a, b) => a - b)
  firsts.sort((a, b) => a - b)
  return {
    gcSamples: gcIn.filter((ms) => ms > 0).length,
    gcMs: gcIn.reduce((a, b) => a + b, 0),
    p99NoGc: quantile(noGc, 0.99),
    fromWriteP50: quantile(fromWrite, 0.5),
    fromWriteP99: quantile(fromWrite, 0.99),
    firstP50: quantile(firsts, 0.5),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    stages,
  }
}

const rows: string[] = []
for (const [targets, samples] of [
  [Number(process.env.BENCH_TARGETS ?? 10), Number(process.env.BENCH_SAMPLES ?? 200)],
  [100, Number(process.env.BENCH_SAMPLES_100 ?? 60)],
] as const) {
  const r = await run(targets, samples)
  const line = `| ${targets} | ${samples} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.max.toFixed(3)} |`
  rows.push(line)
  console.log(
    `${targets} targets${pinned ? ' (copier on CPU 0, simulator on CPU 1)' : ''}: p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms, max ${r.max.toFixed(3)} ms (first target p50 ${r.firstP50.toFixed(3)} ms; GC ran in ${r.gcSamples}/${samples} samples, ${r.gcMs.toFixed(1)} ms in all; p99 without them ${r.p99NoGc.toFixed(3)} ms; from the simulator's write p50 ${r.fromWriteP50.toFixed(3)}, p99 ${r.fromWriteP99.toFixed(3)} ms)`,
  )
  if (process.env.BENCH_STAGES !== '0') {
    const slow = [...r.stages].sort((a, b) => b.total - a.total)
    console.log(`  median stages (ms from the source frame): ${stagesLine(medianStages(r.stages))}`)
    console.log(`  slowest ${Math.max(2, Math.ceil(slow.length / 50))} samples:`)
    for (const s of slow.slice(0, Math.max(2, Math.ceil(slow.length / 50))))
      console.log(`    ${stagesLine(s)}`)
  }
}
if (process.argv.includes('--append')) {
  appendFileSync(
    new URL('../../../bench/RESULTS.md', import.meta.url),
    `\n### Copier: source push → last target request written (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end)\n\n\`npx tsx examples/copier/bench/latency.ts --append\`: simulator in a worker thread, copier state in SQLite (WAL), timestamps from the sockets themselves (source frame received → last target's trade frame written).\n\n| targets | samples | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
  )
}
