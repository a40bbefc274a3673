/**
 * Client CPU per process, as issue #12 states it: a raw `ws` + decrypt client and the SDK client,
 * each in a child process of its own (plain node), receiving the same pushes over real loopback
 * sockets; the CPU each child spends (`process.cpuUsage()`, user + system) over the same window.
 *
 * One simulator (in this process, whose CPU is not measured) ticks `--symbols` symbols (default 50,
 * sessions open around the clock) every `--interval` ms (default 100): every connection gets one
 * cmd 8 push per interval with the ticks of the symbols whose quote moved, plus cmd 17 details once
 * a second. Each child holds `--conns` connections (default 20), all subscribed to every symbol:
 * - `bench/clientCpuSdk.mjs`: `createClient` of the BUILT package (`npx tsup` first), a `tick`
 *   listener on each client;
 * - `bench/clientCpuRaw.mjs`: `ws` + one kept node:crypto decipher context per connection (PKCS#7
 *   checked by hand), DataView tick decode, prices unscaled, one object per tick to a callback.
 * After the warm-up (`--warmup` s) the parent waits until the SDK child's tick caches are full (at
 * most `--fill-max` s, default 300; 0 measures while they fill): growing rings cost CPU in bursts
 * that the steady state does not pay. Both children then measure the same windows (`--seconds`,
 * default 5), `--rounds` times (default 5); each round gives SDK CPU ÷ raw CPU, and the result is
 * the median of the rounds (their range printed beside it).
 *
 * Run: `npx tsup --silent && npx tsx bench/clientCpu.ts [--conns 20] [--symbols 50] [--rounds 5]
 * [--seconds 5] [--interval 100] [--warmup 10] [--fill-max 300] [--tick-cache N] [--heartbeat-ms N] [--compare DIR] [--cpu-prof DIR]`:
 * `--tick-cache` sets the SDK clients' `tickCacheSize`, `--heartbeat-ms` their `heartbeatIntervalMs`, `--compare` adds the SDK child of another
 * checkout, `--cpu-prof` writes a CPU profile of each child's measured windows.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { ALWAYS_OPEN, createSimServer, defaultBroker, defineAccount, defineSymbol } from '../src/sim/index.js'

const PASSWORD = 'Bench1234'
const FIRST_LOGIN = 400_001

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}

/** What a child reports for one window. */
interface Window {
  cpuMs: number
  /** The part of `cpuMs` spent in the kernel (socket reads and writes). */
  systemMs: number
  ticks: number
  pushes: number
}

