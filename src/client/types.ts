/**
 * The client's contract: options, lifecycle states, the event map, and the shared state slots that
 * feature modules use. The client is a plain object built by `createBaseClient()` and grown with
 * `extend(decorator)`; feature modules are functions of `(client, params)`.
 */
import type { EventEmitter } from 'eventemitter3'
import type { AccountSummary, Book, Deal, Order, Position, Tick, TradeResult } from '../model/types.js'

/** Lifecycle of a client. */
export type ClientStatus =
  | 'disconnected'
  | 'connecting'
  | 'connected'
  | 'loggedIn'
  | 'reconnecting'
  | 'closing'
  | 'closed'

/** Any pino-compatible logger. The default logger is silent. */
export interface Logger {
  trace(obj: unknown, msg?: string, ...args: unknown[]): void
  debug(obj: unknown, msg?: string, ...args: unknown[]): void
  info(obj: unknown, msg?: string, ...args: unknown[]): void
  warn(obj: unknown, msg?: string, ...args: unknown[]): void
  error(obj: unknown, msg?: string, ...args: unknown[]): void
}

/** Reconnect policy: attempt n waits min(baseDelayMs × 2^(n−1) + uniform(0, baseDelayMs), maxDelayMs). */
export interface ReconnectOptions {
  /** Give up after this many attempts (default 10; `Infinity` for never). */
  maxAttempts?: number
  /** Default 1000 ms. */
  baseDelayMs?: number
  /** Default 30 000 ms. */
  maxDelayMs?: number
}

/** Options of `createClient()` / `createBaseClient()`, validated with zod. */
export interface ClientOptions {
  /** WebSocket URL of the Web Terminal endpoint, e.g. `wss://host/terminal` or `ws://127.0.0.1:8228/`. */
  server: string
  /** Account number. */
  login: number | bigint | string
  /** Master or investor password, or a 320-hex-character password token. Never logged. */
  password: string
  /** One-time password (TOTP), when the account requires it. */
  otp?: string
  /** Per-request timeout (default 30 000 ms). */
  timeoutMs?: number
  /** Timeout for opening the socket and the bootstrap (default 10 000 ms). */
  connectTimeoutMs?: number
  /**
   * Largest frame accepted from the server (default 64 MiB, docs/architecture.md#resource-bounds);
   * a larger one ends the connection with a `ProtocolError` cause. Raise it only for trade
   * histories of more than ~180 000 deals and orders in one request.
   */
  maxFrameBytes?: number
  /** Ping (cmd 51) period while logged in (default 5 000 ms, as the official client). */
  heartbeatIntervalMs?: number
  /** Close the socket (and reconnect) when no ping succeeded for this long (default 15 000 ms). */
  heartbeatTimeoutMs?: number
  /** Auto-reconnect after an unexpected drop (default on); `false` disables it. */
  reconnect?: false | ReconnectOptions
  /** Token-bucket rate limit on every command sent (default off). */
  rateLimit?: { perSecond: number; burst?: number }
  /** Ticks kept per symbol for `ticksFrom`/`ticksRange` (default 1 000). */
  tickCacheSize?: number
  /**
   * Symbols whose ticks the cache keeps; beyond it the least recently updated symbol's ticks are
   * dropped (default 0 = every symbol received). See `tickCacheStats()` / `clearTickCache()`.
   */
  tickCacheSymbols?: number
  /** Symbol-list cache lifetime; 0 = never expires until `invalidateSymbols()` (default 0). */
  symbolCacheTtlMs?: number
  /** Thresholds for the `healthDegraded` event. */
  health?: { maxPingLatencyMs?: number; maxSilenceMs?: number }
  /** pino-compatible logger; default silent. */
  logger?: Logger
  /**
   * A WHATWG WebSocket constructor; default: the `ws` package under Node, the global `WebSocket`
   * elsewhere (browsers, workers).
   */
  WebSocket?: unknown
  /** Origin header sent by the `ws` transport. */
  origin?: string
  /** Stable 16-byte client id (hex or bytes); default derived once per process. */
  clientId?: string | Uint8Array
}

/** What `client.health()` reports. */
export interface HealthReport {
  status: ClientStatus
  /** Round trip of the last successful ping, `null` before the first one. */
  pingLatencyMs: number | null
  /** Milliseconds since the last frame was received, `null` if none yet. */
  lastMessageAgeMs: number | null
  reconnectCount: number
  /** Unix ms when the current session logged in, `null` when not logged in. */
  connectedSinceMs: number | null
}

/** Why the connection ended. */
export interface DisconnectInfo {
  /** True when the user called `close()`/`logout()`. */
  expected: boolean
  error?: Error
}

/** Trade-server connection state pushed as cmd 15. */
export interface LoginStatus {
  /** Raw state: 0 = the gateway is connected to the trade server. */
  state: number
  connected: boolean
}

