/**
 * Memory of the client's tick history (`tickCacheSize`): K simulated accounts × 10 symbols, each
 * filled to its steady state with ticks built by the client's own tick path (`TickState.apply`, the
 * object the `tick` event carries) into the client's `TickCache`. Reports the heap per cached tick
 * and per account after a GC (JS heap + ArrayBuffer memory: the rings are typed arrays) — the
 * arithmetic behind docs/pool.md "Memory".
 *
 * Run: `node --expose-gc --import tsx bench/tickCacheMemory.ts [--accounts 20] [--append]`.
 */
import { appendFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { TickCache } from '../src/marketState/tickCache.js'
import { TickState } from '../src/marketState/tickState.js'

const SYMBOLS = [
  'EURUSD',
  'GBPUSD',
  'USDJPY',
  'AUDUSD',
  'USDCHF',
  'USDCAD',
  'XAUUSD',
  'XAGUSD',
  'US500',
  'EURGBP',
]
const SIZES = [0, 100, 1_000]

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')
const collect = gc

/** Heap retained by `accounts` tick caches of `size` (the client's `Math.max(1, size)` capacity). */
function measure(accounts: number, size: number): { bytesPerTick: number; kbPerAccount: number } {
  const capacity = Math.max(1, size)
  collect()
  // The rings are typed arrays: their bytes are ArrayBuffer memory, outside `heapUsed`.
  const used = (): number => {
    const m = process.memoryUsage()
    return m.heapUsed + m.arrayBuffers
  }
  const before = used()
  const kept: TickCache[] = []
  let seed = 1
  for (let a = 0; a < accounts; a++) {
    const cache = new TickCache({ capacity })
    const state = new TickState()
    // Twice the capacity: every ring wraps, as in a long-running process.
    for (let i = 0; i < 2 * capacity; i++) {
      SYMBOLS.forEach((symbol, symbolId) => {
        seed = (seed * 16807) % 2147483647
        const bid = 1 + seed / 2147483647
        const tick = state.apply(
          {
            symbolId,
            timeMs: 1_767_744_000_000 + i * 250,
            fields: 3,
            bid,
            ask: bid + 0.0001,
            last: 0,
            volume: 0n,
            flags: 0,
            delayed: false,
          },
          symbol,
        )
        if (tick) cache.push(tick)
      })
    }
    kept.push(cache)
  }
  collect()
  const bytes = used() - before
  const ticks = accounts * SYMBOLS.length * capacity
  if (kept.length !== accounts) throw new Error('unreachable')
  return { bytesPerTick: Math.round(bytes / ticks), kbPerAccount: Math.round(bytes / accounts / 1024) }
}

const accounts = arg('accounts', 20)
const rows = SIZES.map((size) => ({ size, ...measure(accounts, size) }))
process.stdout.write(`${JSON.stringify(rows)}\n`)
if (process.argv.includes('--append')) {
  const table = rows
    .map(
      (r) =>
        `| ${r.size} | ${Math.max(1, r.size)} | ${r.bytesPerTick} B | ${r.kbPerAccount.toLocaleString('en')} KB | ${((r.kbPerAccount * 500) / 1024).toFixed(1)} MB |`,
    )
    .join('\n')
  await appendFile(
    new URL('./RESULTS.md', import.meta.url),
    `
## tickCacheMemory.ts: tick history per account (10 subscribed symbols)

${accounts} accounts' tick caches filled past capacity with the client's own tick objects
(\`TickState.apply\` → \`TickCache.push\`), JS heap + ArrayBuffer memory measured after a GC.
Run: \`node --expose-gc --import tsx bench/tickCacheMemory.ts --append\`.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC,
load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min; the machine was shared).

| \`tickCacheSize\` | ticks kept per symbol | heap per tick | per account (10 symbols) | × 500 accounts |
|---:|---:|---:|---:|---:|
${table}
`,
  )
}
