/**
 * The measured process of bench/poolLoad.ts: `createPool` from the BUILT package (`dist/`, plain
 * node, no TypeScript loader, so the RSS is what a user's process would have), driven over IPC.
 * Plain JavaScript on purpose: a TS loader (tsx) adds its own isolate (~60 MB) to the RSS.
 * Receives `{ url, symbols, options }`, replies `{ type: 'result', result }`.
 */
import { createPool } from '../dist/index.js'

/** @param {number} bytes */
const mb = (bytes) => Number((bytes / 2 ** 20).toFixed(1))
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * @param {{ url: string, symbols: string[], accounts: number, firstLogin: number, password: string,
 *   seconds: number, tickMs: number, concurrency: number, tickCache: number }} job
 */
async function run(job) {
  const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc
  if (!gc) throw new Error('run with node --expose-gc')
  gc()
  const before = process.memoryUsage()
  const pool = createPool({
    concurrency: job.concurrency,
    clientOptions: { tickCacheSize: job.tickCache, timeoutMs: 60_000, connectTimeoutMs: 60_000 },
    accounts: Array.from({ length: job.accounts }, (_, i) => ({
      server: job.url,
      login: job.firstLogin + i,
      password: job.password,
    })),
  })
  let ticks = 0
  /** @type {Map<string, number>} */
  const perAccount = new Map()
  pool.on('tick', (account) => {
    ticks += 1
    perAccount.set(account.key, (perAccount.get(account.key) ?? 0) + 1)
  })

  const t0 = performance.now()
  const report = await pool.connect()
  const connectMs = performance.now() - t0
  const t1 = performance.now()
  const sub = await pool.subscribeTicks(job.symbols)
  const subscribeMs = performance.now() - t1

  // Warm-up: every tick cache reaches its steady size before memory is measured.
  await sleep(Math.max(3 * job.tickMs, 2_000))
  let peakRss = 0
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }, 250)
  ticks = 0
  perAccount.clear()
  const t2 = performance.now()
  const cpu0 = process.cpuUsage()
  await sleep(job.seconds * 1000)
  const wallMs = performance.now() - t2
  const cpu = process.cpuUsage(cpu0)
  const ticksSeen = ticks
  clearInterval(sampler)
  gc()
  const mem = process.memoryUsage()
  const result = {
    accounts: job.accounts,
    connected: report.filter((r) => r.status === 'connected').length,
    symbolsPerAccount: job.symbols.length,
    fullySubscribed: [...sub.accounts.values()].filter((r) => r.subscribed.length === job.symbols.length)
      .length,
    concurrency: job.concurrency,
    tickCacheSize: job.tickCache,
    tickIntervalMs: job.tickMs,
    connectMs: Math.round(connectMs),
    subscribeMs: Math.round(subscribeMs),
    seconds: Number((wallMs / 1000).toFixed(2)),
    ticksPerSecond: Math.round(ticksSeen / (wallMs / 1000)),
    expectedTicksPerSecond: Math.round((job.accounts * job.symbols.length * 1000) / job.tickMs),
    accountsWithTicks: perAccount.size,
    poolCpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(1)),
    rssBeforeMb: mb(before.rss),
    rssAfterGcMb: mb(mem.rss),
    peakRssMb: mb(Math.max(peakRss, mem.rss)),
    heapUsedMb: mb(mem.heapUsed),
    heapTotalMb: mb(mem.heapTotal),
    externalMb: mb(mem.external),
    rssPerAccountKb: Math.round((mem.rss - before.rss) / job.accounts / 1024),
    heapPerAccountKb: Math.round((mem.heapUsed - before.heapUsed) / job.accounts / 1024),
  }
  await pool.close()
  return result
}

process.once('message', (job) => {
  run(job).then(
    (result) => process.send?.({ type: 'result', result }, () => process.exit(0)),
    (error) =>
      process.send?.({ type: 'error', message: String(error?.stack ?? error) }, () => process.exit(1)),
  )
})
