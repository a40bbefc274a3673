/**
 * The PostgreSQL decision statement alone (pgCommit.ts), without a copier around it: the client's
 * wall time per decision against the server's own time for it (bind = planning when the plan is
 * not cached, execute), from the server's log. Tells the server's work from the round trip, the
 * WAL flush and the scheduling of two processes on a shared machine (issue #14).
 *
 * Run: `npx tsx examples/copier/bench/pgDecision.ts` (`BENCH_TARGETS=10` intents per decision,
 * `BENCH_SAMPLES=300`, `BENCH_DURABLE=1`: the throwaway cluster keeps fsync and synchronous_commit
 * on; `0`: the tests' settings, no WAL flush). The first 10 decisions are reported on their own
 * (the statement is parsed and planned on its connection's first use) and left out of the rest.
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { COMMIT_STATEMENT_NAME } from '../src/state/pgCommit.js'
import { openPostgresStore } from '../src/state/postgres.js'
import type { StoreChange } from '../src/state/store.js'
import { startPgCluster } from '../test/helpers/pgCluster.js'

const TARGETS = Number(process.env.BENCH_TARGETS ?? 10)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300)
const DURABLE = process.env.BENCH_DURABLE !== '0'
const FIRST = 10

const sorted = (xs: readonly number[]) => [...xs].sort((x, y) => x - y)
const quantile = (s: readonly number[], q: number) =>
  s[Math.max(0, Math.ceil(q * s.length) - 1)] ?? Number.NaN
const line = (xs: readonly number[]) => {
  const s = sorted(xs)
  return `p50 ${quantile(s, 0.5).toFixed(3)} p90 ${quantile(s, 0.9).toFixed(3)} p99 ${quantile(s, 0.99).toFixed(3)} max ${(s.at(-1) ?? Number.NaN).toFixed(3)} ms`
}

const cluster = await startPgCluster({ durable: DURABLE, settings: { log_min_duration_statement: 0 } })
try {
  const url = await cluster.createDatabase()
  const store = openPostgresStore({ connectionString: url, maxConnections: 1 })
  await store.ready()
  const targets = Array.from({ length: TARGETS }, (_, i) => `t${i}`)
  await cluster.query(
    url,
    "INSERT INTO fleet_leases (target, owner, epoch, expires_at) SELECT unnest($1::text[]), 'a', 1, now() + interval '1 hour'",
    [targets],
  )
  store.setFence({ instance: 'a', epoch: () => 1 })
  const logFrom = readFileSync(cluster.logFile, 'utf8').length
  const wall: number[] = []
  for (let k = 0; k < FIRST + SAMPLES; k++) {
    // a place on every target, as one source order copied everywhere
    const change: StoreChange = {
      openIntents: targets.map((target) => ({
        target,
        sourceTicket: BigInt(1000 + k),
        kind: 'place',
        tag: `cp:${k}`,
        request: JSON.stringify({
          action: 5,
          symbol: 'EURUSD.m',
          volume: 1000,
          price: 1.07,
          comment: `cp:${k}`,
        }),
        atMs: Date.now(),
      })),
    }
    const start = performance.now()
    await store.commit(change)
    wall.push(performance.now() - start)
  }
  await store.close()
  const server = (step: string) =>
    readFileSync(cluster.logFile, 'utf8')
      .slice(logFrom)
      .split('\n')
      .filter((l) => l.includes(`${step} ${COMMIT_STATEMENT_NAME}`))
      .map((l) => Number(/duration: ([0-9.]+) ms/.exec(l)?.[1]))
  const bind = server('bind')
  const execute = server('execute')
  console.log(
    `${TARGETS} intents per decision, ${DURABLE ? 'fsync and synchronous_commit on' : 'no WAL flush (test settings)'}, one connection`,
  )
  console.log(
    `first ${FIRST} (ms): ${wall
      .slice(0, FIRST)
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  )
  console.log(`client, the next ${SAMPLES}: ${line(wall.slice(FIRST))}`)
  console.log(`server bind:    ${line(bind.slice(FIRST))}`)
  console.log(
    `server execute: ${line(execute.slice(FIRST))} (the commit's WAL flush comes after it, at Sync)`,
  )
} finally {
  await cluster.stop()
}
console.log(`load average ${loadavg()[0]?.toFixed(1)} at the end`)
