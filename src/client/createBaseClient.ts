/**
 * The bare client: a plain object with the connection lifecycle (socket, bootstrap, login),
 * heartbeat, auto-reconnect, health, requests and typed events. Feature modules are added with
 * `extend(decorator)` (STYLE "Features are functions, not mixins").
 *
 * Credentials live only in the session closure (`session.ts`): they are not properties of the
 * client, never logged and never part of an error; `util.inspect(client)` prints a summary.
 */
import { EventEmitter } from 'eventemitter3'
import { MT5ConnectionError, type Mt5Error, SessionError } from '../errors.js'
import { Command } from '../protocol/commands.js'
import type { WebSocketConstructor } from '../transport/socket.js'
import { createTransport, type PushListener, type Transport } from '../transport/transport.js'
import { createHealthMonitor } from './health.js'
import { startHeartbeat } from './heartbeat.js'
import { resolveOptions, validateOptions } from './options.js'
import { backoffDelayMs, sleep } from './reconnect.js'
import {
  createSession,
  isAuthFailure,
  KNOWN_SERVER_BUILDS,
  type LoginMode,
  loginError,
  resolveClientId,
} from './session.js'
import type {
  BaseClient,
  ClientEvents,
  ClientOptions,
  ClientState,
  ClientStatus,
  HealthReport,
} from './types.js'

const EMPTY = new Uint8Array(0)
const LOGOUT_TIMEOUT_MS = 2_000
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')

type Listener = (...args: never[]) => void

/**
 * Creates the bare client (no feature modules).
 *
 * @example
 * ```ts
 * const client = createBaseClient({ server: 'wss://host/terminal', login: 123, password: 'secret' })
 * await client.connect()
 * ```
 * @throws ValidationError naming every bad option.
 */
