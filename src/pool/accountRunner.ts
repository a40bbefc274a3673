/**
 * One account of a pool: its client, its pool status, the first connection with retries (the
 * client reconnects by itself only after it was logged in once), and the decision to give up.
 *
 * Status comes from the client's own `status` events, so a reconnect done by the client shows in
 * the pool without polling. Giving up: a login refused for its credentials (wrong password,
 * account disabled, OTP) is never retried — retrying cannot succeed and risks locking the
 * account — and a reconnect policy that ran out of attempts stops too.
 */
import type { LimitFunction } from 'p-limit'
import { createClient } from '../client/createClient.js'
import { backoffDelayMs, sleep } from '../client/reconnect.js'
import { isAuthFailure } from '../client/session.js'
import type { ClientOptions, ClientStatus, Logger } from '../client/types.js'
import { isMt5Error, MT5ConnectionError, type Mt5Error } from '../errors.js'
import { CLIENT_EVENT_NAMES } from './clientEventNames.js'
import type {
  PoolAccount,
  PoolAccountHealth,
  PoolAccountStatus,
  PoolConnectResult,
  PoolEvents,
  PoolGaveUp,
} from './types.js'

/** How a runner talks back to its pool. @internal */
export interface RunnerHooks {
  /** The pool's limiter of first connection attempts (bounded concurrency across accounts). */
  limit: LimitFunction
  /**
   * The limiter of retries, apart: a broker that is down or hangs keeps its accounts retrying for
   * ever, and they must not take the slots of accounts connecting for the first time.
   */
  retryLimit: LimitFunction
  emit<E extends keyof PoolEvents>(event: E, ...args: PoolEvents[E]): void
  logger: Logger
  /** Called after each login of the account's client (first one and every reconnect). */
  onLogin(account: PoolAccount): void
}

/** An account and its lifecycle. @internal */
export interface AccountRunner {
  readonly account: PoolAccount
  /** Starts connecting (once); resolves when the first attempt ended. Retries go on in the background. */
  start(): Promise<PoolConnectResult>
  /** Stops retrying, logs out, closes the client; the account is `closed`. */
  stop(): Promise<void>
  health(): PoolAccountHealth
}

/** Default backoff of the pool's own retries when the account's policy leaves it open. */
const RETRY_DEFAULTS = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 1_000, maxDelayMs: 30_000 }

