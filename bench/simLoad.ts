/**
 * Simulator load benchmark: ONE simulator process (a child, so its CPU is measured alone) serving
 * N concurrent clients (default 200), each logged in and subscribed to 10 symbols, with a tick of
 * every symbol every 100 ms (10 ticks/s per symbol). Measures the server's CPU time
 * (process.cpuUsage), RSS and heap over a bounded run (default 10 s), and the ticks the clients
 * received. Run: `npx tsx bench/simLoad.ts [--clients 200] [--seconds 10] [--append]`
 * (`--append` adds the result section to bench/RESULTS.md).
 */
import { fork } from 'node:child_process'
import { appendFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { encodeSymbolIdList } from '../src/codec/messages/symbolIdList.js'
import { decodeTickRecords } from '../src/codec/messages/ticks.js'
import { createSimServer, defaultBroker, defineSymbol } from '../src/sim/index.js'
import { loginRaw, type RawClient } from '../test/e2e/sim/_rawClient.js'

interface ServerReport {
  cpuUserMs: number
  cpuSystemMs: number
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
  const broker = defaultBroker()
  broker.symbols.push(defineSymbol({ name: 'EURGBP', initialBid: 0.86 }))
  const sim = await createSimServer({ brokers: [broker], tickIntervalMs: 100, historyDays: 0 })
  const ids = broker.symbols.slice(0, 10).map((s) => sim.control.symbolId(s.name))
  process.send?.({ type: 'ready', url: sim.url(), ids })
  let start = process.cpuUsage()
  let t0 = Date.now()
  let peakRss = 0
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }, 250)
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'start') {
      start = process.cpuUsage()
      t0 = Date.now()
      peakRss = 0
    } else if (msg.type === 'stop') {
      const cpu = process.cpuUsage(start)
      const mem = process.memoryUsage()
      clearInterval(sampler)
      const report: ServerReport = {
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        rssMb: mem.rss / 2 ** 20,
        heapUsedMb: mem.heapUsed / 2 ** 20,
        peakRssMb: Math.max(peakRss, mem.rss) / 2 ** 20,
        wallMs: Date.now() - t0,
      }
      process.send?.({ type: 'report', report })
      await sim.close()
      process.exit(0)
    }
  })
}

async function clientMain(): Promise<void> {
  const clients = arg('clients', 200)
  const seconds = arg('seconds', 10)
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { execArgv: ['--import', 'tsx'] })
  // A failed run (a login timing out on a loaded machine) must not leave the simulator behind.
  process.on('exit', () => child.kill())
  const ready = await new Promise<{ url: string; ids: number[] }>((resolve) =>
    child.once('message', (m) => resolve(m as { url: string; ids: number[] })),
  )
  const conns: RawClient[] = []
  const lateness: number[] = []
  let measuring = false
  for (let i = 0; i < clients; i++) {
    const c = await loginRaw(ready.url, 10001, 'Demo1234')
    await c.request(7, encodeSymbolIdList(ready.ids))
    // Lateness: arrival (after decryption) minus the newest tick time of each cmd 8 frame.
    c.ws.on('message', () => {
      const f = c.frames[c.frames.length - 1]
      if (!measuring || f?.command !== 8) return
      let newest = 0
      for (const t of decodeTickRecords(f.body)) newest = Math.max(newest, t.tickTime * 1000 + t.timeMsDelta)
      lateness.push(Date.now() - newest)
    })
    conns.push(c)
  }
  const marks = conns.map((c) => c.count())
  child.send({ type: 'start' })
  measuring = true
  await new Promise((r) => setTimeout(r, seconds * 1000))
  measuring = false
  child.send({ type: 'stop' })
  const report = await new Promise<ServerReport>((resolve) =>
    child.on('message', (m: { type: string; report: ServerReport }) => {
      if (m.type === 'report') resolve(m.report)
    }),
  )
  let ticks = 0
  conns.forEach((c, i) => {
    for (const f of c.frames.slice(marks[i])) if (f.command === 8) ticks += decodeTickRecords(f.body).length
    c.close()
  })
  const wallS = report.wallMs / 1000
  const cpuMs = report.cpuUserMs + report.cpuSystemMs
  lateness.sort((x, y) => x - y)
  const pct = (q: number): number =>
    lateness[Math.min(lateness.length - 1, Math.floor(q * lateness.length))] ?? 0
  const result = {
    clients,
    latenessMsP50: pct(0.5),
    latenessMsP99: pct(0.99),
    symbolsPerClient: ready.ids.length,
    seconds: Number(wallS.toFixed(2)),
    ticksDelivered: ticks,
    ticksPerSecond: Math.round(ticks / wallS),
    expectedTicksPerSecond: clients * ready.ids.length * 10,
    serverCpuPercentOfOneCore: Number(((cpuMs / report.wallMs) * 100).toFixed(1)),
    serverCpuUserMs: Math.round(report.cpuUserMs),
    serverCpuSystemMs: Math.round(report.cpuSystemMs),
    serverRssMb: Number(report.rssMb.toFixed(1)),
    serverPeakRssMb: Number(report.peakRssMb.toFixed(1)),
    serverHeapUsedMb: Number(report.heapUsedMb.toFixed(1)),
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  if (process.argv.includes('--append')) {
    const section = `
## simLoad.ts: simulator under load (${clients} clients × ${ready.ids.length} symbols × 10 ticks/s)

One simulator process (forked child; its own \`process.cpuUsage\` and memory) serving ${clients} logged-in
WebSocket clients (in the parent process), each subscribed (cmd 7) to ${ready.ids.length} symbols, a tick of every
symbol every 100 ms; each client gets one cmd 8 frame per 100 ms (its ticks batched) plus cmd 17
details at most once per second per symbol, each frame AES-encrypted with the client's own key.
Run: \`npx tsx bench/simLoad.ts --append\`. Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

| Measure | Value |
|---|---:|
| run (wall) | ${result.seconds} s |
| cmd 8 lateness p50 / p99 (arrival − newest tick time, clients in the parent) | ${result.latenessMsP50} ms / ${result.latenessMsP99} ms |
| ticks delivered / s (expected) | ${result.ticksPerSecond.toLocaleString('en')} (${result.expectedTicksPerSecond.toLocaleString('en')}) |
| server CPU (user + system) | ${result.serverCpuUserMs + result.serverCpuSystemMs} ms = ${result.serverCpuPercentOfOneCore} % of one core |
| server RSS at end / peak | ${result.serverRssMb} MB / ${result.serverPeakRssMb} MB |
| server heap used at end | ${result.serverHeapUsedMb} MB |
`
    await appendFile(new URL('./RESULTS.md', import.meta.url), section)
  }
  process.exit(0)
}

if (process.argv.includes('--server')) void serverMain()
else void clientMain()
