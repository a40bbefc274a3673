/**
 * Rows of the state tables as both stores read them (SQLite and PostgreSQL share the schema): one
 * mapping from a row to the store's records. Tickets are stored as text (unsigned 64-bit).
 */
import type { Link, LinkStatus } from '../plan/types.js'
import type {
  ActionRecord,
  IntentRecord,
  IntentStatus,
  OrphanCounter,
  RefusalRecord,
  StoreState,
} from './store.js'

/** A row as a driver returns it. */
export type Row = Record<string, unknown>

export const str = (v: unknown): string => String(v)
export const num = (v: unknown): number => Number(v)
const optTicket = (v: unknown): bigint | undefined =>
  v === null || v === undefined ? undefined : BigInt(str(v))
const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v))
const optStr = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v))

/** An `intents` row. */
export function toIntent(r: Row): IntentRecord {
  return {
    id: num(r.id),
    target: str(r.target),
    sourceTicket: BigInt(str(r.source_ticket)),
    kind: str(r.kind) as IntentRecord['kind'],
    tag: str(r.tag),
    copyTicket: optTicket(r.copy_ticket),
    request: str(r.request),
    atMs: num(r.at_ms),
    status: str(r.status) as IntentStatus,
    retcode: optNum(r.retcode),
    message: optStr(r.message),
    closedAtMs: optNum(r.closed_at_ms),
  }
}

/** An `actions` row. */
export function toAction(r: Row): ActionRecord {
  return {
    atMs: num(r.at_ms),
    target: str(r.target),
    sourceTicket: BigInt(str(r.source_ticket)),
    action: str(r.action),
    reason: str(r.reason),
    detail: str(r.detail),
    copyTicket: optTicket(r.copy_ticket),
  }
}

/** The planner's state from the rows of `links`, `orphan_counters`, `refusals` and `orphan_checks`. */
export function toState(links: Row[], counters: Row[], refusals: Row[], checks: Row[]): StoreState {
  return {
    links: links.map(
      (r): Link => ({
        target: str(r.target),
        sourceTicket: BigInt(str(r.source_ticket)),
        copyTicket: BigInt(str(r.copy_ticket)),
        status: str(r.status) as LinkStatus,
      }),
    ),
    orphanCounters: counters.map(
      (r): OrphanCounter => ({
        target: str(r.target),
        sourceTicket: BigInt(str(r.source_ticket)),
        count: num(r.count),
      }),
    ),
    refusals: refusals.map(
      (r): RefusalRecord => ({
        target: str(r.target),
        sourceTicket: BigInt(str(r.source_ticket)),
        reason: str(r.reason) as RefusalRecord['reason'],
        fingerprint: str(r.fingerprint),
        detail: str(r.detail),
        atMs: num(r.at_ms),
      }),
    ),
    lastOrphanCheck: new Map(checks.map((r) => [str(r.target), num(r.at_ms)])),
  }
}
