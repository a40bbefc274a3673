/**
 * The public shape of a copier: its options and the object `createCopier` returns (what the CLI
 * and an embedding bot program against).
 */
import type { PoolClientOptions } from 'mt5web'
import type { SecretSources } from '../config/secrets.js'
import type { ExecutorOptions } from '../exec/executor.js'
import type { CopierInspection } from '../http/status.js'
import type { CopyOrder, Plan } from '../plan/types.js'
import type { Store } from '../state/store.js'
import type { CopierEvents, ReconcileSummary } from './events.js'

/** Options of {@link createCopier}. */
export interface CopierOptions {
  /**
   * The state store (default: the one `config.state` names, SQLite or PostgreSQL). Closed by
   * `close()`. A writable PostgreSQL store makes this copier a fleet member: it acts only on the
   * targets whose lease it holds.
   */
  store?: Store
  /** Fleet member id (default: `host:pid:random`, new at every start). */
  instanceId?: string
  /** Where password references are read from (default: `process.env`, the current folder). */
  secrets?: Partial<SecretSources>
  /** Extra SDK client options for every account of the pool (timeouts, reconnect, logger). */
  clientOptions?: PoolClientOptions
  /** Retries, backoff, trade timeout of the executor. */
  execution?: Pick<ExecutorOptions, 'retries' | 'backoffBaseMs' | 'tradeTimeoutMs' | 'sleep'>
  /** UTC ms (default `Date.now`). */
  now?: () => number
  /** How long `reconcileOnce` waits for the accounts to sync (default 20 s). */
  syncTimeoutMs?: number
  /** Follow the source's pushes in `start()` (default true unless `schedule` is set). */
  pushes?: boolean
  /** How often `start()` prunes the history older than `state.historyDays` (default 1 hour). */
  pruneEveryMs?: number
}

/** One account as `check` shows it. */
export interface AccountSnapshot {
  id: string
  role: 'source' | 'target'
  server: string
  login: string
  /** `failed`: the copier gave up on it (credentials refused, account disabled), not retried. */
  status: 'synced' | 'connected' | 'down' | 'failed' | 'disabled'
  /** Target symbol names known (empty for the source). */
  symbols: string[]
  /** Pending orders on the account. */
  orders: number
}

/** Options of one reconcile. */
export interface ReconcileOptions {
  /** Plan only: emit the intents as `dryRun` events, send and record nothing. */
  dryRun?: boolean
}

/** A running copier. */
export interface Copier {
  on<E extends keyof CopierEvents>(event: E, listener: (...args: CopierEvents[E]) => void): this
  off<E extends keyof CopierEvents>(event: E, listener?: (...args: CopierEvents[E]) => void): this
  once<E extends keyof CopierEvents>(event: E, listener: (...args: CopierEvents[E]) => void): this
  /** Connects every account and keeps the targets in sync until `close()`. */
  start(): Promise<void>
  /** One full pass: connects when needed, waits for sync, plans, executes (unless dry run). */
  reconcileOnce(options?: ReconcileOptions): Promise<ReconcileSummary>
  /** The plan a full reconcile would execute now (connects when needed). */
  planOnce(): Promise<Plan>
  /** The accounts as they are now (for `check`). */
  accounts(): AccountSnapshot[]
  /** The source's pending orders as last seen. */
  sourceOrders(): CopyOrder[]
  /** Fleet membership (PostgreSQL state): this instance and the targets it holds; undefined otherwise. */
  fleet(): { instance: string; held: string[] } | undefined
  /**
   * What the status page reads (synchronous, no I/O): the planner's input for every target and
   * each account's connection health; `undefined` before the copier has connected.
   */
  inspect(): CopierInspection | undefined
  /** Stops following, waits for in-flight requests, persists, logs out. Idempotent. */
  close(): Promise<void>
}
