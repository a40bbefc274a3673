/**
 * The simulator of the latency benchmark, in a worker thread: its own event loop, so the copier's
 * measured path never waits behind the simulator's work. Messages: `{ place: n }` places the n-th
 * source order; replies `{ url }` once listening, then `{ placed: ticket, retcode }`.
 */
import { readlinkSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import {
  ALWAYS_OPEN,
  createManualClock,
  createSimServer,
  defaultBroker,
  defineAccount,
  deriveBroker,
} from 'mt5web/sim'

const { targets } = workerData as { targets: number }
const source = defaultBroker()
source.symbols = source.symbols.map((s) => ({ ...s, tradeSessions: ALWAYS_OPEN, quoteSessions: ALWAYS_OPEN }))
// Every sample adds one more pending order on every account: the simulator's default limit of 200
// pending orders per account (retcode 10033) would refuse the 201st, on the source and on the targets.
source.accounts = source.accounts.map((a) => ({ ...a, maxPendingOrders: 0 }))
const target = deriveBroker(source, {
  name: 'Target',
  rename: (n) => `${n}.m`,
  accounts: Array.from({ length: targets }, (_, i) =>
    defineAccount({ login: 20_001 + i, name: `T${i}`, maxPendingOrders: 0 }),
  ),
})
target.firstOrderTicket = 50_000_000n
const sim = await createSimServer({
  port: 0,
  host: '127.0.0.1',
  clock: createManualClock(Date.UTC(2026, 0, 7, 12)),
  brokers: [source, target],
  historyDays: 0,
})
parentPort?.on('message', (m: { place?: number; close?: boolean }) => {
  if (m.close) {
    void sim.close().then(() => process.exit(0))
    return
  }
  const n = m.place ?? 0
  const r = sim.control.placeOrder(10001, {
    symbol: 'EURUSD',
    type: 2,
    lots: 0.1,
    price: Number((1.07 - n * 0.00001).toFixed(5)),
  })
  // when the push was handed to the source's socket, on a clock the copier's thread can compare
  const wroteAt = String(performance.timeOrigin + performance.now())
  parentPort?.postMessage({ placed: String(r.result.tradeOrder), retcode: String(r.result.retcode), wroteAt })
})
// this thread's id (Linux), for the benchmark to pin it to a CPU of its own (BENCH_PIN)
const tid = (() => {
  try {
    return readlinkSync('/proc/thread-self').split('/').at(-1) ?? ''
  } catch {
    return ''
  }
})()
parentPort?.postMessage({ url: sim.url(), targetUrl: sim.url('Target'), tid })
