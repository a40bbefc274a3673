/**
 * Shared setup of the pool e2e tests: one simulator with three brokers (names differ per broker),
 * a "slow" broker that accepts TCP connections and never answers, and a "down" address where
 * nothing listens (yet).
 */
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, beforeEach } from 'vitest'
import { createPool } from '../../../src/pool/createPool.js'
import type { Pool, PoolAccountConfig, PoolClientOptions, PoolOptions } from '../../../src/pool/types.js'
import {
  createSimServer,
  defaultBroker,
  defineAccount,
  defineSymbol,
  deriveBroker,
  type SimServer,
} from '../../../src/sim/index.js'

export const PASSWORD = 'Demo1234'

/** Fast timings so retries happen within a test. */
export const FAST: PoolClientOptions = {
  timeoutMs: 5_000,
  connectTimeoutMs: 2_000,
  reconnect: { baseDelayMs: 20, maxDelayMs: 50 },
}

/**
 * SimBroker (EURUSD, GBPUSD…; 10001, 10002), ProBroker (EURUSD.pro…; 70001 and another 10001) and
 * EcnBroker (EURUSDm only; 80001).
 */
export async function threeBrokers(port = 0): Promise<SimServer> {
  const base = defaultBroker()
  return createSimServer({
    port,
    historyDays: 0,
    brokers: [
      base,
      deriveBroker(base, {
        name: 'ProBroker',
        rename: (name) => `${name}.pro`,
        accounts: [
          defineAccount({ login: 70001, password: PASSWORD }),
          defineAccount({ login: 10001, password: PASSWORD }),
        ],
      }),
      {
        name: 'EcnBroker',
        serverName: 'EcnBroker-Live',
        company: 'ECN Ltd.',
        timezoneShift: 0,
        symbols: [
          defineSymbol({ name: 'EURUSDm', currencyBase: 'EUR', currencyProfit: 'USD', initialBid: 1.085 }),
        ],
        accounts: [defineAccount({ login: 80001, password: PASSWORD })],
      },
    ],
  })
}

/** A TCP server that accepts connections and never answers (a broker that hangs). */
export async function silentServer(
  port = 0,
): Promise<{ url: string; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return {
    url: `ws://127.0.0.1:${address.port}/`,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A loopback port where nothing listens (taken from the OS, then released). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Per-test simulator (three brokers) and pools, closed after each test. */
export interface PoolHarness {
  readonly sim: SimServer
  /** `createPool` with {@link FAST} client options (merged under `options.clientOptions`), closed after the test. */
  pool(accounts: PoolAccountConfig[], options?: Omit<PoolOptions, 'accounts'>): Pool
  /** An account with the shared password at `server` (default: the default broker). */
  account(login: number, server?: string, extra?: Partial<PoolAccountConfig>): PoolAccountConfig
  /** Runs `fn` after the test, before the simulator closes (last deferred first). */
  defer(fn: () => Promise<unknown>): void
}

/** Registers the hooks of a {@link PoolHarness} in the calling test file. */
export function usePoolHarness(): PoolHarness {
  let sim: SimServer | undefined
  const cleanup: Array<() => Promise<unknown>> = []
  beforeEach(async () => {
    sim = await threeBrokers()
  })
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
    await sim?.close()
  })
  const harness: PoolHarness = {
    get sim() {
      if (!sim) throw new Error('the simulator starts in beforeEach')
      return sim
    },
    pool(accounts, options = {}) {
      const pool = createPool({ ...options, accounts, clientOptions: { ...FAST, ...options.clientOptions } })
      cleanup.push(() => pool.close())
      return pool
    },
    account(login, server = harness.sim.url(), extra = {}) {
      return { server, login, password: PASSWORD, ...extra }
    },
    defer(fn) {
      cleanup.push(fn)
    },
  }
  return harness
}

export { until } from '../../helpers/until.js'
