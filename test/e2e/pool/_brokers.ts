/**
 * Shared setup of the pool e2e tests: one simulator with three brokers (names differ per broker),
 * a "slow" broker that accepts TCP connections and never answers, and a "down" address where
 * nothing listens (yet).
 */
import { createServer, type Server, type Socket } from 'node:net'
import type { PoolClientOptions } from '../../../src/pool/types.js'
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
export async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `ws://127.0.0.1:${port}/`,
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

export { until } from '../../helpers/until.js'
