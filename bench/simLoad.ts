/**
 * Simulator load benchmark: ONE simulator process (a child, so its CPU is measured alone) serving
 * N concurrent clients (default 200), each logged in and subscribed to 10 symbols, with a tick of
 * every symbol every 100 ms (10 ticks/s per symbol). Measures the server's CPU time
 * (process.cpuUsage), RSS and heap over a bounded run (default 10 s), and the ticks the clients
 * received. The clients are raw protocol clients in `--procs` processes of their own
 * (`bench/simLoadClients.ts`; default 1, 2 past 1,000 clients); each cmd 8 frame's lateness is its
 * arrival minus the newest tick time in it (so it includes the client processes' own delay).
 * `broadcastMs*`: wall time from a broadcast's start (`control.tick()`) to the simulator's last
 * socket write of it, the simulator's own share of the lateness (it cannot hold 10 ticks/s once
 * this passes 100 ms). The result gives the CPU each side used in the window: the simulator's (user and system) and the
 * client processes' (each, in % of one core), and the machine's load average before and after, so
 * a run where the load generator or other work starved the simulator can be told from one where
 * the simulator was the limit.
 * Run: `npx tsx bench/simLoad.ts [--clients 200] [--seconds 10] [--procs N] [--server-prof DIR] [--append]`
 * (`--append` adds the result section to bench/RESULTS.md).
 */
import { fork } from 'node:child_process'
import { appendFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { ALWAYS_OPEN, createSimServer, defaultBroker, defineSymbol, realClock } from '../src/sim/index.js'

interface ServerReport {
  /** Wall ms from each broadcast's start to its last socket write, sorted (the window's). */
  broadcastMs: number[]
  cpuUserMs: number
  cpuSystemMs: number
  /** Context switches in the window: voluntary (waited for I/O or a timer), involuntary (preempted). */
  switches: { voluntary: number; involuntary: number }
  rssMb: number
  heapUsedMb: number
  peakRssMb: number
  wallMs: number
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

async function serverMain(): Promise<void> {
  const base = defaultBroker()
  // Sessions open around the clock: the run does not depend on the weekday.
  const broker = {
    ...base,
    symbols: [...base.symbols, defineSymbol({ name: 'EURGBP', initialBid: 0.86 })].map((s) => ({
      ...s,
      quoteSessions: ALWAYS_OPEN,
      tradeSessions: ALWAYS_OPEN,
    })),
  }
  // Ticks start once every client is in (`ticks` message), driven here as the simulator's own
  // timer would (every 100 ms, wall clock, details at most once a second): a login ramp under a
  // full broadcast load only measures how long logins queue behind it.
  const sim = await createSimServer({
    host: '127.0.0.1',
    brokers: [broker],
    clock: realClock,
    tickIntervalMs: 0,
    detailsIntervalMs: 1000,
    historyDays: 0,
    limits: { maxConnections: arg('clients', 200) + 100 },
  })
  let ticker: ReturnType<typeof setInterval> | undefined
  const ids = broker.symbols.slice(0, 10).map((s) => sim.control.symbolId(s.name))
  process.send?.({ type: 'ready', url: sim.url(), ids })
  let start = process.cpuUsage()
  let usage = process.resourceUsage()
  let t0 = Date.now()
  let peakRss = 0
  const broadcastMs: number[] = []
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }, 250)
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'ticks') {
      ticker = setInterval(() => {
        const began = performance.now()
        sim.control.tick()
        // The sessions' writes happen at the end of the turn: `setImmediate` runs after them.
        setImmediate(() => broadcastMs.push(performance.now() - began))
      }, 100)
    } else if (msg.type === 'start') {
      start = process.cpuUsage()
      usage = process.resourceUsage()
      t0 = Date.now()
      peakRss = 0
      broadcastMs.length = 0
    } else if (msg.type === 'stop') {
      const cpu = process.cpuUsage(start)
      const now = process.resourceUsage()
      const mem = process.memoryUsage()
      clearInterval(sampler)
      const report: ServerReport = {
        broadcastMs: broadcastMs.sort((a, b) => a - b),
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        switches: {
          voluntary: now.voluntaryContextSwitches - usage.voluntaryContextSwitches,
          involuntary: now.involuntaryContextSwitches - usage.involuntaryContextSwitches,
        },
        rssMb: mem.rss / 2 ** 20,
        heapUsedMb: mem.heapUsed / 2 ** 20,
        peakRssMb: Math.max(peakRss, mem.rss) / 2 ** 20,
        wallMs: Date.now() - t0,
      }
      process.send?.({ type: 'report', report })
      clearInterval(ticker)
      await sim.close()
      process.exit(0)
    }
  })
}