export function createBaseClient(input: ClientOptions): BaseClient {
  const options = validateOptions(input)
  const resolved = resolveOptions(options)
  const { password, otp, ...publicOptions } = options
  const session = createSession(resolved.login, password, otp)
  const logger = resolved.logger
  const events = new EventEmitter<ClientEvents>()
  const transport = createTransport({
    connectTimeoutMs: resolved.connectTimeoutMs,
    requestTimeoutMs: resolved.timeoutMs,
    ...(options.maxFrameBytes === undefined ? {} : { maxFrameBytes: options.maxFrameBytes }),
    ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket as WebSocketConstructor }),
    ...(options.rateLimit === undefined
      ? {}
      : {
          rateLimit: {
            ratePerSecond: options.rateLimit.perSecond,
            ...(options.rateLimit.burst === undefined ? {} : { burst: options.rateLimit.burst }),
          },
        }),
  })
  const health = createHealthMonitor(resolved.health)
  const state: ClientState = {
    modules: new Map(),
    afterLogin: [],
    symbolsById: new Map(),
    reportError: (error) => reportError(error),
    passwordChanged: (current, next) => session.passwordChanged(current, next),
    onFrames: (commands, listener) => onPushes(transport, commands, okFrames(listener)),
  }
  /** user listener → event → wrapper, so `off` finds the wrapper. */
  // Both created on first use: a client nobody listens to through `on`/`once` keeps neither.
  let wrappers: WeakMap<Listener, Map<keyof ClientEvents, Listener>> | undefined
  /** user listener → event → the wrapper registered by `once` (apart: `on` and `once` may share a function). */
  let onceWrappers: WeakMap<Listener, Map<keyof ClientEvents, Listener>> | undefined

  let status: ClientStatus = 'disconnected'
  let serverBuild: number | undefined
  let warnedBuild = false
  let stopHeartbeat: (() => void) | undefined
  let healthTimer: ReturnType<typeof setInterval> | undefined
  let reconnectAbort: AbortController | undefined
  let closing: Promise<void> | undefined
  let loginCount = 0
  /** Bumped by close/logout: a connect or reconnect of an older generation gives up. */
  let generation = 0
  const cid = resolveClientId(options.clientId)

  // ---- events -------------------------------------------------------------------------------

  function reportError(error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error))
    if (events.listenerCount('error') === 0) {
      logger.warn({ err: describe(err) }, 'mt5web: unhandled client error')
      return
    }
    try {
      events.emit('error', err)
    } catch (inner) {
      logger.error({ err: describe(inner) }, 'mt5web: an error listener threw')
    }
  }

  function emit<E extends keyof ClientEvents>(event: E, ...args: ClientEvents[E]): void {
    try {
      ;(events.emit as (event: E, ...args: ClientEvents[E]) => boolean)(event, ...args)
    } catch (error) {
      if (event === 'error') logger.error({ err: describe(error) }, 'mt5web: an error listener threw')
      else reportError(error)
    }
  }

  function wrap<E extends keyof ClientEvents>(event: E, listener: Listener): Listener {
    wrappers ??= new WeakMap()
    let byEvent = wrappers.get(listener)
    if (!byEvent) {
      byEvent = new Map()
      wrappers.set(listener, byEvent)
    }
    const existing = byEvent.get(event)
    if (existing) return existing
    const wrapper = guard(event, listener)
    byEvent.set(event, wrapper)
    return wrapper
  }

  /** `listener` with its exceptions reported instead of thrown into the emitter. */
  function guard(event: keyof ClientEvents, listener: Listener): Listener {
    // Every client event has at most one argument (ClientEvents): no rest/spread per call (an
    // event without one passes `undefined`).
    return (arg?: never): void => {
      try {
        listener(arg as never)
      } catch (error) {
        if (event === 'error') logger.error({ err: describe(error) }, 'mt5web: an error listener threw')
        else reportError(error)
      }
    }
  }

  function setStatus(next: ClientStatus): void {
    if (status === next) return
    status = next
    logger.debug({ status: next }, 'mt5web: status')
    emit('status', next)
  }

  // ---- transport wiring (once per client: no duplicate listeners after reconnects) ----------

  transport.on('error', (error) => reportError(error))
  transport.on('push', () => health.touch())
  transport.on('close', (error) => {
    if (error) onDrop(error)
  })

  function onDrop(error: Error): void {
    if (status !== 'loggedIn') return // a connect in progress reports its own failure
    stopTimers()
    health.loggedOut()
    logger.warn({ err: describe(error) }, 'mt5web: connection lost')
    emit('disconnect', { expected: false, error })
    if (resolved.reconnect === false) {
      setStatus('disconnected')
      return
    }
    startReconnect(error)
  }

  /** Closes a socket declared dead: its pending requests fail with `error`, as at any drop. */
  function dropConnection(error: MT5ConnectionError): void {
    if (status !== 'loggedIn') return
    void closeTransport(error)
    onDrop(error)
  }

  /** Closes the socket; pending requests fail with `reason` (default: `AbortedError`, see `Transport.close`). */
  function closeTransport(reason?: Mt5Error): Promise<void> {
    if (transport.state === 'disconnected') return Promise.resolve()
    if (closing) return closing
    const done = transport.close(reason).finally(() => {
      if (closing === done) closing = undefined
    })
    closing = done
    return done
  }

  async function idleTransport(): Promise<void> {
    if (closing) await closing
    if (transport.state === 'ready' || transport.state === 'connecting') await closeTransport()
  }

  // ---- heartbeat and health -----------------------------------------------------------------

  function startTimers(): void {
    stopTimers()
    stopHeartbeat = startHeartbeat({
      intervalMs: resolved.heartbeatIntervalMs,
      timeoutMs: resolved.heartbeatTimeoutMs,
      ping: async () => {
        await transport.request(Command.ping, EMPTY, { timeoutMs: resolved.heartbeatTimeoutMs })
      },
      onLatency: (ms) => {
        health.latency(ms)
        checkHealth()
      },
      onPingError: (error) => logger.debug({ err: describe(error) }, 'mt5web: ping failed'),
      onDead: (silentForMs) => {
        logger.warn({ silentForMs }, 'mt5web: no ping answered, closing the socket')
        dropConnection(new MT5ConnectionError(`no ping answered for ${silentForMs} ms`))
      },
    })
    healthTimer = setInterval(checkHealth, Math.min(resolved.heartbeatIntervalMs, 1_000))
  }

  function stopTimers(): void {
    stopHeartbeat?.()
    stopHeartbeat = undefined
    if (healthTimer !== undefined) clearInterval(healthTimer)
    healthTimer = undefined
  }

  function checkHealth(): void {
    const report = health.check(status)
    if (report) {
      logger.warn({ health: report }, 'mt5web: connection health degraded')
      emit('healthDegraded', report)
    }
  }

  // ---- connect and login --------------------------------------------------------------------

  function assertCurrent(gen: number): void {
    if (gen !== generation) throw new SessionError('the client was closed while connecting')
  }

  /** Socket + bootstrap + login. `mode` resume uses the stored tokens. */
  async function establish(mode: LoginMode, gen: number, signal: AbortSignal | undefined): Promise<void> {
    await idleTransport()
    assertCurrent(gen)
    const token = mode === 'resume' ? session.bootstrapToken : undefined
    const info = await transport.connect({
      url: resolved.server,
      ...(options.origin === undefined ? {} : { origin: options.origin }),
      ...(token === undefined ? {} : { token }),
      ...(signal === undefined ? {} : { signal }),
    })
    assertCurrent(gen)
    session.bootstrapToken = info.token
    noteServerBuild(info.serverBuild)
    if (status === 'connecting') setStatus('connected')
    await loginOnSocket(mode, gen, signal)
  }

  async function loginOnSocket(mode: LoginMode, gen: number, signal: AbortSignal | undefined): Promise<void> {
    const payload = session.loginPayload(await cid, mode)
    let body: Uint8Array
    try {
      const reply = await transport.request(Command.login, payload, signal === undefined ? {} : { signal })
      body = reply.body
    } catch (error) {
      throw loginError(error)
    }
    assertCurrent(gen)
    session.accept(body)
    loginCount += 1
    health.loggedIn()
    setStatus('loggedIn')
    startTimers()
    logger.info({ login: String(resolved.login), serverBuild }, 'mt5web: logged in')
    emit('connect')
    if (loginCount > 1) await runAfterLogin()
  }

  function noteServerBuild(build: number): void {
    serverBuild = build
    if (!warnedBuild && !KNOWN_SERVER_BUILDS.has(build)) {
      warnedBuild = true
      logger.warn(
        { serverBuild: build, known: [...KNOWN_SERVER_BUILDS] },
        'mt5web: unknown server build, the protocol may differ',
      )
    }
  }

  async function runAfterLogin(): Promise<void> {
    for (const hook of [...state.afterLogin]) {
      try {
        await hook()
      } catch (error) {
        reportError(error)
      }
    }
  }

  async function connectFresh(signal: AbortSignal | undefined): Promise<void> {
    if (status === 'loggedIn') return
    if (
      status === 'connecting' ||
      status === 'connected' ||
      status === 'reconnecting' ||
      status === 'closing'
    ) {
      throw new SessionError(`cannot connect while ${status}`)
    }
    const gen = ++generation
    setStatus('connecting')
    try {
      await establish('full', gen, signal)
    } catch (error) {
      if (gen === generation) {
        await closeTransport()
        setStatus('disconnected')
      }
      throw error
    }
  }

  // ---- reconnect ----------------------------------------------------------------------------

  function startReconnect(cause: Error): void {
    const policy = resolved.reconnect
    if (policy === false) return
    const controller = new AbortController()
    reconnectAbort = controller
    const gen = ++generation
    setStatus('reconnecting')
    void (async () => {
      let lastError: unknown = cause
      for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
        const delayMs = backoffDelayMs(attempt, policy)
        emit('reconnecting', { attempt, delayMs })
        try {
          await sleep(delayMs, controller.signal)
          await resume(gen, controller.signal)
        } catch (error) {
          if (controller.signal.aborted || gen !== generation) return
          if (isAuthFailure(error)) {
            // The credentials themselves were refused (by a full login): retrying cannot succeed
            // and risks locking the account, so stop as the official client does.
            await stopOnAuthFailure(gen, error)
            return
          }
          lastError = error
          logger.warn({ attempt, err: describe(error) }, 'mt5web: reconnect attempt failed')
          continue
        }
        if (gen !== generation) return
        reconnectAbort = undefined
        health.reconnected()
        logger.info({ attempt }, 'mt5web: reconnected')
        emit('reconnect', { attempt })
        return
      }
      if (gen !== generation) return
      reconnectAbort = undefined
      await closeTransport()
      setStatus('disconnected')
      reportError(
        new MT5ConnectionError(`reconnect gave up after ${policy.maxAttempts} attempts`, {
          cause: lastError,
        }),
      )
    })()
  }

  async function stopOnAuthFailure(gen: number, error: Error): Promise<void> {
    reconnectAbort = undefined
    session.forget()
    await closeTransport()
    if (gen !== generation) return
    generation += 1
    health.loggedOut()
    logger.warn({ err: describe(error) }, 'mt5web: login refused while reconnecting, giving up')
    setStatus('disconnected')
    emit('disconnect', { expected: false, error })
    reportError(error)
  }

  /** Official resume (previous bootstrap token + password token + session id), else a fresh login. */
  async function resume(gen: number, signal: AbortSignal): Promise<void> {
    if (session.canResume) {
      try {
        await establish('resume', gen, signal)
        return
      } catch (error) {
        if (signal.aborted || gen !== generation) throw error
        logger.info({ err: describe(error) }, 'mt5web: resume refused, logging in afresh')
        session.forget()
      }
    }
    await establish('full', gen, signal)
  }

  function cancelReconnect(): void {
    reconnectAbort?.abort(new SessionError('the client was closed'))
    reconnectAbort = undefined
  }

  // ---- logout and close ---------------------------------------------------------------------

  async function endSession(final: ClientStatus): Promise<void> {
    const wasUp = status === 'loggedIn' || status === 'connected'
    const wasLoggedIn = status === 'loggedIn'
    generation += 1
    cancelReconnect()
    stopTimers()
    // A later login is a full one: no password token or session id outlives the session.
    session.forget()
    if (status === final) return
    setStatus('closing')
    if (wasLoggedIn && transport.state === 'ready') {
      try {
        await transport.request(Command.logout, EMPTY, {
          timeoutMs: Math.min(resolved.timeoutMs || LOGOUT_TIMEOUT_MS, LOGOUT_TIMEOUT_MS),
        })
      } catch (error) {
        logger.debug({ err: describe(error) }, 'mt5web: logout request failed')
      }
    }
    await closeTransport()
    health.loggedOut()
    setStatus(final)
    if (wasUp) emit('disconnect', { expected: true })
  }

  // ---- the client object --------------------------------------------------------------------

  // Named functions, not methods with symbol keys: such a method's name ('[Symbol.asyncDispose]')
  // is a string built for every client.
  function dispose(): Promise<void> {
    return endSession('closed')
  }

  function inspect(): string {
    return `Mt5Client { server: ${JSON.stringify(resolved.server)}, login: ${resolved.login}, status: '${status}' }`
  }

  const client: BaseClient & { [inspectSymbol]: () => string } = {
    options: Object.freeze({ ...publicOptions }),
    events,
    on(event, listener) {
      events.on(event, wrap(event, listener as Listener) as never)
      return this
    },
    once(event, listener) {
      const user = listener as Listener
      const guarded = guard(event, user)
      const wrapper = (...args: never[]): void => {
        if (onceWrappers?.get(user)?.get(event) === wrapper) onceWrappers.get(user)?.delete(event)
        guarded(...args)
      }
      onceWrappers ??= new WeakMap()
      let byEvent = onceWrappers.get(user)
      if (!byEvent) {
        byEvent = new Map()
        onceWrappers.set(user, byEvent)
      }
      byEvent.set(event, wrapper)
      events.once(event, wrapper as never)
      return this
    },
    off(event, listener) {
      if (listener === undefined) {
        events.removeAllListeners(event)
        return this
      }
      const wrapper = wrappers?.get(listener as Listener)?.get(event)
      const onceWrapper = onceWrappers?.get(listener as Listener)?.get(event)
      if (wrapper) {
        events.off(event, wrapper as never)
        wrappers?.get(listener as Listener)?.delete(event)
      }
      if (onceWrapper) {
        events.off(event, onceWrapper as never)
        onceWrappers?.get(listener as Listener)?.delete(event)
      }
      if (!wrapper && !onceWrapper) events.off(event, listener as never)
      return this
    },
    get status() {
      return status
    },
    get serverBuild() {
      return serverBuild
    },
    connect(connectOptions = {}) {
      return connectFresh(connectOptions.signal)
    },
    async login() {
      if (status === 'loggedIn') return
      if (status === 'connected' && transport.state === 'ready') {
        await loginOnSocket('full', generation, undefined)
        return
      }
      await connectFresh(undefined)
    },
    logout() {
      return endSession('disconnected')
    },
    close() {
      return endSession('closed')
    },
    [Symbol.asyncDispose]: dispose,
    health(): HealthReport {
      return health.report(status)
    },
    async request(command, payload = EMPTY, requestOptions = {}) {
      if (status !== 'loggedIn' && status !== 'connected') {
        throw new SessionError(`cannot send command ${command} while ${status}`)
      }
      const reply = await transport.request(command, payload, {
        ...(requestOptions.timeoutMs === undefined ? {} : { timeoutMs: requestOptions.timeoutMs }),
        ...(requestOptions.signal === undefined ? {} : { signal: requestOptions.signal }),
      })
      return reply.body
    },
    onFrame(command, listener) {
      return transport.onPush(command, (body, code) => {
        if (code === 0) listener(body)
      })
    },
    extend<T extends object>(decorator: (c: typeof client) => T) {
      const extension = decorator(client)
      Object.defineProperties(client, Object.getOwnPropertyDescriptors(extension))
      return client as typeof client & T
    },
    state,
    [inspectSymbol]: inspect,
  }
  Object.defineProperty(client, 'state', { enumerable: false })
  return client
}

/**
 * `listener` for the frames with code 0. Module-level (as {@link onPushes}): a closure made inside
 * `createBaseClient` would share, and so keep, the context of every other closure made beside it.
 */
function okFrames(listener: (body: Uint8Array, command: number) => void): PushListener {
  return (body, code, command) => {
    if (code === 0) listener(body, command)
  }
}

/** Registers `listener` for every command; the disposers are kept only by the returned function. */
function onPushes(transport: Transport, commands: readonly number[], listener: PushListener): () => void {
  const offs = commands.map((command) => transport.onPush(command, listener))
  return () => {
    for (const off of offs) off()
  }
}

/** A loggable description of an error (name, code, message) without payloads. */
function describe(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) }
  }
  return { name: 'Error', message: String(error) }
}
