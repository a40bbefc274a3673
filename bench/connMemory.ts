/**
 * Memory per idle logged-in connection: one process holding 1, 50, 200 and 500 `createClient`
 * connections (logged in, nothing subscribed) to ONE simulator in a child process, and, for
 * comparison, the same counts of raw `ws` + cipher connections (bootstrap + login, nothing else).
 * After each step: GC, RSS and heap; the per-connection figure is the growth between steps divided
 * by the connections added (the process's fixed cost cancels out).
 *
 * Steady figures on a shared machine: every round runs in a fresh measured process (`--rounds`,
 * default 5), each reading is the median of three (GC twice before each), and the table gives the
 * median over the rounds with the range (min–max) of the per-connection figures. The load average
 * is printed before and after.
 *
 * Idle means idle: after each step the process first waits `--idle` seconds (default 20) without
 * forcing a GC. Connecting hundreds of clients in a burst makes V8 grow its young generation (up to
 * 2 × 16 MB of semi-spaces, mostly touched, so in the RSS) because many objects survive the
 * scavenges while logins are in flight; a forced `gc()` does not shrink it, V8's memory reducer
 * does once the process has been quiet for a while (within 20 s in every run so far). Measured at once (`--idle 0`), that one-off
 * growth is spread over the connections of the step (it was most of the "native" RSS per
 * connection, issue #12). The young generation's committed size is printed per step.
 *
 * Run: `node --expose-gc --import tsx bench/connMemory.ts [--kind dist|client|raw] [--steps 1,50,200,500]
 * [--rounds 5] [--idle 20] [--dist path/to/dist]`.
 * `dist` (the figure that counts; `npx tsup` first): `createClient` from the built package in a
 * plain-node child (`bench/connMemoryProcess.mjs`); `--dist` points at another build (e.g. one of
 * an earlier commit, for a before/after in one sitting). `client` / `raw`: the SDK client from
 * source, or raw `ws` + cipher connections, in a child under tsx (its loader is a fixed cost, but it
 * also gives every function of the source a property store, ≈ 18 KB per client).
 */
import { fork } from 'node:child_process'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { getHeapSpaceStatistics } from 'node:v8'
import { ALWAYS_OPEN, createSimServer, defaultBroker, defineAccount } from '../src/sim/index.js'
import { connector, FIRST_LOGIN, type Held, PASSWORD } from './_connections.js'

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}

async function serverMain(): Promise<void> {
  const base = defaultBroker()
  const sim = await createSimServer({
    port: 0,
    host: '127.0.0.1',
    seed: 1,
    historyDays: 0,
    brokers: [
      {
        ...base,
        symbols: base.symbols.map((s) => ({ ...s, quoteSessions: ALWAYS_OPEN, tradeSessions: ALWAYS_OPEN })),
        accounts: Array.from({ length: 600 }, (_, i) =>
          defineAccount({ login: FIRST_LOGIN + i, password: PASSWORD }),
        ),
      },
    ],
  })
  process.send?.({ url: sim.url() })
  process.on('message', async () => {
    await sim.close()
    process.exit(0)
  })
}

/** What the measured process reports: totals after each step (the first row: before connecting). */
interface Row {
  count: number
  rss: number
  heap: number
  /** V8 heap committed (`heapTotal`): what of the RSS the heap takes, used or not. */
  heapTotal: number
  /** Memory of ArrayBuffers and other objects outside the V8 heap (`external`). */
  external: number
  /** V8's young generation (new space), committed. */
  young: number
}

/** The job sent to the measured process (`connMemoryProcess.mjs` reads the same fields). */
interface Job {
  url: string
  steps: number[]
  firstLogin: number
  password: string
  kind: string
  distUrl?: string
  /** Quiet time before the readings of a step (see the file's comment). */
  idleMs: number
}

/** One measured round in a fresh process. */
function round(job: Job): Promise<Row[]> {
  const script =
    job.kind === 'dist'
      ? fileURLToPath(new URL('./connMemoryProcess.mjs', import.meta.url))
      : fileURLToPath(import.meta.url)
  const child = fork(script, job.kind === 'dist' ? [] : ['--measure'], {
    execArgv: job.kind === 'dist' ? ['--expose-gc'] : ['--expose-gc', '--import', 'tsx'],
  })
  child.send(job)
  return new Promise((resolveRows, reject) => {
    child.once('message', (m) => resolveRows((m as { rows: Row[] }).rows))
    child.once('exit', (code) => reject(new Error(`measured process exited with ${code}`)))
  })
}