/** A forked process speaking the message protocol of `simLoadClients.ts`. */
function clientProcess(): {
  send(m: object): void
  next(type: string): Promise<Record<string, unknown>>
  kill(): void
} {
  const proc = fork(fileURLToPath(new URL('./simLoadClients.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  })
  const inbox: Record<string, unknown>[] = []
  const waiting: (() => void)[] = []
  proc.on('message', (m) => {
    inbox.push(m as Record<string, unknown>)
    for (const w of waiting.splice(0)) w()
  })
  return {
    send: (m) => proc.send(m),
    async next(type) {
      for (;;) {
        const i = inbox.findIndex((m) => m.type === type || m.type === 'error')
        if (i >= 0) {
          const [m] = inbox.splice(i, 1)
          if (m!.type === 'error') throw new Error(`client process: ${String(m!.error)}`)
          return m!
        }
        await new Promise<void>((r) => waiting.push(r))
      }
    },
    kill: () => proc.kill(),
  }
}

async function clientMain(): Promise<void> {
  const clients = arg('clients', 200)
  const seconds = arg('seconds', 10)
  // The clients' side needs CPU too: past 1,000 clients it is split over two processes by default.
  const procs = arg('procs', clients > 1000 ? 2 : 1)
  // `--server-prof DIR`: a CPU profile of the simulator process, written there when it exits.
  const prof = process.argv.indexOf('--server-prof')
  const profArgs = prof >= 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.argv[prof + 1]}`] : []
  const child = fork(fileURLToPath(import.meta.url), ['--server', '--clients', String(clients)], {
    execArgv: ['--import', 'tsx', ...profArgs],
  })
  const workers = Array.from({ length: procs }, clientProcess)
  // A failed run (a login timing out on a loaded machine) must not leave processes behind.
  process.on('exit', () => {
    child.kill()
    for (const w of workers) w.kill()
  })
  const ready = await new Promise<{ url: string; ids: number[] }>((resolve) =>
    child.once('message', (m) => resolve(m as { url: string; ids: number[] })),
  )
  const loadBefore = loadavg()[0]!
  const rampStart = Date.now()
  workers.forEach((w, i) => {
    w.send({
      type: 'setup',
      url: ready.url,
      ids: ready.ids,
      count: Math.floor(clients / procs) + (i < clients % procs ? 1 : 0),
    })
  })
  await Promise.all(workers.map((w) => w.next('ready')))
  const rampS = (Date.now() - rampStart) / 1000
  // Two seconds of ticks before the window: the broadcast path is warm when it is measured.
  child.send({ type: 'ticks' })
  await new Promise((r) => setTimeout(r, 2000))
  child.send({ type: 'start' })
  for (const w of workers) w.send({ type: 'start' })
  await Promise.all(workers.map((w) => w.next('started')))
  await new Promise((r) => setTimeout(r, seconds * 1000))
  child.send({ type: 'stop' })
  for (const w of workers) w.send({ type: 'stop' })
  const report = await new Promise<ServerReport>((resolve) =>
    child.on('message', (m: { type: string; report: ServerReport }) => {
      if (m.type === 'report') resolve(m.report)
    }),
  )
  const parts = (await Promise.all(workers.map((w) => w.next('report')))) as {
    histogram: number[]
    ticks: number
    frames: number
    cpuMs: number
    wallMs: number
  }[]
  for (const w of workers) w.send({ type: 'exit' })
  const histogram = parts[0]!.histogram.map((_, ms) => parts.reduce((n, p) => n + p.histogram[ms]!, 0))
  const ticks = parts.reduce((n, p) => n + p.ticks, 0)
  const frames = parts.reduce((n, p) => n + p.frames, 0)
  /** The lateness (ms) below which a fraction `q` of the frames arrived. */
  const pct = (q: number): number => {
    let seen = 0
    for (let ms = 0; ms < histogram.length; ms++) {
      seen += histogram[ms]!
      if (seen > q * frames) return ms
    }
    return histogram.length - 1
  }
  const lateness = { p50: pct(0.5), p99: pct(0.99), max: pct(1 - 1e-12) }
  const broadcasts = report.broadcastMs
  const broadcastAt = (q: number): number =>
    Number((broadcasts[Math.min(broadcasts.length - 1, Math.floor(q * broadcasts.length))] ?? 0).toFixed(1))
  const wallS = report.wallMs / 1000
  const cpuMs = report.cpuUserMs + report.cpuSystemMs
  const result = {
    clients,
    clientProcesses: procs,
    rampSeconds: Number(rampS.toFixed(1)),
    loadAverageBefore: Number(loadBefore.toFixed(1)),
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
    latenessMsP50: lateness.p50,
    latenessMsP99: lateness.p99,
    latenessMsMax: lateness.max,
    cmd8Frames: frames,
    broadcasts: broadcasts.length,
    broadcastMsP50: broadcastAt(0.5),
    broadcastMsMax: broadcastAt(1),
    symbolsPerClient: ready.ids.length,
    seconds: Number(wallS.toFixed(2)),
    ticksDelivered: ticks,
    ticksPerSecond: Math.round(ticks / wallS),
    expectedTicksPerSecond: clients * ready.ids.length * 10,
    serverCpuPercentOfOneCore: Number(((cpuMs / report.wallMs) * 100).toFixed(1)),
    serverCpuUserMs: Math.round(report.cpuUserMs),
    serverCpuSystemMs: Math.round(report.cpuSystemMs),
    serverContextSwitches: report.switches,
    clientCpuPercentOfOneCore: parts.map((p) => Number(((p.cpuMs / p.wallMs) * 100).toFixed(1))),
    serverRssMb: Number(report.rssMb.toFixed(1)),
    serverPeakRssMb: Number(report.peakRssMb.toFixed(1)),
    serverHeapUsedMb: Number(report.heapUsedMb.toFixed(1)),
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  if (process.argv.includes('--append')) {
    const section = `
## simLoad.ts: simulator under load (${clients} clients × ${ready.ids.length} symbols × 10 ticks/s)

One simulator process (forked child; its own \`process.cpuUsage\` and memory) serving ${clients} logged-in
raw WebSocket clients (in ${procs} process(es) of their own), each subscribed (cmd 7) to ${ready.ids.length} symbols, a tick of every
symbol every 100 ms; each client gets one cmd 8 frame per 100 ms (its ticks batched) plus cmd 17
details at most once per second per symbol, each frame AES-encrypted with the client's own key.
Run: \`npx tsx bench/simLoad.ts --clients ${clients} --append\`. Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ${new Date().toISOString().slice(0, 16)} UTC, load average ${result.loadAverage}.

| Measure | Value |
|---|---:|
| run (wall) | ${result.seconds} s |
| login ramp | ${result.rampSeconds} s |
| cmd 8 lateness p50 / p99 / max (arrival − newest tick time) | ${result.latenessMsP50} / ${result.latenessMsP99} / ${result.latenessMsMax} ms |
| broadcasts (of ${Math.round(result.seconds * 10)} due); duration p50 / max (tick → last socket write) | ${result.broadcasts}; ${result.broadcastMsP50} / ${result.broadcastMsMax} ms |
| ticks delivered / s (expected) | ${result.ticksPerSecond.toLocaleString('en')} (${result.expectedTicksPerSecond.toLocaleString('en')}) |
| server CPU (user + system) | ${result.serverCpuUserMs + result.serverCpuSystemMs} ms = ${result.serverCpuPercentOfOneCore} % of one core |
| client processes' CPU | ${result.clientCpuPercentOfOneCore.join(' + ')} % of one core |
| load average before / after | ${result.loadAverageBefore} / ${result.loadAverage} |
| server RSS at end / peak | ${result.serverRssMb} MB / ${result.serverPeakRssMb} MB |
| server heap used at end | ${result.serverHeapUsedMb} MB |
`
    await appendFile(new URL('./RESULTS.md', import.meta.url), section)
  }
  // The simulator exits by itself after its report (a profile is written then): wait for it.
  if (child.exitCode === null) {
    await new Promise((resolve) => {
      child.once('exit', resolve)
      setTimeout(resolve, 10_000)
    })
  }
  process.exit(0)
}

if (process.argv.includes('--server')) void serverMain()
else void clientMain()