/** Creates the runner of one account. @throws ValidationError for bad client options. */
export function createAccountRunner(key: string, options: ClientOptions, hooks: RunnerHooks): AccountRunner {
  const client = createClient(options)
  const login = String(options.login)
  const server = options.server
  let status: PoolAccountStatus = 'idle'
  let gaveUp: PoolGaveUp | undefined
  /** Latest error the client reported since its last login (a drop, a refused login, retries exhausted). */
  let lastError: unknown
  /** The client's last disconnect was asked for (`client.logout()` / `close()` called directly). */
  let stoppedByUser = false
  /** True while the pool itself runs `client.connect()`: its failure is handled by the attempt. */
  let attempting = false
  let started: Promise<PoolConnectResult> | undefined
  const stopper = new AbortController()

  const account: PoolAccount = {
    key,
    login,
    server,
    client,
    get status() {
      return status
    },
    get gaveUp() {
      return gaveUp
    },
  }

  function setStatus(next: PoolAccountStatus): void {
    if (status === next || status === 'closed') return
    status = next
    hooks.emit('accountStatus', account, next)
  }

  function giveUp(error: unknown): void {
    if (status === 'closed' || status === 'failed') return
    const err = asMt5Error(error)
    gaveUp = { code: err.code, message: err.message }
    hooks.logger.warn(
      { account: key, err: { code: err.code, message: err.message } },
      'mt5web: pool account gave up',
    )
    setStatus('failed')
    hooks.emit('accountGaveUp', account, err)
  }

  // ---- the client's events, re-emitted with the account first ------------------------------

  const detach: Array<() => void> = []
  for (const name of CLIENT_EVENT_NAMES) {
    const listener = (...args: unknown[]): void => {
      ;(hooks.emit as (event: string, ...rest: unknown[]) => void)(name, account, ...args)
    }
    client.on(name, listener as never)
    detach.push(() => client.off(name, listener as never))
  }
  client.on('error', (error) => {
    lastError = error
  })
  client.on('disconnect', (info) => {
    stoppedByUser = info.expected
    if (info.error) lastError = info.error
  })
  client.on('status', (next) => onClientStatus(next))
  client.on('connect', () => hooks.onLogin(account))

  function onClientStatus(next: ClientStatus): void {
    if (status === 'closed' || status === 'failed') return
    if (next === 'loggedIn') {
      lastError = undefined
      stoppedByUser = false
      setStatus('connected')
    } else if (next === 'reconnecting') setStatus('reconnecting')
    else if (next === 'closed' && !stopper.signal.aborted) setStatus('closed')
    else if (next === 'disconnected' && !attempting) {
      // The client reports why (disconnect / error events) right after this status, in the same
      // turn: decide once they are in.
      queueMicrotask(() => onClientStopped())
    }
  }

  /** The client stopped on its own (credentials refused, reconnect off or exhausted) or was logged out. */
  function onClientStopped(): void {
    if (status === 'closed' || status === 'failed' || client.status !== 'disconnected') return
    if (stoppedByUser) {
      // `account.client.logout()` called directly: nothing failed; `client.login()` resumes it.
      setStatus('idle')
      return
    }
    giveUp(lastError ?? new MT5ConnectionError('the connection ended and the client does not reconnect'))
  }

  // ---- first connection, with retries --------------------------------------------------------

  async function attempt(limit: LimitFunction): Promise<void> {
    await limit(async () => {
      if (stopper.signal.aborted) return
      setStatus(status === 'idle' ? 'connecting' : status)
      attempting = true
      try {
        await client.connect({ signal: stopper.signal })
      } finally {
        attempting = false
      }
    })
  }

  async function retry(firstError: unknown): Promise<void> {
    const own = options.reconnect
    if (own === false) {
      giveUp(firstError)
      return
    }
    const policy = { ...RETRY_DEFAULTS, ...own }
    let lastFailure = firstError
    for (let n = 1; n <= policy.maxAttempts; n++) {
      try {
        await sleep(backoffDelayMs(n, policy), stopper.signal)
        await attempt(hooks.retryLimit)
        return
      } catch (error) {
        if (stopper.signal.aborted) return
        if (isAuthFailure(error)) {
          giveUp(error)
          return
        }
        lastFailure = error
        hooks.logger.debug(
          { account: key, attempt: n, err: describe(error) },
          'mt5web: pool connect retry failed',
        )
      }
    }
    giveUp(
      new MT5ConnectionError(`${key}: no connection after ${policy.maxAttempts} retries`, {
        cause: lastFailure,
      }),
    )
  }

  async function firstConnect(): Promise<PoolConnectResult> {
    try {
      await attempt(hooks.limit)
      return { key, status }
    } catch (error) {
      if (stopper.signal.aborted) return { key, status }
      const err = asMt5Error(error)
      if (isAuthFailure(error)) giveUp(err)
      else {
        setStatus('reconnecting')
        void retry(error)
      }
      return { key, status, error: err }
    }
  }

  return {
    account,
    start() {
      started ??= firstConnect()
      return started
    },
    async stop() {
      if (status === 'closed') return
      stopper.abort(new MT5ConnectionError(`${key} was removed from the pool`))
      try {
        await client.close()
      } finally {
        setStatus('closed')
        for (const off of detach.splice(0)) off()
      }
    },
    health() {
      const report = client.health()
      return {
        key,
        login,
        server,
        status,
        ...(gaveUp === undefined ? {} : { gaveUp: { ...gaveUp } }),
        reconnects: report.reconnectCount,
        lastMessageAgeMs: report.lastMessageAgeMs,
        pingMs: report.pingLatencyMs,
      }
    },
  }
}

/** `error` as an mt5web error (a foreign one is wrapped, as its cause). */
export function asMt5Error(error: unknown): Mt5Error {
  if (isMt5Error(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new MT5ConnectionError(message, { cause: error })
}

function describe(error: unknown): { message: string; code?: string } {
  if (isMt5Error(error)) return { message: error.message, code: error.code }
  return { message: error instanceof Error ? error.message : String(error) }
}
