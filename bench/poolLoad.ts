/**
 * Pool benchmark: N accounts (default 500) of ONE simulator (a forked child) logged in through
 * `createPool` in ANOTHER child — plain node on the built package (`bench/poolProcess.mjs`), so its
 * RSS is the pool's alone — each subscribed to 10 symbols through one
 * broadcast, a tick of every symbol every `--tick-ms` (default 1000 ms). Measures the connect
 * time, the subscribe time, the pool process's RSS and heap after a GC, and the tick fan-out rate
 * through the pool's `tick` event over a bounded run (default 10 s).
 *
 * Run: `npm run build && tsx bench/poolLoad.ts [--accounts 500] [--seconds 10] [--tick-ms 1000]
 *       [--concurrency 8] [--tick-cache 0] [--append]` (`npm run bench:pool` builds and appends).
 * `--tick-cache` sets the clients' `tickCacheSize` (the pool's default is 0: latest tick only;
 * the client's own default is 1000). `--append` adds the result to bench/RESULTS.md.
 *
 * The simulator's options are explicit (see `SIM_OPTIONS`): sessions open around the clock (the
 * run does not depend on the weekday), one broker, every account its own login.
 */
import { fork } from 'node:child_process'
import { appendFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { ALWAYS_OPEN, createSimServer, defaultBroker, defineAccount, defineSymbol } from '../src/sim/index.js'

const PASSWORD = 'Bench1234'
const FIRST_LOGIN = 200_001

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

async function serverMain(): Promise<void> {
  const accounts = arg('accounts', 500)
  const base = defaultBroker()
  const symbols = [...base.symbols, defineSymbol({ name: 'EURGBP', initialBid: 0.86 })]
    .slice(0, 10)
    .map((s) => ({ ...s, quoteSessions: ALWAYS_OPEN, tradeSessions: ALWAYS_OPEN }))
  const SIM_OPTIONS = {
    port: 0,
    host: '127.0.0.1',
    seed: 1,
    historyDays: 0,
    tickIntervalMs: arg('tick-ms', 1000),
    detailsIntervalMs: 1000,
    brokers: [
      {
        ...base,
        symbols,
        accounts: Array.from({ length: accounts }, (_, i) =>
          defineAccount({ login: FIRST_LOGIN + i, password: PASSWORD }),
        ),
      },
    ],
  }
  const sim = await createSimServer(SIM_OPTIONS)
  process.send?.({ type: 'ready', url: sim.url(), symbols: symbols.map((s) => s.name) })
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'stop') {
      await sim.close()
      process.exit(0)
    }
  })
}

async function poolMain(): Promise<void> {
  const sim = fork(fileURLToPath(import.meta.url), ['--server', ...process.argv.slice(2)], {
    execArgv: ['--import', 'tsx'],
  })
  const ready = await new Promise<{ url: string; symbols: string[] }>((resolve) =>
    sim.once('message', (m) => resolve(m as { url: string; symbols: string[] })),
  )
  // The measured process: plain node on the built package (npm run build first), nothing else in it.
  const pool = fork(fileURLToPath(new URL('./poolProcess.mjs', import.meta.url)), [], {
    execArgv: ['--expose-gc'],
  })
  pool.send({
    url: ready.url,
    symbols: ready.symbols,
    accounts: arg('accounts', 500),
    firstLogin: FIRST_LOGIN,
    password: PASSWORD,
    seconds: arg('seconds', 10),
    tickMs: arg('tick-ms', 1000),
    concurrency: arg('concurrency', 8),
    tickCache: arg('tick-cache', 0),
  })
  const reply = await new Promise<{ type: string; result?: Record<string, number>; message?: string }>(
    (resolve) => pool.once('message', (m) => resolve(m as { type: string; result?: Record<string, number> })),
  )
  sim.send({ type: 'stop' })
  if (reply.type !== 'result' || !reply.result) throw new Error(`pool process failed: ${reply.message}`)
  process.stdout.write(`${JSON.stringify(reply.result)}\n`)
  if (process.argv.includes('--append')) await appendResult(reply.result)
}

async function appendResult(r: Record<string, number>): Promise<void> {
  const section = `
## poolLoad.ts: ${r.accounts} accounts in one pool × ${r.symbolsPerAccount} symbols (tickCacheSize ${r.tickCacheSize})

\`createPool\` in a child process of its own (plain node on \`dist/\`), the simulator in another:
${r.accounts} accounts of one broker, concurrency ${r.concurrency}, one broadcast \`subscribeTicks\` of
${r.symbolsPerAccount} symbols, a tick of every symbol every ${r.tickIntervalMs} ms (sessions open around the clock).
Run: \`npm run build && tsx bench/poolLoad.ts --tick-cache ${r.tickCacheSize} --append\`.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC,
load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min; the machine was shared).

| Measure | Value |
|---|---:|
| connected / fully subscribed | ${r.connected} / ${r.fullySubscribed} of ${r.accounts} |
| \`pool.connect()\` | ${r.connectMs} ms |
| \`pool.subscribeTicks()\` | ${r.subscribeMs} ms |
| ticks through \`pool.on('tick')\` / s (nominal: every symbol, every interval) | ${(r.ticksPerSecond ?? 0).toLocaleString('en')} (${(r.expectedTicksPerSecond ?? 0).toLocaleString('en')}) over ${r.seconds} s, ${r.accountsWithTicks} accounts |
| pool process CPU | ${r.poolCpuPercentOfOneCore} % of one core |
| pool process RSS before / after GC / peak | ${r.rssBeforeMb} MB / ${r.rssAfterGcMb} MB / ${r.peakRssMb} MB |
| heap used after GC | ${r.heapUsedMb} MB |
| RSS / heap per account | ${r.rssPerAccountKb} KB / ${r.heapPerAccountKb} KB |
`
  await appendFile(new URL('./RESULTS.md', import.meta.url), section)
}

if (process.argv.includes('--server')) void serverMain()
else void poolMain()