/** A child process speaking the start / stop protocol of `clientCpuSdk.mjs` and `clientCpuRaw.mjs`. */
class Child {
  readonly #proc: ChildProcess
  readonly #waiting: ((message: Record<string, unknown>) => void)[] = []
  constructor(
    readonly name: string,
    file: string,
  ) {
    this.#proc = fork(file, [], { execArgv: [] })
    this.#proc.on('message', (m) => this.#waiting.shift()?.(m as Record<string, unknown>))
    this.#proc.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`${name} child exited with ${code}`)
    })
  }
  ask<T>(message: Record<string, unknown>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push((m) =>
        m.error ? reject(new Error(`${this.name}: ${String(m.error)}`)) : resolve(m as T),
      )
      this.#proc.send(message)
    })
  }
  /** Asks the child to close its connections and exit; kills it if it has not within 10 s. */
  async exit(): Promise<void> {
    if (this.#proc.exitCode !== null) return
    const exited = new Promise<void>((resolve) => this.#proc.once('exit', () => resolve()))
    const timer = setTimeout(() => this.#proc.kill(), 10_000)
    this.#proc.send({ type: 'exit' }, () => {})
    await exited
    clearTimeout(timer)
  }
}

/**
 * Polls the SDK children every 2 s until the ticks their caches hold stop growing (two equal
 * readings in a row); `false` when `maxMs` passed first.
 */
async function waitForFullCaches(sdkChildren: Child[], maxMs: number): Promise<boolean> {
  const cached = async (): Promise<number> =>
    (await Promise.all(sdkChildren.map((c) => c.ask<{ cached: number }>({ type: 'status' })))).reduce(
      (sum, s) => sum + s.cached,
      0,
    )
  const deadline = performance.now() + maxMs
  let previous = await cached()
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2000))
    const now = await cached()
    if (now === previous) return true
    previous = now
  }
  return false
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main(): Promise<void> {
  const conns = option('conns', 20)
  const symbolCount = option('symbols', 50)
  const seconds = option('seconds', 5)
  const rounds = option('rounds', 5)
  const intervalMs = option('interval', 100)
  const warmupS = option('warmup', 10)
  // `--fill-max S`: the longest wait for full tick caches after the warm-up (0: measure while they fill).
  const fm = process.argv.indexOf('--fill-max')
  const fillMaxS = fm >= 0 ? Number(process.argv[fm + 1]) : 300
  if (!Number.isFinite(fillMaxS) || fillMaxS < 0) throw new Error('--fill-max must be a number ≥ 0')
  const tc = process.argv.indexOf('--tick-cache')
  const tickCache = tc >= 0 ? Number(process.argv[tc + 1]) : undefined
  const hb = process.argv.indexOf('--heartbeat-ms')
  const heartbeatMs = hb >= 0 ? Number(process.argv[hb + 1]) : undefined
  const cp = process.argv.indexOf('--cpu-prof')
  const profileDir = cp >= 0 ? process.argv[cp + 1] : undefined
  const base = defaultBroker()
  const symbols = Array.from({ length: symbolCount }, (_, i) =>
    defineSymbol({
      name: `SYM${String(i + 1).padStart(3, '0')}`,
      digits: i % 5 === 0 ? 3 : 5,
      initialBid: 1 + i / 10,
      quoteSessions: ALWAYS_OPEN,
      tradeSessions: ALWAYS_OPEN,
    }),
  )
  const sim = await createSimServer({
    host: '127.0.0.1',
    port: 0,
    seed: 12,
    historyDays: 0,
    tickIntervalMs: intervalMs,
    limits: { maxConnections: 3 * conns + 10 },
    brokers: [
      {
        ...base,
        symbols,
        accounts: Array.from({ length: 3 * conns }, (_, i) =>
          defineAccount({ login: FIRST_LOGIN + i, password: PASSWORD }),
        ),
      },
    ],
  })
  const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url))
  const children = [
    new Child('sdk', here('./clientCpuSdk.mjs')),
    new Child('raw', here('./clientCpuRaw.mjs')),
  ]
  // `--compare DIR`: a third child, the SDK child of another checkout (its `bench/` and built `dist/`),
  // measured in the same windows (before/after figures on a shared machine).
  const compare = process.argv.indexOf('--compare')
  if (compare >= 0) children.push(new Child('other', `${process.argv[compare + 1]}/bench/clientCpuSdk.mjs`))
  try {
    const names = symbols.map((s) => s.name)
    // One connection at a time, the children in turn: the simulator writes a broadcast to its
    // sessions in connection order, and a child whose sockets all come first wakes once per push
    // while one whose sockets come last finds them all readable at once. Connected concurrently
    // the order fell by chance and moved the ratio by ±0.1 between runs (each child's place in
    // it was worth 7–10 % of its CPU, bench/RESULTS.md).
    for (let i = 0; i < conns; i++) {
      for (const [k, c] of children.entries()) {
        await c.ask({
          type: 'setup',
          url: sim.url(),
          password: PASSWORD,
          logins: [FIRST_LOGIN + k * conns + i],
          symbols: names,
          // `--tick-cache N`: the SDK clients' tickCacheSize (default: the SDK's default, 1,000).
          ...(tickCache === undefined ? {} : { tickCacheSize: tickCache }),
          // `--heartbeat-ms N`: the SDK clients' heartbeatIntervalMs (default 5,000: 4 pings a second
          // over 20 connections, which the raw client does not send).
          ...(heartbeatMs === undefined ? {} : { heartbeatIntervalMs: heartbeatMs }),
          // `--cpu-prof DIR`: a CPU profile of every measured window, per child.
          ...(profileDir === undefined ? {} : { profileDir, profileName: c.name }),
        })
      }
    }
    // Warm-up: both children's hot paths optimised before the first window, then the SDK's tick
    // caches full. Until they are, their rings keep doubling (fresh memory, copies): that cost comes
    // in bursts, all symbols at once, so it made one window 1.5× and the next 2.9× (bench/RESULTS.md).
    await new Promise((r) => setTimeout(r, warmupS * 1000))
    const fillStarted = performance.now()
    const filled = await waitForFullCaches(
      children.filter((c) => c.name !== 'raw'),
      fillMaxS * 1000,
    )
    const fillS = ((performance.now() - fillStarted) / 1000).toFixed(0)
    console.log(
      filled
        ? `tick caches full after ${warmupS} + ${fillS} s of warm-up`
        : `tick caches still growing after ${warmupS} + ${fillS} s (--fill-max): the windows include ring growth`,
    )
    console.log(
      `client CPU per process: ${conns} connections per child, ${symbolCount} symbols every ${intervalMs} ms, ` +
        `${rounds} × ${seconds} s, load ${loadavg()[0]!.toFixed(1)}\n`,
    )
    console.log('| round | SDK CPU ms (system) | raw CPU ms (system) | SDK ticks | raw ticks | SDK ÷ raw |')
    console.log('|---:|---:|---:|---:|---:|---:|')
    const ratios: number[] = []
    const otherRatios: number[] = []
    for (let round = 1; round <= rounds; round++) {
      await Promise.all(children.map((c) => c.ask({ type: 'start' })))
      await new Promise((r) => setTimeout(r, seconds * 1000))
      const [sdk, raw, other] = await Promise.all(children.map((c) => c.ask<Window>({ type: 'stop' })))
      const ratio = sdk!.cpuMs / raw!.cpuMs
      ratios.push(ratio)
      if (other) otherRatios.push(other.cpuMs / raw!.cpuMs)
      const more = other
        ? ` (other SDK: ${other.cpuMs.toFixed(0)} ms, ${(other.cpuMs / raw!.cpuMs).toFixed(2)}×)`
        : ''
      console.log(
        `| ${round} | ${sdk!.cpuMs.toFixed(0)} (${sdk!.systemMs.toFixed(0)}) | ${raw!.cpuMs.toFixed(0)} ` +
          `(${raw!.systemMs.toFixed(0)}) | ${sdk!.ticks} | ${raw!.ticks} | ${ratio.toFixed(2)}×${more} |`,
      )
    }
    console.log(
      `\nmedian SDK ÷ raw: ${median(ratios).toFixed(2)}× (rounds ${Math.min(...ratios).toFixed(2)}–` +
        `${Math.max(...ratios).toFixed(2)}×; load ${loadavg()[0]!.toFixed(1)} at the end)`,
    )
    if (otherRatios.length > 0) console.log(`median other SDK ÷ raw: ${median(otherRatios).toFixed(2)}×`)
  } finally {
    await Promise.all(children.map((c) => c.exit()))
    await sim.close()
  }
}

await main()
