/**
 * One decision ({@link StoreChange}) as ONE PostgreSQL statement: one round trip on the push path
 * instead of seven (pool checkout, BEGIN, lease check, intent ids, intents, action lines, COMMIT).
 * A single statement is its own transaction, so the decision stays all or nothing.
 *
 * The statement is a chain of data-modifying CTEs that all wait for one gate, `ok`: when a fence is
 * given, every target the change names must have its lease row owned by this instance, unexpired by
 * the database's clock and at the epoch this instance acquired it with. The rows are locked
 * `FOR KEY SHARE` for the statement's life: a takeover claims leases `FOR UPDATE SKIP LOCKED`
 * (leases.ts), which conflicts, so no other instance can take them before this write commits, while
 * this instance's own heartbeat renewal (a no-key UPDATE) does not conflict and never makes a
 * decision wait. A lease taken meanwhile fails the gate (READ COMMITTED re-checks a row updated
 * concurrently) and nothing of the decision is written: the caller gets the targets not held.
 *
 * Sub-statements of one statement see the same snapshot and must not touch one row twice, so the
 * change is normalised first: the last of each key wins (as consecutive upserts would leave it), and
 * a refusal also cleared in the same change is only cleared (the sequential order wrote, then deleted).
 */
import type { StoreChange } from './store.js'

/** The fence of one statement: who writes, and the lease epochs it holds. */
export interface CommitFence {
  instance: string
  /** Epoch each target's lease was acquired with (undefined: only owner and expiry are checked). */
  epoch?: ((target: string) => number | undefined) | undefined
}

/** Prepared once per connection (node-postgres names it): later decisions skip parse and plan. */
export const COMMIT_STATEMENT_NAME = 'mt5copier_commit_v1'

export const COMMIT_STATEMENT = `
WITH fence AS MATERIALIZED (
  SELECT l.target FROM fleet_leases l
  JOIN unnest($1::text[], $2::bigint[]) AS f(target, epoch) ON l.target = f.target
  WHERE l.owner = $3::text AND l.expires_at > now() AND (f.epoch IS NULL OR l.epoch = f.epoch)
  FOR KEY SHARE OF l
), gate AS MATERIALIZED (
  SELECT $3::text IS NULL OR (SELECT count(*) FROM fence) = cardinality($1::text[]) AS ok
), new_ids AS MATERIALIZED (
  SELECT nextval('intents_id_seq') AS id, n FROM generate_series(1, cardinality($4::text[])) AS n
  WHERE (SELECT ok FROM gate)
), opened AS (
  INSERT INTO intents (id, target, source_ticket, kind, tag, copy_ticket, request, at_ms)
  SELECT i.id, u.target, u.source_ticket, u.kind, u.tag, u.copy_ticket, u.request, u.at_ms
  FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
    WITH ORDINALITY AS u(target, source_ticket, kind, tag, copy_ticket, request, at_ms, n)
  JOIN new_ids i ON i.n = u.n
), closed AS (
  UPDATE intents SET status = c.status, copy_ticket = coalesce(c.copy_ticket, intents.copy_ticket),
    retcode = c.retcode, message = c.message, closed_at_ms = c.at_ms
  FROM unnest($11::bigint[], $12::text[], $13::text[], $14::int[], $15::text[], $16::bigint[])
    AS c(id, status, copy_ticket, retcode, message, at_ms)
  WHERE intents.id = c.id AND (SELECT ok FROM gate)
), linked AS (
  INSERT INTO links (target, source_ticket, copy_ticket, status)
  SELECT * FROM unnest($17::text[], $18::text[], $19::text[], $20::text[]) WHERE (SELECT ok FROM gate)
  ON CONFLICT (target, source_ticket) DO UPDATE SET copy_ticket = excluded.copy_ticket, status = excluded.status
), counted AS (
  INSERT INTO orphan_counters (target, source_ticket, count)
  SELECT * FROM unnest($21::text[], $22::text[], $23::int[]) WHERE (SELECT ok FROM gate)
  ON CONFLICT (target, source_ticket) DO UPDATE SET count = excluded.count
), uncounted AS (
  DELETE FROM orphan_counters o USING unnest($24::text[], $25::text[]) AS d(target, source_ticket)
  WHERE o.target = d.target AND o.source_ticket = d.source_ticket AND (SELECT ok FROM gate)
), refused AS (
  INSERT INTO refusals (target, source_ticket, reason, fingerprint, detail, at_ms)
  SELECT * FROM unnest($26::text[], $27::text[], $28::text[], $29::text[], $30::text[], $31::bigint[])
  WHERE (SELECT ok FROM gate)
  ON CONFLICT (target, source_ticket) DO UPDATE SET reason = excluded.reason,
    fingerprint = excluded.fingerprint, detail = excluded.detail, at_ms = excluded.at_ms
), unrefused AS (
  DELETE FROM refusals r USING unnest($32::text[], $33::text[]) AS d(target, source_ticket)
  WHERE r.target = d.target AND r.source_ticket = d.source_ticket AND (SELECT ok FROM gate)
), checked AS (
  INSERT INTO orphan_checks (target, at_ms)
  SELECT * FROM unnest($34::text[], $35::bigint[]) WHERE (SELECT ok FROM gate)
  ON CONFLICT (target) DO UPDATE SET at_ms = excluded.at_ms
), acted AS (
  -- in the order given: the history is read newest first by id
  INSERT INTO actions (at_ms, target, source_ticket, action, reason, detail, copy_ticket)
  SELECT at_ms, target, source_ticket, action, reason, detail, copy_ticket
  FROM unnest($36::bigint[], $37::text[], $38::text[], $39::text[], $40::text[], $41::text[], $42::text[])
    WITH ORDINALITY AS a(at_ms, target, source_ticket, action, reason, detail, copy_ticket, n)
  WHERE (SELECT ok FROM gate)
  ORDER BY n
)
SELECT (SELECT ok FROM gate) AS ok, ARRAY(SELECT target FROM fence) AS held,
  ARRAY(SELECT id FROM new_ids ORDER BY n) AS ids`

