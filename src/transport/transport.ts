/**
 * The transport: one WebSocket = one session (docs/architecture.md#protocol-facts). It opens the socket,
 * runs the
 * bootstrap key exchange (cmd 0 under the initial key), switches to the session key, matches
 * replies to requests by command id (official discipline, see `requestTable.ts`) and hands every
 * incoming frame to the push listeners of its command id.
 *
 * States: `disconnected → connecting → ready → closing → disconnected`; a failed connect or a
 * dropped socket ends in `error` (from which `connect()` may be called again).
 *
 * Never throws from socket callbacks: malformed frames and throwing listeners are reported through
 * the `error` event and the connection is kept.
 */
import { EventEmitter } from 'eventemitter3'
import {
  type BootstrapReply,
  decodeBootstrapReply,
  encodeBootstrapRequest,
} from '../codec/messages/bootstrap.js'
import {
  AbortedError,
  MT5ConnectionError,
  MT5TimeoutError,
  Mt5Error,
  ProtocolError,
  ServerError,
  SessionError,
} from '../errors.js'
import { type CipherFactory, createCipher, type FrameCipher } from '../protocol/cipher.js'
import { Command, isAllowedCommand } from '../protocol/commands.js'
import { decodeResponseFrame, encodeRequestFrame } from '../protocol/frame.js'
import { INITIAL_KEY } from '../protocol/initialKey.js'
import { type CipherChoice, resolveCipher } from './cipherChoice.js'
import { type Clock, systemClock } from './clock.js'
import { createRateLimiter, type RateLimiter, type RateLimiterOptions, unlimited } from './rateLimiter.js'
import { DEFAULT_REQUEST_TIMEOUT_MS, type Reply, RequestTable } from './requestTable.js'
import {
  messageBytes,
  openSocket,
  type WebSocketConstructor,
  type WebSocketLike,
  WS_MESSAGE_TOO_BIG,
  WS_OPEN,
} from './socket.js'

/** Lifecycle state of a {@link Transport}. */
export type TransportState = 'disconnected' | 'connecting' | 'ready' | 'closing' | 'error'

/** Events of a {@link Transport}. */
export interface TransportEvents {
  /** The state changed. */
  stateChange: [state: TransportState, previous: TransportState]
  /** Alias of `stateChange`. */
  state: [state: TransportState, previous: TransportState]
  /** Every frame received after the bootstrap (responses included), before per-command listeners. */
  push: [command: number, body: Uint8Array, code: number]
  /** A problem that did not end the connection: malformed frame, throwing listener. */
  error: [error: Error]
  /** The socket is gone: `error` is set for a drop, `undefined` after `close()`. */
  close: [error: MT5ConnectionError | undefined]
}

/** A per-command push listener. */
export type PushListener = (body: Uint8Array, code: number, command: number) => void

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** WHATWG-style `WebSocket` constructor (browsers); default: the `ws` package. */
  WebSocket?: WebSocketConstructor
  /**
   * AES implementation: `'auto'` (default: node:crypto under Node, noble elsewhere), `'noble'`,
   * `'node'` or a factory such as `createNodeCipher`.
   */
  cipher?: CipherChoice
  /** Token bucket for every frame sent (bootstrap included); off by default. */
  rateLimit?: RateLimiterOptions | RateLimiter
  /** Socket open + bootstrap reply deadline; default 15 000 ms. */
  connectTimeoutMs?: number
  /** Default request timeout; default 30 000 ms. 0 = none. */
  requestTimeoutMs?: number
  /**
   * Per-command default timeouts; default `{ 7: 0, 22: 0 }` (sent without a timeout,
   * docs/architecture.md#requests-and-replies).
   */
  commandTimeoutsMs?: Readonly<Record<number, number>>
  /** Time source for timeouts, for tests. */
  clock?: Clock
  /**
   * Largest frame accepted from the server; default {@link DEFAULT_MAX_FRAME_BYTES} (64 MiB).
   * With `ws` a larger frame is refused before it is buffered (the socket closes and the drop's
   * cause is a `ProtocolError`); with another WebSocket it is dropped and reported as `error`.
   */
  maxFrameBytes?: number
}