/** The measured process for `client` and `raw` (under tsx). */
async function measureMain(): Promise<void> {
  const job = await new Promise<Job>((r) => process.once('message', (m) => r(m as Job)))
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with node --expose-gc')
  const held: Held[] = []
  const next = await connector(job.url, job.kind === 'raw' ? 'raw' : 'source', held)
  const rows: Row[] = [await settle(gc, held.length, job.idleMs)]
  for (const target of job.steps) {
    while (held.length < target) await next()
    rows.push(await settle(gc, held.length, job.idleMs))
  }
  for (const c of held) await c.close()
  process.send?.({ rows })
  process.exit(0)
}

/** After `idleMs` of quiet, the median of three readings, each after two full GCs. */
async function settle(gc: () => void, count: number, idleMs: number): Promise<Row> {
  await new Promise((r) => setTimeout(r, idleMs))
  const readings: NodeJS.MemoryUsage[] = []
  const young: number[] = []
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 300))
    gc()
    gc()
    readings.push(process.memoryUsage())
    young.push(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0)
  }
  return {
    count,
    rss: median(readings.map((r) => r.rss)),
    heap: median(readings.map((r) => r.heapUsed)),
    heapTotal: median(readings.map((r) => r.heapTotal)),
    external: median(readings.map((r) => r.external)),
    young: median(young),
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const kb = (bytes: number): string => String(Math.round(bytes / 1024))
const range = (values: number[]): string =>
  `${kb(median(values))} (${kb(Math.min(...values))}–${kb(Math.max(...values))})`

async function main(): Promise<void> {
  const kind = option('kind', 'client')
  const steps = option('steps', '1,50,200,500').split(',').map(Number)
  const rounds = Number(option('rounds', '5'))
  const dist = option('dist', '')
  const idleS = Number(option('idle', '20'))
  if (!Number.isFinite(idleS) || idleS < 0) throw new Error('--idle must be a number of seconds ≥ 0')
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')
  console.log(
    `kind ${kind}${dist ? ` (${dist})` : ''}, ${rounds} rounds, ${idleS} s idle per step, load average before: ${load()}`,
  )
  const server = fork(fileURLToPath(import.meta.url), ['--server'], { execArgv: ['--import', 'tsx'] })
  const { url } = await new Promise<{ url: string }>((r) =>
    server.once('message', (m) => r(m as { url: string })),
  )
  const all: Row[][] = []
  try {
    for (let i = 0; i < rounds; i++) {
      all.push(
        await round({
          url,
          steps,
          firstLogin: FIRST_LOGIN,
          password: PASSWORD,
          kind,
          idleMs: idleS * 1000,
          ...(dist ? { distUrl: pathToFileURL(resolve(dist, 'index.js')).href } : {}),
        }),
      )
    }
  } finally {
    server.send('stop')
  }
  console.log(`load average after: ${load()}`)
  console.log(
    '| kind | connections | RSS MB | heap MB | RSS KB / added connection, median (min–max) | heap KB / added connection, median (min–max) | heap committed KB / added | external KB / added | young generation MB |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (let s = 1; s <= steps.length; s++) {
    const added = (r: Row[]): number => r[s]!.count - r[s - 1]!.count
    const rss = all.map((r) => (r[s]!.rss - r[s - 1]!.rss) / added(r))
    const heap = all.map((r) => (r[s]!.heap - r[s - 1]!.heap) / added(r))
    const committed = all.map((r) => (r[s]!.heapTotal - r[s - 1]!.heapTotal) / added(r))
    const external = all.map((r) => (r[s]!.external - r[s - 1]!.external) / added(r))
    console.log(
      `| ${kind} | ${steps[s - 1]} | ${(median(all.map((r) => r[s]!.rss)) / 2 ** 20).toFixed(1)} | ` +
        `${(median(all.map((r) => r[s]!.heap)) / 2 ** 20).toFixed(1)} | ${range(rss)} | ${range(heap)} | ` +
        `${kb(median(committed))} | ${kb(median(external))} | ${(median(all.map((r) => r[s]!.young)) / 2 ** 20).toFixed(1)} |`,
    )
  }
  process.exit(0)
}

if (process.argv.includes('--server')) void serverMain()
else if (process.argv.includes('--measure')) void measureMain()
else void main()