const t = (v: bigint | undefined): string | null => (v === undefined ? null : v.toString())
/** Times are BIGINT milliseconds; a clock with sub-millisecond precision (performance-based) is rounded. */
const ms = (v: number): number => Math.round(v)
const key = (x: { target: string; sourceTicket: bigint }) => `${x.target}\u0000${x.sourceTicket}`

/** Every target a change writes about (close-only intents carry none: their action line does). */
export function targetsOf(c: StoreChange): string[] {
  const s = new Set<string>()
  for (const list of [
    c.openIntents,
    c.links,
    c.orphanCounters,
    c.refusals,
    c.clearRefusals,
    c.orphanChecks,
    c.actions,
  ])
    for (const x of list ?? []) s.add(x.target)
  return [...s]
}

/** The last of each key wins, as consecutive upserts in one transaction would leave it. */
export function dedupe<X>(list: readonly X[], keyOf: (x: X) => string): X[] {
  const m = new Map<string, X>()
  for (const x of list) {
    const k = keyOf(x)
    m.delete(k)
    m.set(k, x)
  }
  return [...m.values()]
}

/** The statement's parameters for `change`, fenced by `fence` on `targets` (none: unfenced). */
export function commitValues(
  change: StoreChange,
  targets: readonly string[],
  fence?: CommitFence,
): unknown[] {
  const open = change.openIntents ?? []
  const close = dedupe(change.closeIntents ?? [], (i) => String(i.id))
  const links = dedupe(change.links ?? [], key)
  const counters = dedupe(change.orphanCounters ?? [], key)
  const kept = counters.filter((o) => o.count > 0)
  const dropped = counters.filter((o) => o.count <= 0)
  const cleared = dedupe(change.clearRefusals ?? [], key)
  const clearedKeys = new Set(cleared.map(key))
  const refusals = dedupe(change.refusals ?? [], key).filter((r) => !clearedKeys.has(key(r)))
  const checks = dedupe(change.orphanChecks ?? [], (k) => k.target)
  const actions = change.actions ?? []
  const fenced = fence === undefined ? [] : targets
  return [
    fenced,
    fenced.map((x) => fence?.epoch?.(x) ?? null),
    fence?.instance ?? null,
    open.map((i) => i.target),
    open.map((i) => i.sourceTicket.toString()),
    open.map((i) => i.kind),
    open.map((i) => i.tag),
    open.map((i) => t(i.copyTicket)),
    open.map((i) => i.request),
    open.map((i) => ms(i.atMs)),
    close.map((i) => i.id),
    close.map((i) => i.status),
    close.map((i) => t(i.copyTicket)),
    close.map((i) => i.retcode ?? null),
    close.map((i) => i.message ?? null),
    close.map((i) => ms(i.atMs)),
    links.map((l) => l.target),
    links.map((l) => l.sourceTicket.toString()),
    links.map((l) => l.copyTicket.toString()),
    links.map((l) => l.status),
    kept.map((o) => o.target),
    kept.map((o) => o.sourceTicket.toString()),
    kept.map((o) => o.count),
    dropped.map((o) => o.target),
    dropped.map((o) => o.sourceTicket.toString()),
    refusals.map((r) => r.target),
    refusals.map((r) => r.sourceTicket.toString()),
    refusals.map((r) => r.reason),
    refusals.map((r) => r.fingerprint),
    refusals.map((r) => r.detail),
    refusals.map((r) => ms(r.atMs)),
    cleared.map((r) => r.target),
    cleared.map((r) => r.sourceTicket.toString()),
    checks.map((k) => k.target),
    checks.map((k) => ms(k.atMs)),
    actions.map((a) => ms(a.atMs)),
    actions.map((a) => a.target),
    actions.map((a) => a.sourceTicket.toString()),
    actions.map((a) => a.action),
    actions.map((a) => a.reason),
    actions.map((a) => a.detail),
    actions.map((a) => t(a.copyTicket)),
  ]
}

/** What the statement answered. */
export interface CommitOutcome {
  /** False: a fenced target's lease is not held; nothing was written. */
  ok: boolean
  /** Fenced targets whose lease is held. */
  held: string[]
  /** Ids of the opened intents, in order. */
  ids: number[]
}

/** Reads the statement's one row. */
export function commitOutcome(row: Record<string, unknown> | undefined): CommitOutcome {
  return {
    ok: row?.ok === true,
    held: ((row?.held as unknown[] | undefined) ?? []).map(String),
    ids: ((row?.ids as unknown[] | undefined) ?? []).map(Number),
  }
}
