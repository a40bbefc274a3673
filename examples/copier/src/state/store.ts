/**
 * The copier's state, behind a small interface so a PostgreSQL store can follow the SQLite one
 * (`sqlite.ts`). Every method is async for that reason, although SQLite answers synchronously.
 *
 * One {@link StoreChange} is one decision and one transaction: either all of it is durable or none.
 * An intent is opened (written) before its request is sent, and closed with its outcome afterwards;
 * an intent still open at start was interrupted by a crash and is resolved by lookup of its tag.
 * Nothing here ever holds a password.
 */
import type { Link, Refusal } from '../plan/types.js'

/** What a trade intent does on a target. */
export type IntentKind = 'place' | 'modify' | 'cancel' | 'convertToMarket'

/** How an intent ended. `unknown`: the request may have reached the server and no lookup settled it. */
export type IntentStatus = 'open' | 'done' | 'failed' | 'unknown'

/** An intent to write before its request is sent. */
export interface OpenIntent {
  target: string
  sourceTicket: bigint
  kind: IntentKind
  /** The comment tag the request carries: the key of the lookup after a crash or a timeout. */
  tag: string
  /** Copy ticket for modify / cancel / convert; undefined for a place. */
  copyTicket?: bigint | undefined
  /** The request in plain JSON (no secret in it), for the lookup and for a person. */
  request: string
  atMs: number
}

/** A stored intent. */
export interface IntentRecord extends OpenIntent {
  id: number
  status: IntentStatus
  retcode?: number | undefined
  message?: string | undefined
  closedAtMs?: number | undefined
}

/** The outcome of an intent. */
export interface CloseIntent {
  id: number
  status: Exclude<IntentStatus, 'open'>
  copyTicket?: bigint | undefined
  retcode?: number | undefined
  message?: string | undefined
  atMs: number
}

/** One line of the action history: what the copier did or refused, and why. */
export interface ActionRecord {
  atMs: number
  target: string
  sourceTicket: bigint
  /** placed, modified, cancelled, converted, refused, orphan, failed, unknown, adopted, … */
  action: string
  reason: string
  detail: string
  copyTicket?: bigint | undefined
}

/** A refusal with where and when it was recorded. */
export interface RefusalRecord extends Refusal {
  target: string
  sourceTicket: bigint
  detail: string
  atMs: number
}

/** An orphan counter. */
export interface OrphanCounter {
  target: string
  sourceTicket: bigint
  count: number
}

/** One decision, written in one transaction. Every part is optional. */
export interface StoreChange {
  openIntents?: readonly OpenIntent[]
  closeIntents?: readonly CloseIntent[]
  /** Upserted by (target, sourceTicket). */
  links?: readonly Link[]
  /** Upserted; a count of 0 deletes the counter. */
  orphanCounters?: readonly OrphanCounter[]
  /** Upserted by (target, sourceTicket). */
  refusals?: readonly RefusalRecord[]
  /** Refusals to forget (the copy was placed, or the source is gone). */
  clearRefusals?: readonly { target: string; sourceTicket: bigint }[]
  /** Last orphan check of each target. */
  orphanChecks?: readonly { target: string; atMs: number }[]
  actions?: readonly ActionRecord[]
}

/** Rows one {@link Store.prune} call deleted. */
export interface Pruned {
  intents: number
  actions: number
}

/** Everything the planner needs from the state. */
export interface StoreState {
  links: Link[]
  orphanCounters: OrphanCounter[]
  refusals: RefusalRecord[]
  /** Target → UTC ms of its last orphan check. */
  lastOrphanCheck: Map<string, number>
}

/** The copier's persistent state. */
export interface Store {
  /** Links, counters, refusals and orphan checks, as the planner reads them. */
  load(): Promise<StoreState>
  /** Writes one decision atomically; returns the ids of `openIntents` in order. */
  commit(change: StoreChange): Promise<number[]>
  /**
   * The same, returning once written (SQLite: better-sqlite3 is synchronous). A decision written
   * this way sends its requests without a turn of the microtask queue in between, in which other
   * queued work would run first. Absent on a store that can only write asynchronously.
   */
  commitSync?(change: StoreChange): number[]
  /** Intents opened and never closed (a crash between send and record). */
  openIntents(): Promise<IntentRecord[]>
  /** The most recent actions, newest first. */
  recentActions(limit: number): Promise<ActionRecord[]>
  /**
   * Deletes history older than `beforeMs` (UTC ms), at most `limit` rows of each table in one
   * transaction: settled intents (closed before `beforeMs`; an open intent is never deleted, a
   * restart settles it by lookup) and action lines. The newest row of each table is always kept (a
   * new id is the largest + 1: it must never reuse a deleted one). Idempotent: stores shared by a
   * fleet may be pruned by any instance. Links, counters, refusals and leases are state, untouched.
   * The caller repeats it while a table returned `limit` rows (service/retention.ts).
   */
  prune(beforeMs: number, limit: number): Promise<Pruned>
  /** Schema version of the store. */
  schemaVersion(): Promise<number>
  close(): Promise<void>
}
