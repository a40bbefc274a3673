/**
 * `createSimServer`: a local MT5 Web Terminal server speaking the exact wire protocol. Several
 * brokers share one HTTP server, each at its own URL path: the default (first) broker at `/` and
 * `/terminal`, every broker at `/<broker-name>`. Deterministic by default: a manual clock, a seeded
 * feed, and ticks only from control calls unless `tickIntervalMs > 0`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { type Clock, createManualClock, realClock } from '../engine/clock.js'
import { type BrokerConfig, defaultBroker } from '../engine/config.js'
import { type BrokerRuntime, createBrokerRuntime } from './broker.js'
import { createConnection, type SessionKeySize, type SimConnection } from './connection.js'
import { createSimControl, type SimControl } from './control.js'
import { resolveLimits, type SimServerLimits } from './limits.js'
import { SIM_SERVER_BUILD } from './wire.js'

/** Options of {@link createSimServer}. */
export interface SimServerOptions {
  /** TCP port, default 0 (ephemeral). */
  port?: number
  /** Interface, default 127.0.0.1. */
  host?: string
  /** Brokers; the first is the default one (default: `defaultBroker()`). */
  brokers?: BrokerConfig[]
  /** Feed seed, default 1 (each broker gets `seed + index`). */
  seed?: number
  /** Server clock. Default: a manual clock, or the wall clock when `tickIntervalMs > 0`. */
  clock?: Clock
  /** Session key size handed out by the bootstrap: 16, 24 or 32 (default 32). */
  keySize?: SessionKeySize
  /** Generate a tick of every symbol every this many ms (0 = only control calls; default 0). */
  tickIntervalMs?: number
  /** Days of tick history generated before the start (for cmd 11), default 3. */
  historyDays?: number
  /** Minimum ms of wall time between cmd 17 pushes per symbol and connection (default 0 without a timer, else 1000). */
  detailsIntervalMs?: number
  /**
   * Server build reported in the bootstrap reply (reserved u16) and the account block's
   * `serverBuild` (default 5687, the build the SDK knows).
   */
  serverBuild?: number
  /**
   * Limits against a misbehaving peer (connection cap, message size, slow readers, sockets that
   * never log in, wrong-password lockout, password tokens, accounts opened without login). Each
   * field is optional; see `DEFAULT_SIM_LIMITS` and docs/simulator.md.
   */
  limits?: Partial<SimServerLimits>
  /** Log sink (connections, logins, trades). Default: none. */
  log?: (event: string, data: Record<string, unknown>) => void
}

/** A running simulator. */
export interface SimServer {
  /** WebSocket URL of a broker (default broker: `ws://host:port/`). */
  url(brokerName?: string): string
  readonly port: number
  readonly host: string
  /** Broker names, the default first. */
  readonly brokers: readonly string[]
  readonly control: SimControl
  /** Stops the timer, drops every socket and closes the listener. */
  close(): Promise<void>
}

function pathOf(name: string): string {
  return `/${encodeURIComponent(name)}`
}

/** Starts a simulator and resolves once it listens. */
export async function createSimServer(options: SimServerOptions = {}): Promise<SimServer> {
  const host = options.host ?? '127.0.0.1'
  const tickIntervalMs = options.tickIntervalMs ?? 0
  const clock = options.clock ?? (tickIntervalMs > 0 ? realClock : createManualClock())
  const log = options.log ?? (() => {})
  const keySize: SessionKeySize = options.keySize ?? 32
  if (![16, 24, 32].includes(keySize)) throw new RangeError(`keySize must be 16, 24 or 32, got ${keySize}`)
  const serverBuild = options.serverBuild ?? SIM_SERVER_BUILD
  if (!Number.isInteger(serverBuild) || serverBuild < 0 || serverBuild > 0xffff)
    throw new RangeError(`serverBuild must be an integer in 0…65535, got ${serverBuild}`)
  const limits = resolveLimits(options.limits)
  const configs = options.brokers ?? [defaultBroker()]
  if (configs.length === 0) throw new RangeError('createSimServer needs at least one broker')
  const names = new Set<string>()
  for (const b of configs) {
    if (names.has(b.name)) throw new RangeError(`duplicate broker name ${b.name}`)
    names.add(b.name)
  }
  const runtimes: BrokerRuntime[] = configs.map((config, i) =>
    createBrokerRuntime({
      config,
      clock,
      seed: (options.seed ?? 1) + i,
      detailsIntervalMs: options.detailsIntervalMs ?? (tickIntervalMs > 0 ? 1000 : 0),
      historyDays: options.historyDays ?? 3,
      serverBuild,
      limits,
      log,
    }),
  )
  const routes = new Map<string, BrokerRuntime>()
  const first = runtimes[0]!
  routes.set('/', first)
  routes.set('/terminal', first)
  for (const rt of runtimes) routes.set(pathOf(rt.name), rt)

  const http: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' })
    res.end('MT5 Web Terminal simulator: connect with a WebSocket\n')
  })
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: limits.maxPayloadBytes,
  })
  let nextId = 1
  const all = new Set<SimConnection>()
  let upgrading = 0

  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/'
    const rt = routes.get(path) ?? routes.get(decodeURIComponent(path))
    if (!rt) {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    if (rt.down) {
      log('broker-down', { broker: rt.name, remote: req.socket.remoteAddress })
      socket.write('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    // Upgrades still in progress count too: a burst must not slip past the cap.
    if (all.size + upgrading >= limits.maxConnections) {
      log('connection-limit', { remote: req.socket.remoteAddress, open: all.size })
      socket.write('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    upgrading += 1
    let counted = true
    const settle = (): void => {
      if (counted) upgrading -= 1
      counted = false
    }
    socket.once('close', settle)
    wss.handleUpgrade(req, socket, head, (ws) => {
      settle()
      const conn = createConnection(ws, {
        id: nextId++,
        brokerName: rt.name,
        keySize,
        serverBuild,
        limits,
        socket,
        host: {
          handler: (command) => rt.handler(conn, command),
          onClose: (c) => {
            rt.connections.delete(c)
            all.delete(c)
            log('disconnect', { conn: c.id, broker: rt.name, login: c.login })
          },
          log,
        },
      })
      rt.connections.add(conn)
      all.add(conn)
      log('connect', { conn: conn.id, broker: rt.name, remote: req.socket.remoteAddress })
    })
  })

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const port = (http.address() as AddressInfo).port

  let timer: ReturnType<typeof setInterval> | undefined
  if (tickIntervalMs > 0) {
    timer = setInterval(() => {
      for (const rt of runtimes) {
        rt.tick()
        rt.dispatch(rt.engine.poll())
      }
    }, tickIntervalMs)
    timer.unref?.()
  }

  const control = createSimControl(runtimes, clock)
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url(brokerName) {
      if (brokerName === undefined || brokerName === first.name) return `ws://${urlHost}:${port}/`
      if (!names.has(brokerName)) throw new RangeError(`unknown broker ${brokerName}`)
      return `ws://${urlHost}:${port}${pathOf(brokerName)}`
    },
    port,
    host,
    brokers: runtimes.map((r) => r.name),
    control,
    close() {
      if (timer !== undefined) clearInterval(timer)
      for (const c of all) c.drop()
      wss.close()
      return new Promise<void>((resolve) => {
        http.close(() => resolve())
        http.closeAllConnections?.()
      })
    },
  }
}
