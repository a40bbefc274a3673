/**
 * `createPool(options)`: many accounts in one process. Each account has its own client, health and
 * reconnects; the pool bounds simultaneous connection attempts, re-emits every account's events
 * tagged with the account, broadcasts tick subscriptions and logs every account out on close.
 */
import { EventEmitter } from 'eventemitter3'
import pLimit from 'p-limit'
import { safeLogger, silentLogger } from '../client/logger.js'
import { SessionError, ValidationError } from '../errors.js'
import { accountClientOptions, accountKey, validateSharedOptions } from './accountOptions.js'
import { type AccountRunner, createAccountRunner } from './accountRunner.js'
import { createBroadcasts } from './broadcast.js'
import { createGuardedEvents } from './guardedEvents.js'
import type { Pool, PoolAccount, PoolAccountConfig, PoolEvents, PoolOptions } from './types.js'

/** Default maximum of simultaneous connection attempts. */
export const DEFAULT_POOL_CONCURRENCY = 8

/** Longest wait for one account in `subscribeTicks` when its client has no `timeoutMs`. */
const SUBSCRIBE_WAIT_MS = 30_000

/**
 * Creates a pool of accounts. Nothing is sent until `connect()`.
 *
 * @example
 * ```ts
 * await using pool = createPool({
 *   accounts: [
 *     { server: 'wss://a.example/terminal', login: 1001, password: process.env.A_PASSWORD ?? '' },
 *     { key: 'b-1001', server: 'wss://b.example/terminal', login: 1001, password: process.env.B_PASSWORD ?? '' },
 *   ],
 *   concurrency: 8,
 * })
 * pool.on('tick', (account, tick) => console.log(account.key, tick.symbol, tick.bid))
 * pool.on('accountGaveUp', (account, error) => console.error(account.key, error.message))
 * await pool.connect()
 * await pool.subscribeTicks(['EURUSD'])
 * ```
 * @param options Accounts, concurrency and the client options shared by every account.
 * @returns The pool (not connected).
 * @throws ValidationError for a bad concurrency, a duplicate or empty key, bad `clientOptions`, or
 * bad options of an account (naming the account).
 */
export function createPool(options: PoolOptions = {}): Pool {
  const concurrency = options.concurrency ?? DEFAULT_POOL_CONCURRENCY
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ValidationError(`concurrency must be a positive integer, got ${String(concurrency)}`, {
      field: 'concurrency',
      value: concurrency,
    })
  }
  const shared = validateSharedOptions(options.clientOptions)
  const logger = shared.logger ? safeLogger(shared.logger) : silentLogger
  const limit = pLimit(concurrency)
  const retryLimit = pLimit(concurrency)
  const events = new EventEmitter<PoolEvents>()
  const guarded = createGuardedEvents(events, logger)
  const runners = new Map<string, AccountRunner>()
  const broadcasts = createBroadcasts((account, error) => guarded.emit('error', account, asError(error)))
  let connected = false
  let closed = false
  let closing: Promise<void> | undefined

  function makeRunner(config: PoolAccountConfig, field: string): AccountRunner {
    const key = accountKey(config, `${field}.key`)
    if (runners.has(key)) {
      throw new ValidationError(`${field}.key: duplicate account key "${key}"`, {
        field: `${field}.key`,
        value: key,
      })
    }
    let clientOptions: ReturnType<typeof accountClientOptions>
    try {
      clientOptions = accountClientOptions(config, shared)
      const runner = createAccountRunner(key, clientOptions, {
        limit,
        retryLimit,
        emit: guarded.emit,
        logger,
        // Pending broadcasts reach an account at each login (first connect, retry, added later).
        onLogin: (account) => void broadcasts.applyPending(account),
      })
      runners.set(key, runner)
      return runner
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new ValidationError(
          `${field} (${key}): ${error.message}`,
          { field: `${field}.${error.field ?? ''}`.replace(/\.$/, ''), value: error.value },
          { cause: error },
        )
      }
      throw error
    }
  }

  const initial = options.accounts ?? []
  try {
    for (const [i, config] of initial.entries()) makeRunner(config, `accounts[${i}]`)
  } catch (error) {
    // Clients already created hold no socket yet: nothing to close.
    runners.clear()
    throw error
  }

  function assertOpen(action: string): void {
    if (closed) throw new SessionError(`cannot ${action}: the pool is closed`)
  }

  function closeAll(): Promise<void> {
    closing ??= (async () => {
      closed = true
      // Queued attempts are not cleared (their callers would wait forever): stopped runners skip them.
      const all = [...runners.values()]
      await Promise.all(
        all.map((runner) =>
          runner.stop().catch((error) => guarded.emit('error', runner.account, asError(error))),
        ),
      )
    })()
    return closing
  }

  const pool: Pool = {
    events,
    on(event, listener) {
      guarded.on(event, listener)
      return this
    },
    once(event, listener) {
      guarded.once(event, listener)
      return this
    },
    off(event, listener) {
      guarded.off(event, listener)
      return this
    },
    async connect() {
      assertOpen('connect')
      connected = true
      return Promise.all([...runners.values()].map((runner) => runner.start()))
    },
    get(keyOrLogin) {
      const wanted = String(keyOrLogin)
      const byKey = runners.get(wanted)
      if (byKey) return byKey.account
      for (const runner of runners.values()) if (runner.account.login === wanted) return runner.account
      return undefined
    },
    accounts() {
      return [...runners.values()].map((runner) => runner.account)
    },
    async add(config) {
      assertOpen('add an account')
      const runner = makeRunner(config, 'account')
      if (!connected) return { key: runner.account.key, status: runner.account.status }
      return runner.start()
    },
    async remove(key) {
      const runner = runners.get(key)
      if (!runner) return false
      runners.delete(key)
      broadcasts.forget(runner.account)
      await runner.stop()
      return true
    },
    health() {
      return [...runners.values()].map((runner) => runner.health())
    },
    async subscribeTicks(symbols) {
      assertOpen('subscribe')
      if (!Array.isArray(symbols) || symbols.some((s) => typeof s !== 'string' || s.length === 0)) {
        throw new ValidationError('symbols must be a list of non-empty symbol names', {
          field: 'symbols',
          value: symbols,
        })
      }
      const accounts = [...runners.values()].map((runner) => runner.account)
      const waitMs = (account: PoolAccount): number => account.client.options.timeoutMs || SUBSCRIBE_WAIT_MS
      return broadcasts.subscribe(symbols, accounts, waitMs)
    },
    close: closeAll,
    [Symbol.asyncDispose]: closeAll,
  }
  return pool
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
