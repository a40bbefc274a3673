/**
 * Memory per idle logged-in connection: one process holding 1, 50, 200 and 500 `createClient`
 * connections (logged in, nothing subscribed) to ONE simulator in a child process, and, for
 * comparison, the same counts of raw `ws` + cipher connections (bootstrap + login, nothing else).
 * After each step: GC, RSS and heap; the per-connection figure is the growth between steps divided
 * by the connections added (the process's fixed cost cancels out).
 *
 * Run: `node --expose-gc --import tsx bench/connMemory.ts [--kind dist|client|raw] [--steps 1,50,200,500]`.
 * `dist` (the figure that counts; `npm run build` first): `createClient` from the built package in
 * a plain-node child (`bench/connMemoryProcess.mjs`). `client` / `raw`: the SDK client from source,
 * or raw `ws` + cipher connections, in this process under tsx (its loader is a fixed cost, but it
 * also gives every function of the source a property store, ≈ 18 KB per client).
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createClient } from '../src/client/createClient.js'
import { ALWAYS_OPEN, createSimServer, defaultBroker, defineAccount } from '../src/sim/index.js'
import { loginRaw, type RawClient } from '../test/e2e/sim/_rawClient.js'

const PASSWORD = 'Bench1234'
const FIRST_LOGIN = 300_001

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

interface Usage {
  rss: number
  heap: number
}

/** One table row: totals at `count` connections and the growth per connection added since `previous`. */
function step(kind: string, count: number, now: Usage, previous: Usage, added: number): string {
  return (
    `| ${kind} | ${count} | ${(now.rss / 2 ** 20).toFixed(1)} | ${(now.heap / 2 ** 20).toFixed(1)} | ` +
    `${Math.round((now.rss - previous.rss) / added / 1024)} | ${Math.round((now.heap - previous.heap) / added / 1024)} |`
  )
}

function print(rows: string[]): void {
  console.log(
    '| kind | connections | RSS (MB) | heap used (MB) | RSS KB / added connection | heap KB / added connection |',
  )
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const row of rows) console.log(row)
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with node --expose-gc')
  const kind = option('kind', 'client')
  const steps = option('steps', '1,50,200,500').split(',').map(Number)
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { execArgv: ['--import', 'tsx'] })
  const { url } = await new Promise<{ url: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { url: string })),
  )
  const held: Array<{ close(): unknown }> = []
  const settle = async (): Promise<{ rss: number; heap: number }> => {
    await new Promise((r) => setTimeout(r, 500))
    gc()
    gc()
    const m = process.memoryUsage()
    return { rss: m.rss, heap: m.heapUsed }
  }
  if (kind === 'dist') {
    const measured = fork(fileURLToPath(new URL('./connMemoryProcess.mjs', import.meta.url)), [], {
      execArgv: ['--expose-gc'],
    })
    measured.send({ url, steps, firstLogin: FIRST_LOGIN, password: PASSWORD })
    const { rows } = await new Promise<{ rows: Array<{ count: number; rss: number; heap: number }> }>(
      (resolve) => measured.once('message', (m) => resolve(m as never)),
    )
    print(
      rows.slice(1).map((row, i) => {
        const prev = rows[i]!
        return step(kind, row.count, row, prev, row.count - prev.count)
      }),
    )
    child.send('stop')
    process.exit(0)
  }
  let previous = await settle()
  let previousCount = 0
  const rows: string[] = []
  for (const target of steps) {
    while (held.length < target) {
      const login = FIRST_LOGIN + held.length
      if (kind === 'raw') {
        const raw: RawClient = await loginRaw(url, login, PASSWORD)
        raw.frames.length = 0
        held.push(raw)
      } else {
        const client = createClient({ server: url, login, password: PASSWORD, reconnect: false })
        await client.connect()
        held.push(client)
      }
    }
    const now = await settle()
    rows.push(step(kind, target, now, previous, target - previousCount))
    previous = now
    previousCount = target
  }
  console.log(
    '| kind | connections | RSS (MB) | heap used (MB) | RSS KB / added connection | heap KB / added connection |',
  )
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const row of rows) console.log(row)
  for (const c of held) await c.close()
  child.send('stop')
  process.exit(0)
}

if (process.argv.includes('--server')) void serverMain()
else void main()