/**
 * Default largest frame (64 MiB) instead of the 100 MiB `ws` accepts. The largest legitimate
 * replies: the uncompressed symbol list (cmd 6) with the 65 536 symbols accepted (34.5 MB), a
 * trade history (cmd 5) of about 188 000 deals and orders (356 B each); everything else is far
 * smaller (50 000 bars of cmd 11 = 2.4 MB, one full specification = 3 KB). See
 * docs/architecture.md#resource-bounds.
 */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024

/** Where and how to connect. */
export interface ConnectOptions {
  /** `wss://<host>/terminal`. */
  url: string
  /** `Origin` header (Node/`ws` only). */
  origin?: string
  /** 64-byte token of a previous bootstrap, to resume; default zeros. */
  token?: Uint8Array
  signal?: AbortSignal
}

/** What the bootstrap established. */
export interface SessionInfo {
  /** The 64-byte token from the bootstrap reply (keep it to resume). */
  token: Uint8Array
  /** The reply's `reserved` u16 (pymt5 calls it the server build). */
  serverBuild: number
  /** Session key length in bytes (16, 24 or 32). */
  keyLength: number
}

/** Options of {@link Transport.request}. */
export interface TransportRequestOptions {
  /** Override the timeout; 0 = none. */
  timeoutMs?: number
  signal?: AbortSignal
}

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000
const CLOSE_WAIT_MS = 1_000
const DEFAULT_COMMAND_TIMEOUTS: Readonly<Record<number, number>> = {
  [Command.subscribeTicks]: 0,
  [Command.subscribeBook]: 0,
}

/** Binary WebSocket transport of the MT5 Web Terminal protocol. */
export class Transport extends EventEmitter<TransportEvents> {
  readonly #options: TransportOptions
  readonly #clock: Clock
  readonly #limiter: RateLimiter
  readonly #table: RequestTable
  /** Listeners per command; each array is replaced, never mutated, so dispatch needs no copy. */
  readonly #pushListeners = new Map<number, readonly PushListener[]>()
  #state: TransportState = 'disconnected'
  #socket: WebSocketLike | undefined
  #cipher: FrameCipher | undefined
  #session: SessionInfo | undefined
  #abortConnect: ((error: unknown) => void) | undefined
  #lastSocketError: unknown
  /** Bumped by every connect and close, so a superseded connect attempt notices. */
  #generation = 0
  #cipherFactory: CipherFactory | undefined
  readonly #maxFrameBytes: number

