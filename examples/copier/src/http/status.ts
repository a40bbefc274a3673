/**
 * What the status page, the JSON API and `/metrics` show, as plain JSON-ready data (tickets are
 * decimal strings: JSON has no 64-bit integers), and the small interfaces they read it through, so
 * the HTTP layer depends on neither the service's internals nor the SDK.
 */
import type { FleetStats } from '../fleet/fleet.js'
import type { FleetInstanceRow, FleetLeaseRow } from '../fleet/leases.js'
import type { CopyOrder, PlanInput } from '../plan/types.js'
import type { AccountStatus, ActionKind, CopierEvents } from '../service/events.js'

/** One account's connection as the page shows it. */
export interface AccountView {
  /** `source` or the target id. */
  id: string
  role: 'source' | 'target'
  login: string
  server: string
  enabled: boolean
  /**
   * `synced`: logged in and its orders (and symbols) loaded; `connected`: logged in, still loading;
   * `disconnected`: lost or not reached, retried; `failed`: given up (credentials refused, account
   * disabled), not retried — see `gaveUp`.
   */
  /** `elsewhere`: another fleet member holds the target's lease; this instance has no session on it. */
  state: 'synced' | 'connected' | 'connecting' | 'disconnected' | 'failed' | 'disabled' | 'elsewhere'
  /** Why the copier gave up on the account (`state: 'failed'`), else `null`. */
  gaveUp: AccountGaveUp | null
  /** Round trip of the last ping, `null` before the first. */
  pingMs: number | null
  /** Milliseconds since the last message from the server, `null` before the first. */
  lastMessageAgeMs: number | null
  /** Reconnects since the copier started. */
  reconnects: number
}

/**
 * Where a source order stands on one target:
 * - `inSync`: the copy is there and matches;
 * - `pendingChange`: the copy is there and a modification is due (planned or in flight);
 * - `placing`: no copy yet, one is due;
 * - `refused`: it cannot be copied (see `reason`), retried only when something relevant changes;
 * - `notEligible`: this target's config excludes it (disabled target, order type not allowed);
 * - `waiting`: the target is down or not synced, or has no quote yet;
 * - `kept`: the source filled and the `keep` policy leaves the copy alone.
 */
export type CopyState =
  | 'inSync'
  | 'pendingChange'
  | 'placing'
  | 'refused'
  | 'notEligible'
  | 'waiting'
  | 'kept'

/** One source order's copy on one target. */
export interface CopyView {
  target: string
  state: CopyState
  copyTicket: string | null
  symbol: string | null
  /** Lots. */
  volume: number | null
  price: number | null
  /** The planner's reason code when not in sync. */
  reason: string | null
  detail: string | null
}

/** A pending order of the source with its copies (the ticket as a decimal string). */
export interface SourceOrderView
  extends Pick<CopyOrder, 'symbol' | 'type' | 'volume' | 'price' | 'stopLimitPrice' | 'sl' | 'tp'> {
  ticket: string
  copies: CopyView[]
}

/** A tagged copy whose source order no longer exists. */
export interface OrphanView {
  target: string
  sourceTicket: string
  copyTicket: string | null
  /** Consecutive checks that saw it. */
  count: number
  /** Checks needed before `kill` acts. */
  confirmations: number
  policy: 'kill' | 'preserve'
  /** `preserved`: reported and left for good (policy `preserve`). */
  preserved: boolean
}

/** One action, newest first in the lists. */
export interface ActionView {
  atMs: number
  action: ActionKind
  target: string
  sourceTicket: string
  copyTicket: string | null
  symbol: string | null
  volume: number | null
  reason: string
  detail: string
  retcode: number | null
  /** Source push (or reconcile start) → result, when known. */
  latencyMs: number | null
}

/** The whole status (`/api/status`). */
export interface CopierStatus {
  generatedAtMs: number
  /** `/readyz`: the source synced and every enabled target connected. */
  ready: boolean
  /** Why not ready, one line each. */
  notReady: string[]
  accounts: AccountView[]
  orders: SourceOrderView[]
  orphans: OrphanView[]
  /** Copies currently refused, by reason. */
  refusals: Record<string, number>
  /** Copies in sync and out of sync per target (for `/metrics`). */
  sync: Record<string, { inSync: number; outOfSync: number }>
  /** The last actions, newest first. */
  actions: ActionView[]
  /** The fleet this copier belongs to (PostgreSQL state), `null` for a copier on its own. */
  fleet: FleetView | null
}

/** A fleet as one member sees it at its last heartbeat (issue #14). */
export interface FleetView {
  /** This instance. */
  instance: string
  /** Targets this instance acts on now. */
  held: string[]
  instances: FleetInstanceRow[]
  leases: FleetLeaseRow[]
  /** Heartbeats, renewals, takeovers and losses since this instance started (`/metrics`). */
  stats?: FleetStats | undefined
}

/** Why an account is no longer retried: the SDK error code and its message (never a password). */
export interface AccountGaveUp {
  code: string
  message: string
}

/** The SDK pool's status of an account (`failed`: given up). */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed'

/** An account's connection as the service reports it (the SDK's `client.health()` where available). */
export interface AccountInspection {
  id: string
  role: 'source' | 'target'
  login: string
  server: string
  enabled: boolean
  connected: boolean
  synced: boolean
  /** The last connection status the account reported, `null` before any. */
  lastStatus: AccountStatus | null
  /** A fleet member's target whose lease it does not hold (no session here: another member's). */
  elsewhere?: boolean
  /** The pool's status of the account; absent or `null` when unknown (not connected yet). */
  connection?: ConnectionState | null
  /** Set when the pool gave up on the account. */
  gaveUp?: AccountGaveUp | null
  pingLatencyMs: number | null
  lastMessageAgeMs: number | null
  reconnectCount: number
}

/** What the running service exposes for the status page: the planner's input and the accounts. */
export interface CopierInspection {
  input: PlanInput
  accounts: AccountInspection[]
  /** Fleet membership, when the state is PostgreSQL. */
  fleet?: FleetView | undefined
}

/** The part of a copier the status page reads: its events and a synchronous inspection. */
export interface InspectableCopier {
  on<E extends keyof CopierEvents>(event: E, listener: (...args: CopierEvents[E]) => void): unknown
  off<E extends keyof CopierEvents>(event: E, listener?: (...args: CopierEvents[E]) => void): unknown
  /** `undefined` before the copier has connected. */
  inspect(): CopierInspection | undefined
}

/** A change the live page is told about. */
export type StatusChange = { type: 'action'; action: ActionView } | { type: 'status' }

/** What the HTTP server serves from. */
export interface CopierStatusSource {
  snapshot(): CopierStatus
  /** The last `limit` actions, newest first. */
  actions(limit: number): ActionView[]
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe(listener: (change: StatusChange) => void): () => void
}
