/**
 * The pool's contract: options, per-account state and health, the event map (every client event
 * re-emitted with the account first, derived from `ClientEvents` so the two never drift) and the
 * broadcast subscription result.
 */
import type { EventEmitter } from 'eventemitter3'
import type { Mt5Client } from '../client/createClient.js'
import type { ClientEvents, ClientOptions } from '../client/types.js'
import type { Mt5Error } from '../errors.js'

/** One account of a pool: client options plus an optional key. */
export interface PoolAccountConfig extends ClientOptions {
  /**
   * Name of the account in the pool (default `String(login)`). Give one when the same login exists
   * at two brokers.
   */
  key?: string
}

/** Client options applied to every account (an account's own options win). */
export type PoolClientOptions = Partial<Omit<ClientOptions, 'server' | 'login' | 'password' | 'otp'>>

/** Options of {@link createPool}. */
export interface PoolOptions {
  /** Accounts connected by `pool.connect()`; more can be added with `pool.add()`. */
  accounts?: readonly PoolAccountConfig[]
  /**
   * Maximum simultaneous first connection attempts (default 8). Retries of accounts that could not
   * connect are bounded by the same number, apart: they never hold up a first attempt.
   */
  concurrency?: number
  /**
   * Defaults for every account's client. The pool's own defaults, unless given here or per
   * account: `tickCacheSize: 0` (only the latest tick per symbol, see docs/pool.md "Memory") and
   * `reconnect: { maxAttempts: Infinity }` (an account retries until it is removed or refused).
   */
  clientOptions?: PoolClientOptions
}

/**
 * Where an account stands:
 * - `idle`: not connecting (before `pool.connect()`, waiting for a connection slot, or logged out
 *   through its own client);
 * - `connecting`: first connection attempt in progress;
 * - `connected`: logged in;
 * - `reconnecting`: lost or never reached, retrying on its own;
 * - `failed`: gave up (see `gaveUp`): wrong password, account disabled, retries exhausted;
 * - `closed`: removed from the pool, the pool closed, or its client closed directly.
 */
export type PoolAccountStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed'

/** Why an account stopped retrying. */
export interface PoolGaveUp {
  code: Mt5Error['code']
  message: string
}

/** One account of a pool. */
export interface PoolAccount {
  readonly key: string
  readonly login: string
  readonly server: string
  /** The account's client: use it for everything account-specific (trading, history, …). */
  readonly client: Mt5Client
  readonly status: PoolAccountStatus
  /** Set when `status` is `failed`. */
  readonly gaveUp: PoolGaveUp | undefined
}

/** What `pool.health()` reports per account. */
export interface PoolAccountHealth {
  key: string
  login: string
  server: string
  status: PoolAccountStatus
  /** Present when the account gave up instead of retrying. */
  gaveUp?: PoolGaveUp
  /** Successful reconnections after a drop (a first connection that needed retries is not one). */
  reconnects: number
  /** Milliseconds since the last frame from the server, `null` before the first one. */
  lastMessageAgeMs: number | null
  /** Round trip of the last ping, `null` before the first one. */
  pingMs: number | null
}

/** One account's outcome in the report of `pool.connect()`. */
export interface PoolConnectResult {
  key: string
  status: PoolAccountStatus
  /** The first attempt's error, when it failed (the account retries unless `status` is `failed`). */
  error?: Mt5Error
}

/** Every client event with the account first, plus the pool's own events. */
export type PoolEvents = {
  [E in keyof ClientEvents]: [account: PoolAccount, ...args: ClientEvents[E]]
} & {
  /** The account's pool status changed. */
  accountStatus: [account: PoolAccount, status: PoolAccountStatus]
  /** The account stopped retrying (wrong password, account disabled, retries exhausted). */
  accountGaveUp: [account: PoolAccount, error: Mt5Error]
}

/** One account's part of a broadcast tick subscription. */
export interface PoolSubscriptionResult {
  /** Names subscribed at this account. */
  subscribed: string[]
  /** Names this account's broker does not know. */
  missing: string[]
  /**
   * Why nothing (more) was subscribed at this account: not logged in yet (the subscription is
   * applied when it logs in) or the request failed (retried at its next login).
   */
  error?: Mt5Error
}

/** What `pool.subscribeTicks()` resolves to. */
export interface PoolTickSubscription {
  /** Per account key, as of the call (accounts added later are subscribed when they log in). */
  accounts: Map<string, PoolSubscriptionResult>
  /** Removes this subscription from every account and from accounts added later. Idempotent. */
  unsubscribe(): Promise<void>
}

/** A set of MT5 accounts in one process. */
export interface Pool {
  readonly events: EventEmitter<PoolEvents>
  on<E extends keyof PoolEvents>(event: E, listener: (...args: PoolEvents[E]) => void): this
  once<E extends keyof PoolEvents>(event: E, listener: (...args: PoolEvents[E]) => void): this
  off<E extends keyof PoolEvents>(event: E, listener?: (...args: PoolEvents[E]) => void): this
  /**
   * Connects every idle account with bounded concurrency. Never rejects because of one account:
   * resolves when each account's first attempt ended, with one result per account.
   */
  connect(): Promise<PoolConnectResult[]>
  /** The account with this key, else the first one with this login. */
  get(keyOrLogin: string | number | bigint): PoolAccount | undefined
  /** Every account, in insertion order. */
  accounts(): PoolAccount[]
  /**
   * Adds an account; connects it when the pool is connected (resolves after its first attempt).
   * @throws ValidationError for a duplicate key or bad options.
   */
  add(account: PoolAccountConfig): Promise<PoolConnectResult>
  /** Logs the account out and removes it; `false` when there is no such key. */
  remove(key: string): Promise<boolean>
  /** Health of every account. */
  health(): PoolAccountHealth[]
  /** Subscribes ticks on every account, names resolved per account. */
  subscribeTicks(symbols: readonly string[]): Promise<PoolTickSubscription>
  /** Logs every account out. Idempotent. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}