  constructor(options: TransportOptions = {}) {
    super()
    this.#options = options
    this.#maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES
    this.#clock = options.clock ?? systemClock
    const rate = options.rateLimit
    this.#limiter = rate === undefined ? unlimited : 'acquire' in rate ? rate : createRateLimiter(rate)
    // The defaults are shared, not copied per transport, when no per-command timeouts are given.
    const timeouts =
      options.commandTimeoutsMs === undefined
        ? DEFAULT_COMMAND_TIMEOUTS
        : { ...DEFAULT_COMMAND_TIMEOUTS, ...options.commandTimeoutsMs }
    const fallback = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.#table = new RequestTable({
      transmit: (command, payload, signal) => this.#transmit(command, payload, signal),
      defaultTimeoutMs: (command) => timeouts[command] ?? fallback,
      clock: this.#clock,
      // the signal only cancels a rate-limiter wait
      signals: this.#limiter !== unlimited,
    })
  }

  /** Current state. */
  get state(): TransportState {
    return this.#state
  }

  /** The bootstrap result of the current session, once `ready`. */
  get session(): SessionInfo | undefined {
    return this.#session
  }

  /** The 64-byte resume token of the last bootstrap. */
  get token(): Uint8Array | undefined {
    return this.#session?.token
  }

  /** The `reserved` u16 of the last bootstrap reply. */
  get serverBuild(): number | undefined {
    return this.#session?.serverBuild
  }

  /** Requests pending (in flight + queued); 0 when idle. */
  get pendingRequests(): number {
    return this.#table.size
  }

  /** Opens the socket and runs the bootstrap; resolves once `ready`. */
  async connect(options: ConnectOptions): Promise<SessionInfo> {
    if (this.#state !== 'disconnected' && this.#state !== 'error') {
      throw new SessionError(`cannot connect while ${this.#state}`)
    }
    const { signal } = options
    if (signal?.aborted) throw new AbortedError('connect aborted', { cause: signal.reason })
    const payload = encodeBootstrapRequest(options.token)
    this.#session = undefined
    this.#cipher = undefined
    this.#lastSocketError = undefined
    this.#setState('connecting')
    const generation = ++this.#generation
    let socket: WebSocketLike | undefined
    try {
      this.#cipherFactory ??= await resolveCipher(this.#options.cipher)
      socket = await openSocket({
        url: options.url,
        maxPayload: this.#maxFrameBytes,
        ...(options.origin === undefined ? {} : { origin: options.origin }),
        ...(this.#options.WebSocket === undefined ? {} : { WebSocket: this.#options.WebSocket }),
      })
      if (generation !== this.#generation) {
        this.#discard(socket)
        throw new SessionError('transport closed while connecting')
      }
      this.#socket = socket
      const reply = await this.#bootstrap(socket, payload, signal)
      this.#cipher = createCipher(reply.sessionKey, this.#cipherOptions())
      this.#session = {
        token: reply.token,
        serverBuild: reply.reserved,
        keyLength: reply.sessionKey.length,
      }
      this.#attach(socket)
      this.#setState('ready')
      return this.#session
    } catch (error) {
      // While `closing`, close() owns the socket and settles the state.
      if (generation === this.#generation && this.state === 'connecting') {
        if (socket) this.#discard(socket)
        this.#setState('error')
      }
      throw error instanceof Mt5Error ? error : new MT5ConnectionError('connect failed', { cause: error })
    }
  }

  /**
   * Sends a request and resolves with its reply (code 0). Non-zero code → `ServerError`; no reply
   * in time → `MT5TimeoutError`; id outside the allow-list → `ProtocolError` (nothing sent);
   * not ready → `SessionError` (nothing sent); `close()` → `AbortedError` (or the `reason` given to
   * it); socket drop → `MT5ConnectionError`. Only `SessionError` and `ProtocolError` prove that the
   * frame never left: after any other rejection the server may have acted on it.
   */
  request(command: number, payload: Uint8Array, options: TransportRequestOptions = {}): Promise<Reply> {
    const refused = this.#refuse(command)
    if (refused) return Promise.reject(refused)
    return this.#table.add(command, payload, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
  }

  /** Sends a frame without waiting for a reply (rate limiter applies). Resolves once sent. */
  async send(command: number, payload: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<void> {
    const refused = this.#refuse(command)
    if (refused) throw refused
    await this.#transmit(command, payload, options.signal)
  }

  /** Listens to every frame of `command` (pushes and replies alike). Returns the unsubscribe function. */
  onPush(command: number, listener: PushListener): () => void {
    const current = this.#pushListeners.get(command) ?? []
    // concat, not a spread: the new array has no spare capacity (kept per command, per connection)
    if (!current.includes(listener)) this.#pushListeners.set(command, current.concat(listener))
    return () => {
      const now = this.#pushListeners.get(command)
      if (!now?.includes(listener)) return
      const rest = now.filter((l) => l !== listener)
      if (rest.length === 0) this.#pushListeners.delete(command)
      else this.#pushListeners.set(command, rest)
    }
  }

  /**
   * Closes the socket; every pending and queued request, and a connect in progress, fails with
   * `reason`: by default an `AbortedError` (the caller cancelled them, docs/errors.md); the client
   * passes an `MT5ConnectionError` when it closes a socket it declared dead (heartbeat), so that
   * such requests fail as at any other drop (docs/events-and-reconnect.md).
   */
  async close(reason: Mt5Error = new AbortedError('transport closed')): Promise<void> {
    if (this.#state === 'disconnected' || this.#state === 'closing') return
    if (this.#state === 'error') {
      this.#setState('disconnected')
      return
    }
    this.#setState('closing')
    this.#generation += 1
    this.#abortConnect?.(reason)
    this.#table.rejectAll(reason)
    const socket = this.#socket
    if (socket) await this.#closeSocket(socket)
    this.#socket = undefined
    this.#cipher = undefined
    this.#setState('disconnected')
    this.emit('close', undefined)
  }

  #cipherOptions(): { impl?: CipherFactory } {
    return this.#cipherFactory === undefined ? {} : { impl: this.#cipherFactory }
  }

  #refuse(command: number): Mt5Error | undefined {
    if (!isAllowedCommand(command)) {
      return new ProtocolError(`command ${command} is not in the official allow-list`, { field: 'command' })
    }
    if (this.#state !== 'ready') return new SessionError(`transport is ${this.#state}, not ready`)
    return undefined
  }

  #transmit(command: number, payload: Uint8Array, signal: AbortSignal | undefined): void | Promise<void> {
    if (this.#limiter === unlimited) return this.#sendNow(command, payload)
    return this.#limiter.acquire(signal).then(() => this.#sendNow(command, payload))
  }

  #sendNow(command: number, payload: Uint8Array): void {
    const socket = this.#socket
    const cipher = this.#cipher
    if (this.#state !== 'ready' || !socket || !cipher) {
      throw new SessionError(`transport is ${this.#state}, not ready`)
    }
    try {
      socket.send(encodeRequestFrame(cipher, command, payload))
    } catch (cause) {
      if (cause instanceof Mt5Error) throw cause
      throw new MT5ConnectionError(`failed to send command ${command}`, { cause })
    }
  }

  #bootstrap(
    socket: WebSocketLike,
    payload: Uint8Array,
    signal: AbortSignal | undefined,
  ): Promise<BootstrapReply> {
    const initial = createCipher(INITIAL_KEY, this.#cipherOptions())
    const timeoutMs = this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
    return new Promise<BootstrapReply>((resolve, reject) => {
      let done = false
      const finish = (error: unknown, reply?: BootstrapReply) => {
        if (done) return
        done = true
        if (timer !== undefined) this.#clock.clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        this.#abortConnect = undefined
        if (reply) resolve(reply)
        else reject(error)
      }
      const onAbort = () => finish(new AbortedError('connect aborted', { cause: signal?.reason }))
      const timer =
        timeoutMs > 0
          ? this.#clock.setTimeout(
              () =>
                finish(
                  new MT5ConnectionError(`bootstrap not completed within ${timeoutMs} ms`, {
                    cause: new MT5TimeoutError(Command.bootstrap, timeoutMs),
                  }),
                ),
              timeoutMs,
            )
          : undefined
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#abortConnect = (error) => finish(error)
      socket.onerror = (event) => {
        this.#lastSocketError = event
      }
      socket.onclose = (event) =>
        finish(
          new MT5ConnectionError(`socket closed during bootstrap (code ${event.code})`, {
            cause: socketCause(this.#lastSocketError, event),
          }),
        )
      const sendBootstrap = () => {
        this.#limiter.acquire(signal).then(
          () => {
            if (done) return
            try {
              socket.send(encodeRequestFrame(initial, Command.bootstrap, payload))
            } catch (cause) {
              finish(new MT5ConnectionError('failed to send the bootstrap', { cause }))
            }
          },
          (error: unknown) => finish(error),
        )
      }
      if (socket.readyState === WS_OPEN) sendBootstrap()
      else socket.onopen = sendBootstrap
      socket.onmessage = (event) => {
        const bytes = messageBytes(event.data)
        if (!bytes) return
        try {
          const frame = decodeResponseFrame(initial, bytes)
          if (frame.command !== Command.bootstrap) {
            throw new ProtocolError(`expected the bootstrap reply (cmd 0), got cmd ${frame.command}`, {
              schema: 'cmd 0 bootstrap',
            })
          }
          if (frame.code !== 0) {
            throw new ServerError(0, frame.code, `bootstrap refused with code ${frame.code}`)
          }
          finish(undefined, decodeBootstrapReply(frame.body))
        } catch (cause) {
          finish(new MT5ConnectionError('bootstrap failed', { cause }))
        }
      }
    })
  }

  #attach(socket: WebSocketLike): void {
    socket.onopen = null
    socket.onerror = (event) => {
      this.#lastSocketError = event
    }
    socket.onmessage = (event) => {
      if (socket !== this.#socket) return
      this.#receive(event.data)
    }
    socket.onclose = (event) => {
      if (socket !== this.#socket || this.#state !== 'ready') return
      let cause = socketCause(this.#lastSocketError, event)
      if (event.code === WS_MESSAGE_TOO_BIG || isTooBig(cause)) {
        cause = this.#tooBig(undefined, cause)
        this.#report(cause as ProtocolError)
      }
      const error = new MT5ConnectionError(`connection lost (code ${event.code})`, { cause })
      this.#socket = undefined
      this.#cipher = undefined
      this.#detach(socket)
      this.#table.rejectAll(error)
      this.#setState('error')
      this.emit('close', error)
    }
  }

  #receive(data: unknown): void {
    const cipher = this.#cipher
    const bytes = messageBytes(data)
    if (!bytes || !cipher) return
    if (bytes.byteLength > this.#maxFrameBytes) {
      // only reached with a WebSocket other than `ws` (which refuses it before buffering)
      this.#report(this.#tooBig(bytes.byteLength))
      return
    }
    let command: number
    let code: number
    let body: Uint8Array
    try {
      ;({ command, code, body } = decodeResponseFrame(cipher, bytes))
    } catch (error) {
      this.#report(
        error instanceof ProtocolError ? error : new ProtocolError('malformed frame', {}, { cause: error }),
      )
      return
    }
    this.#table.settle(command, code, body)
    try {
      this.emit('push', command, body, code)
    } catch (error) {
      this.#report(error)
    }
    const listeners = this.#pushListeners.get(command)
    if (!listeners) return
    // A listener added or removed meanwhile replaces the array: this loop sees the frame's set.
    for (const listener of listeners) {
      try {
        listener(body, code, command)
      } catch (error) {
        this.#report(error)
      }
    }
  }

  #tooBig(size: number | undefined, cause?: unknown): ProtocolError {
    const what = size === undefined ? 'a frame' : `a frame of ${size} bytes`
    return new ProtocolError(
      `${what} exceeds maxFrameBytes (${this.#maxFrameBytes} bytes): refused`,
      { field: 'frame length' },
      cause === undefined ? {} : { cause },
    )
  }

  #report(error: unknown): void {
    const value = error instanceof Error ? error : new Error(String(error))
    try {
      this.emit('error', value)
    } catch {
      // An `error` listener that throws must not break the receive loop either.
    }
  }

  #setState(state: TransportState): void {
    const previous = this.#state
    if (previous === state) return
    this.#state = state
    try {
      this.emit('stateChange', state, previous)
      this.emit('state', state, previous)
    } catch (error) {
      this.#report(error)
    }
  }

  #detach(socket: WebSocketLike): void {
    socket.onopen = null
    socket.onmessage = null
    socket.onerror = null
    socket.onclose = null
  }

  #discard(socket: WebSocketLike): void {
    if (socket === this.#socket) this.#socket = undefined
    this.#detach(socket)
    socket.onerror = () => {}
    try {
      socket.close()
    } catch {
      // Closing a socket that never opened may throw in some implementations.
    }
  }

  #closeSocket(socket: WebSocketLike): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = this.#clock.setTimeout(done, CLOSE_WAIT_MS)
      function done(): void {
        resolve()
      }
      socket.onmessage = null
      socket.onopen = null
      socket.onerror = () => {}
      socket.onclose = () => {
        this.#clock.clearTimeout(timer)
        socket.onclose = null
        resolve()
      }
      try {
        socket.close(1000)
      } catch {
        this.#clock.clearTimeout(timer)
        resolve()
      }
      if (socket.readyState === 3) {
        this.#clock.clearTimeout(timer)
        resolve()
      }
    })
  }
}

/** `ws` refusing a message over `maxPayload` (it then closes with 1009 or 1006, depending on timing). */
function isTooBig(cause: unknown): boolean {
  return (
    typeof cause === 'object' &&
    cause !== null &&
    (cause as { code?: unknown }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
  )
}

function socketCause(lastError: unknown, event: { code: number; reason: string }): unknown {
  if (lastError && typeof lastError === 'object' && 'error' in lastError && lastError.error)
    return lastError.error
  if (lastError instanceof Error) return lastError
  return new Error(`socket closed with code ${event.code}${event.reason ? `: ${event.reason}` : ''}`)
}

/** Creates a {@link Transport}. */
export function createTransport(options: TransportOptions = {}): Transport {
  return new Transport(options)
}