/** A cmd 10 change, decoded (official layout). */
export type TradeTransaction =
  | {
      kind: 'order'
      /** 0 open order, 1 history order. */
      flagMask: number
      transactionId: number
      /** 0 add, 1 update, 2 delete. */
      transactionType: number
      order: Order
    }
  | {
      kind: 'deal'
      transactionId: number
      transactionType: number
      /** `null` when the record's deal ticket is 0. */
      deal: Deal | null
      /** `null` when the record carries no position; volume 0 means the position closed. */
      position: Position | null
      balance: number
      credit: number
      profit: number
      deals: Deal[]
      positions: Position[]
    }

/** Every event a client emits; `client.on('tick', t => …)` infers `t: Tick`. */
export interface ClientEvents {
  status: [status: ClientStatus]
  connect: []
  disconnect: [info: DisconnectInfo]
  reconnecting: [info: { attempt: number; delayMs: number }]
  reconnect: [info: { attempt: number }]
  error: [error: Error]
  healthDegraded: [report: HealthReport]
  tick: [tick: Tick]
  book: [book: Book]
  tradeTransaction: [transaction: TradeTransaction]
  /** The full list of open positions after a change. */
  positions: [positions: Position[]]
  /** The full list of open orders after a change. */
  orders: [orders: Order[]]
  account: [account: AccountSummary]
  /** A full symbol specification update (cmd 13); the payload type comes from the codec. */
  symbol: [symbol: { name: string; id: number; raw: unknown }]
  /** Symbol statistics (cmd 17), unscaled; the payload type comes from the codec. */
  symbolDetails: [details: { symbol: string; symbolId: number; raw: unknown }]
  tradeResult: [result: TradeResult]
  loginStatus: [status: LoginStatus]
}

/** Options of one request. */
export interface RequestOptions {
  /** Overrides the client's `timeoutMs`; 0 = no timeout. */
  timeoutMs?: number
  signal?: AbortSignal
}

/**
 * Shared state of one client, used by feature modules. Each slot belongs to one module; others read
 * it only through that module's actions.
 *
 * @internal
 */
export interface ClientState {
  /** Per-module state, keyed by module name (`marketData`, `trading`, …). */
  readonly modules: Map<string, unknown>
  /** Functions run after every successful re-login, in order (e.g. re-subscribe ticks and books). */
  readonly afterLogin: Array<() => Promise<void>>
  /**
   * Symbols known by id, used to resolve the ids of tick, book and statistics pushes (name and
   * digits). Filled by the market-data module when it loads the symbol list and by cmd 13 pushes.
   */
  readonly symbolsById: Map<number, SymbolRef>
  /** Reports an error through the client's `error` event (or its logger when nobody listens); never throws. */
  readonly reportError?: (error: unknown) => void
  /**
   * Tells the session that the master password changed from `current` to `next` (after a successful
   * cmd 24), so a later full login uses the new one.
   */
  readonly passwordChanged?: (current: string, next: string) => void
  /**
   * Like `onFrame` for several commands with one listener, which is also given the command: one
   * registration instead of a closure per command (memory per connection, issue #12).
   */
  readonly onFrames?: (
    commands: readonly number[],
    listener: (body: Uint8Array, command: number) => void,
  ) => () => void
}

/** What push decoding needs to know about a symbol. */
export interface SymbolRef {
  name: string
  digits: number
}

/** The bare client: connection lifecycle, requests, events. Feature modules are added with `extend`. */
export interface BaseClient {
  /** Options without the password. */
  readonly options: Readonly<Omit<ClientOptions, 'password' | 'otp'>>
  readonly events: EventEmitter<ClientEvents>
  on<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): this
  once<E extends keyof ClientEvents>(event: E, listener: (...args: ClientEvents[E]) => void): this
  off<E extends keyof ClientEvents>(event: E, listener?: (...args: ClientEvents[E]) => void): this
  readonly status: ClientStatus
  /** Build number the server reported in the bootstrap, once connected. */
  readonly serverBuild: number | undefined
  /** Opens the socket, runs the key exchange and logs in. */
  connect(options?: { signal?: AbortSignal }): Promise<void>
  /** Logs in on an open connection (after `logout()`). */
  login(): Promise<void>
  /** Logs out (cmd 2) and closes the socket; no reconnect follows. */
  logout(): Promise<void>
  /** Stops heartbeat and reconnects, logs out if logged in, closes the socket, rejects pending requests. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
  health(): HealthReport
  /** Sends one command and resolves with the reply body (code 0) or rejects with a typed error. */
  request(command: number, payload?: Uint8Array, options?: RequestOptions): Promise<Uint8Array>
  /** Listens to every frame of a command id (responses included); returns an unsubscribe function. */
  onFrame(command: number, listener: (body: Uint8Array) => void): () => void
  /** Adds a feature module: `createBaseClient(o).extend(marketData)`. */
  extend<T extends object>(decorator: (client: this) => T): this & T
  /** @internal */
  readonly state: ClientState
}
