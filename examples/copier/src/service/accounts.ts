/**
 * The copier's accounts on ONE pool of the SDK: the source and every enabled target. The pool
 * connects them with bounded concurrency, retries them, gives up on refused credentials and
 * re-emits their events tagged with the account; this file dispatches those events to each
 * account's copier logic and turns the pool's statuses into the copier's `accountStatus` events.
 */
import {
  createPool,
  type Pool,
  type PoolAccountHealth,
  type PoolClientOptions,
  ValidationError,
} from 'mt5web'
import { type Account, type AccountOptions, createAccount } from './account.js'
import type { AccountStatus } from './events.js'

/** One account to connect: where, and what the copier does with it. */
export interface AccountSpec extends Omit<AccountOptions, 'id' | 'onStatus'> {
  id: string
  server: string
  login: string
  password: string
}

/** Options of {@link connectAccounts}. */
export interface AccountsOptions {
  /** Most simultaneous connection attempts. */
  concurrency: number
  clientOptions?: PoolClientOptions | undefined
  onStatus: (id: string, status: AccountStatus, detail: string) => void
  onError: (error: Error) => void
}

/** The running accounts. */
export interface Accounts {
  readonly pool: Pool
  /** By copier id (`source` or the target id). */
  get(id: string): Account | undefined
  /** The pool's health of an account. */
  health(id: string): PoolAccountHealth | undefined
  /**
   * Adds an account to the running pool, which connects it (a fleet member's target whose lease
   * it won). The account is returned at once; its events are dispatched from the first one.
   * @throws ValidationError when the id is already in the pool
   */
  add(spec: AccountSpec): Account
  /** Logs an account out and removes it (a lease lost or given away); false when it is not there. */
  remove(id: string): Promise<boolean>
  /** Logs every account out. */
  close(): Promise<void>
}

/** The copier's defaults; `clientOptions` and then the pool's own rules apply over them. */
const COPIER_CLIENT_DEFAULTS: PoolClientOptions = {
  timeoutMs: 10_000,
  reconnect: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 500, maxDelayMs: 15_000 },
}

/** Pool keys: the source, and targets apart (a target may be called `source`). */
const keyOf = (id: string) => (id === 'source' ? 'source' : `target:${id}`)

/** Creates the pool and starts connecting every account (without waiting). */
export function connectAccounts(specs: readonly AccountSpec[], options: AccountsOptions): Accounts {
  const { clientOptions = {} } = options
  const reconnect =
    clientOptions.reconnect === false
      ? false
      : { ...(COPIER_CLIENT_DEFAULTS.reconnect || {}), ...clientOptions.reconnect }
  const pool = createPool({
    concurrency: options.concurrency,
    clientOptions: { ...COPIER_CLIENT_DEFAULTS, ...clientOptions, reconnect },
    accounts: specs.map((s) => ({
      key: keyOf(s.id),
      server: s.server,
      login: s.login,
      password: s.password,
    })),
  })
  const byKey = new Map<string, Account>()
  const byId = new Map<string, Account>()
  const wrap = (spec: AccountSpec): Account | undefined => {
    const pooled = pool.get(keyOf(spec.id))
    if (!pooled) return undefined
    const { server: _s, login: _l, password: _p, ...rest } = spec
    const account = createAccount(pooled, {
      ...rest,
      onStatus: (status, detail) => options.onStatus(spec.id, status, detail),
    })
    byKey.set(pooled.key, account)
    byId.set(spec.id, account)
    return account
  }
  for (const spec of specs) wrap(spec)
  const idOf = (key: string) => byKey.get(key)?.id ?? key

  pool.on('tick', (a, tick) => byKey.get(a.key)?.input.tick(tick))
  pool.on('orders', (a, list) => byKey.get(a.key)?.input.orders(list))
  pool.on('tradeTransaction', (a, tx) => byKey.get(a.key)?.input.transaction(tx))
  pool.on('connect', (a) => byKey.get(a.key)?.input.login())
  pool.on('disconnect', (a, info) => byKey.get(a.key)?.input.disconnect(info))
  pool.on('error', (_a, error) => options.onError(error))
  pool.on('accountStatus', (a, status) => {
    if (status === 'connecting')
      options.onStatus(idOf(a.key), 'connecting', `connecting to ${a.server} as ${a.login}`)
  })
  pool.on('accountGaveUp', (a, error) => {
    options.onStatus(idOf(a.key), 'failed', `gave up, not retried: ${error.message}`)
  })

  void pool.connect().then((results) => {
    for (const r of results) {
      // a first attempt that failed is retried by the pool (a refusal is reported as a give-up)
      if (r.error && r.status === 'reconnecting')
        options.onStatus(idOf(r.key), 'disconnected', `first connection failed: ${r.error.message}; retrying`)
    }
  }, options.onError)

  return {
    pool,
    get: (id) => byId.get(id),
    health(id) {
      const key = keyOf(id)
      return pool.health().find((h) => h.key === key)
    },
    add(spec) {
      const key = keyOf(spec.id)
      if (pool.get(key))
        throw new ValidationError(`account ${spec.id} is already connected`, { field: 'id', value: spec.id })
      // the pool registers the account before its first await: wrapped before any event arrives
      const added = pool.add({ key, server: spec.server, login: spec.login, password: spec.password })
      const account = wrap(spec)
      added.then((r) => {
        if (r.error && r.status === 'reconnecting')
          options.onStatus(spec.id, 'disconnected', `first connection failed: ${r.error.message}; retrying`)
      }, options.onError)
      if (!account)
        throw new ValidationError(`account ${spec.id} could not be added`, { field: 'id', value: spec.id })
      return account
    },
    async remove(id) {
      const account = byId.get(id)
      if (!account) return false
      account.close()
      byId.delete(id)
      byKey.delete(account.pooled.key)
      return pool.remove(account.pooled.key)
    },
    async close() {
      for (const a of byId.values()) a.close()
      await pool.close()
    },
  }
}
