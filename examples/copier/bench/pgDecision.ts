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
 * `BENCH_GAP_MS=0` between decisions (1000: one a second, as the fleet benchmark: cold caches, idle
 * cores woken), `BENCH_PG_SOCKET=tcp` or `unix` (the server's Unix-domain socket), `BENCH_SYNC_COMMIT=off`.
 *
 * Each decision's client time is split by the connection's socket: the call → its bytes written
 * (the store's and node-postgres's work: fence, parameters, serialisation), written → the first
 * byte of the reply (the server's work, its WAL flush, both processes' wake-ups), reply → resolved.
 */
import { readFileSync } from 'node:fs'
import type { Socket } from 'node:net'
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
const GAP = Number(process.env.BENCH_GAP_MS ?? 0)
const SOCKET = process.env.BENCH_PG_SOCKET === 'unix' ? 'unix' : 'tcp'

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
  const via = new URL(url)
  if (SOCKET === 'unix') via.searchParams.set('host', cluster.socketDir)
  const store = openPostgresStore({
    connectionString: via.toString(),
    maxConnections: 1,
    synchronousCommit: process.env.BENCH_SYNC_COMMIT !== 'off',
  })
  await store.ready()
  // the one connection's socket: when the statement's bytes leave and the reply's first arrive
  const client = await store.pool.connect()
  const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream
  client.release()
  let wroteAt = 0
  let replyAt = 0
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean
  ;(stream as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
    if (wroteAt === 0) wroteAt = performance.now()
    return write(...args)
  }
  stream.on('data', () => {
    if (replyAt === 0) replyAt = performance.now()
  })
  const toWrite: number[] = []
  const roundTrip: number[] = []
  const toResolve: number[] = []
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
    wroteAt = 0
    replyAt = 0
    const start = performance.now()
    await store.commit(change)
    const end = performance.now()
    wall.push(end - start)
    if (k >= FIRST) {
      toWrite.push(wroteAt - start)
      roundTrip.push(replyAt - wroteAt)
      toResolve.push(end - replyAt)
    }
    if (GAP > 0) await new Promise((r) => setTimeout(r, GAP))
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
    `${TARGETS} intents per decision, ${DURABLE ? 'fsync and synchronous_commit on' : 'no WAL flush (test settings)'}, one connection over ${SOCKET === 'unix' ? 'the Unix-domain socket' : 'TCP (127.0.0.1)'}, ${GAP} ms between decisions`,
  )
  console.log(
    `first ${FIRST} (ms): ${wall
      .slice(0, FIRST)
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  )
  console.log(`client, the next ${SAMPLES}: ${line(wall.slice(FIRST))}`)
  console.log(`  call → bytes written:       ${line(toWrite)}`)
  console.log(`  written → reply's first byte: ${line(roundTrip)}`)
  console.log(`  reply → promise resolved:  ${line(toResolve)}`)
  console.log(`server bind:    ${line(bind.slice(FIRST))}`)
  console.log(
    `server execute: ${line(execute.slice(FIRST))} (the commit's WAL flush comes after it, at Sync)`,
  )
} finally {
  await cluster.stop()
}
console.log(`load average ${loadavg()[0]?.toFixed(1)} at the end`)
