/**
 * The PostgreSQL {@link Store} (node-postgres 8): the SQLite store's schema and semantics on a
 * server several copiers share (issue #14). Each {@link StoreChange} is one transaction; intents are
 * written before their requests are sent. With a `fence` (a fleet instance), every change that names
 * a target also checks, inside the same transaction and under a row lock, that this instance holds
 * the target's lease by the database's clock: a stale owner's write fails with a {@link LeaseError}
 * and nothing of it is stored (so nothing of it is sent either).
 *
 * Opening is synchronous (like `openSqliteStore`); the connection and the migrations happen on the
 * first call. The connection string may hold a password: only its redacted form reaches an error.
 */
import pg from 'pg'
import { LeaseError, StateError } from '../errors.js'
import { pgMigrations } from './pgMigrations.js'
import { redactError, redactPgUrl } from './pgUrl.js'
import { num, type Row, str, toAction, toIntent, toState } from './rows.js'
import type { Store, StoreChange, StoreState } from './store.js'

/** Who writes: a fleet instance whose leases fence its writes. */
export interface StoreFence {
  /** The instance id (`fleet_leases.owner`). */
  instance: string
  /** The instance's own view (monotonic deadline): refuses before the round trip when already lost. */
  holds?: (target: string) => boolean
}

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://…`, password included when needed (see `resolvePgUrl`). */
  connectionString: string
  /** No migration, no write (`status`, `check`, dry runs). */
  readonly?: boolean
  fence?: StoreFence
  /** Most connections of this store (default 4). */
  maxConnections?: number
  /** Reports a connection that failed while idle (default: ignored, the next query reconnects). */
  onError?: (error: Error) => void
}

/** A PostgreSQL store: the {@link Store}, plus what the fleet shares with it. */
export interface PostgresStore extends Store {
  /** The connection pool of the state's reads and writes. */
  readonly pool: pg.Pool
  /**
   * A pool of its own for the fleet's heartbeats (created on first call, closed with the store): a
   * heartbeat never waits behind the state's writes for a connection.
   */
  heartbeatPool(): pg.Pool
  /** The URL without its password. */
  readonly url: string
  /** Opened read-only: no migration, writes refused (never a fleet member). */
  readonly readonly: boolean
  /** Resolves once connected and migrated; rejects with a {@link StateError}. */
  ready(): Promise<void>
  /** Sets the fence of every later write (the fleet calls it once its instance id is known). */
  setFence(fence: StoreFence | undefined): void
}

const t = (v: bigint | undefined): string | null => (v === undefined ? null : v.toString())
/** Times are BIGINT milliseconds; a clock with sub-millisecond precision (performance-based) is rounded. */
const ms = (v: number): number => Math.round(v)

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

/** Serialises the migrations of concurrent starts (any 64-bit key unique to this purpose). */
const MIGRATION_LOCK = 0x6d74_3577_6370_0001n

/**
 * A connection that drops (server restart, network, a terminated backend) must not kill the process.
 * node-postgres emits `error` on the client: the pool listens only while the client is idle, so a
 * client checked out between two queries (a heartbeat, a transaction) had no listener and the error
 * was uncaught. Every client gets one listener for its whole life; the pool's own `error` event (an
 * idle client's) is the same error, already reported by it. The query in flight fails as well and
 * its caller reports that failure.
 */
function reportConnectionErrors(pool: pg.Pool, report: (error: Error) => void): void {
  pool.on('connect', (client) => {
    client.on('error', report)
  })
  pool.on('error', () => {
    // reported by the client's own listener above
  })
}

/**
 * Opens a PostgreSQL store. Nothing connects before the first call.
 * @throws StateError (from its methods) when the server cannot be reached, migrated or written
 */
export function openPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const url = redactPgUrl(options.connectionString)
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 10_000,
    application_name: 'mt5web-copier',
  })
  reportConnectionErrors(pool, (error) => options.onError?.(redactError(error, options.connectionString)))
  let fence = options.fence
  let beats: pg.Pool | undefined
  const fail = (what: string, error: unknown): StateError =>
    error instanceof StateError
      ? error
      : new StateError(`${what} (${url}): ${redactError(error, options.connectionString).message}`, {
          cause: redactError(error, options.connectionString),
        })

  async function migrate(): Promise<void> {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()])
      await client.query(
        'CREATE TABLE IF NOT EXISTS copier_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      )
      const version = num(
        (await client.query('SELECT coalesce(max(version), 0) AS v FROM copier_migrations')).rows[0]?.v,
      )
      if (version > pgMigrations.length)
        throw new StateError(
          `state database ${url} has schema version ${version}, newer than this copier's ${pgMigrations.length}: upgrade the copier`,
        )
      for (let v = version; v < pgMigrations.length; v++) {
        await client.query(pgMigrations[v] as string)
        await client.query('INSERT INTO copier_migrations (version) VALUES ($1)', [v + 1])
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  let readyPromise: Promise<void> | undefined
  const ready = (): Promise<void> => {
    readyPromise ??= (
      options.readonly === true ? pool.query('SELECT 1').then(() => undefined) : migrate()
    ).catch((error: unknown) => {
      readyPromise = undefined
      throw fail('cannot open the state database', error)
    })
    return readyPromise
  }

  async function apply(client: pg.PoolClient, c: StoreChange): Promise<number[]> {
    if (fence) {
      const targets = targetsOf(c)
      const lost = fence.holds ? targets.filter((x) => !fence?.holds?.(x)) : []
      if (lost.length > 0)
        throw new LeaseError(lost, `not the owner of ${lost.join(', ')} any more (lease expired locally)`)
      if (targets.length > 0) {
        // FOR SHARE: a takeover (UPDATE … SKIP LOCKED) cannot take these rows before this commit ends
        const held = await client.query(
          'SELECT target FROM fleet_leases WHERE target = ANY($1) AND owner = $2 AND expires_at > now() FOR SHARE',
          [targets, fence.instance],
        )
        const mine = new Set(held.rows.map((r: Row) => str(r.target)))
        const notHeld = targets.filter((x) => !mine.has(x))
        if (notHeld.length > 0)
          throw new LeaseError(
            notHeld,
            `not the owner of ${notHeld.join(', ')} (lease expired or taken over)`,
          )
      }
    }
    let ids: number[] = []
    const open = c.openIntents ?? []
    if (open.length > 0) {
      // ids taken first, so they come back in the order of the intents
      const seq = await client.query("SELECT nextval('intents_id_seq') AS id FROM generate_series(1, $1)", [
        open.length,
      ])
      ids = seq.rows.map((r: Row) => num(r.id))
      await client.query(
        `INSERT INTO intents (id, target, source_ticket, kind, tag, copy_ticket, request, at_ms)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])`,
        [
          ids,
          open.map((i) => i.target),
          open.map((i) => i.sourceTicket.toString()),
          open.map((i) => i.kind),
          open.map((i) => i.tag),
          open.map((i) => t(i.copyTicket)),
          open.map((i) => i.request),
          open.map((i) => ms(i.atMs)),
        ],
      )
    }
    for (const i of c.closeIntents ?? [])
      await client.query(
        'UPDATE intents SET status = $1, copy_ticket = coalesce($2, copy_ticket), retcode = $3, message = $4, closed_at_ms = $5 WHERE id = $6',
        [i.status, t(i.copyTicket), i.retcode ?? null, i.message ?? null, ms(i.atMs), i.id],
      )
    const links = dedupe(c.links ?? [], (l) => `${l.target}/${l.sourceTicket}`)
    if (links.length > 0)
      await client.query(
        `INSERT INTO links (target, source_ticket, copy_ticket, status)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (target, source_ticket) DO UPDATE SET copy_ticket = excluded.copy_ticket, status = excluded.status`,
        [
          links.map((l) => l.target),
          links.map((l) => l.sourceTicket.toString()),
          links.map((l) => l.copyTicket.toString()),
          links.map((l) => l.status),
        ],
      )
    const counters = dedupe(c.orphanCounters ?? [], (o) => `${o.target}/${o.sourceTicket}`)
    const kept = counters.filter((o) => o.count > 0)
    const dropped = counters.filter((o) => o.count <= 0)
    if (kept.length > 0)
      await client.query(
        `INSERT INTO orphan_counters (target, source_ticket, count)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
         ON CONFLICT (target, source_ticket) DO UPDATE SET count = excluded.count`,
        [kept.map((o) => o.target), kept.map((o) => o.sourceTicket.toString()), kept.map((o) => o.count)],
      )
    if (dropped.length > 0)
      await client.query(
        'DELETE FROM orphan_counters o USING unnest($1::text[], $2::text[]) AS d(target, source_ticket) WHERE o.target = d.target AND o.source_ticket = d.source_ticket',
        [dropped.map((o) => o.target), dropped.map((o) => o.sourceTicket.toString())],
      )
    const refusals = dedupe(c.refusals ?? [], (r) => `${r.target}/${r.sourceTicket}`)
    if (refusals.length > 0)
      await client.query(
        `INSERT INTO refusals (target, source_ticket, reason, fingerprint, detail, at_ms)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
         ON CONFLICT (target, source_ticket) DO UPDATE SET reason = excluded.reason, fingerprint = excluded.fingerprint, detail = excluded.detail, at_ms = excluded.at_ms`,
        [
          refusals.map((r) => r.target),
          refusals.map((r) => r.sourceTicket.toString()),
          refusals.map((r) => r.reason),
          refusals.map((r) => r.fingerprint),
          refusals.map((r) => r.detail),
          refusals.map((r) => ms(r.atMs)),
        ],
      )
    const cleared = c.clearRefusals ?? []
    if (cleared.length > 0)
      await client.query(
        'DELETE FROM refusals r USING unnest($1::text[], $2::text[]) AS d(target, source_ticket) WHERE r.target = d.target AND r.source_ticket = d.source_ticket',
        [cleared.map((r) => r.target), cleared.map((r) => r.sourceTicket.toString())],
      )
    const checks = dedupe(c.orphanChecks ?? [], (k) => k.target)
    if (checks.length > 0)
      await client.query(
        `INSERT INTO orphan_checks (target, at_ms) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT (target) DO UPDATE SET at_ms = excluded.at_ms`,
        [checks.map((k) => k.target), checks.map((k) => ms(k.atMs))],
      )
    const actions = c.actions ?? []
    if (actions.length > 0)
      await client.query(
        // in the order given: the history is read newest first by id
        `INSERT INTO actions (at_ms, target, source_ticket, action, reason, detail, copy_ticket)
         SELECT at_ms, target, source_ticket, action, reason, detail, copy_ticket
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           WITH ORDINALITY AS a(at_ms, target, source_ticket, action, reason, detail, copy_ticket, n)
         ORDER BY n`,
        [
          actions.map((a) => ms(a.atMs)),
          actions.map((a) => a.target),
          actions.map((a) => a.sourceTicket.toString()),
          actions.map((a) => a.action),
          actions.map((a) => a.reason),
          actions.map((a) => a.detail),
          actions.map((a) => t(a.copyTicket)),
        ],
      )
    return ids
  }

  const query = async (text: string, values: unknown[] = []): Promise<Row[]> => {
    await ready()
    try {
      return (await pool.query(text, values)).rows as Row[]
    } catch (error) {
      throw fail('cannot read the state database', error)
    }
  }

  let closed: Promise<void> | undefined
  return {
    pool,
    url,
    readonly: options.readonly === true,
    ready,
    heartbeatPool() {
      if (!beats) {
        beats = new pg.Pool({
          connectionString: options.connectionString,
          max: 2,
          connectionTimeoutMillis: 5_000,
          application_name: 'mt5web-copier fleet',
        })
        reportConnectionErrors(beats, (error) =>
          options.onError?.(redactError(error, options.connectionString)),
        )
      }
      return beats
    },
    setFence(next) {
      fence = next
    },
    async load(): Promise<StoreState> {
      const [links, counters, refusals, checks] = await Promise.all([
        query('SELECT target, source_ticket, copy_ticket, status FROM links'),
        query('SELECT target, source_ticket, count FROM orphan_counters'),
        query('SELECT target, source_ticket, reason, fingerprint, detail, at_ms FROM refusals'),
        query('SELECT target, at_ms FROM orphan_checks'),
      ])
      return toState(links, counters, refusals, checks)
    },
    async commit(change) {
      if (options.readonly === true) throw new StateError('the state database is open read-only')
      await ready()
      let client: pg.PoolClient
      try {
        client = await pool.connect()
      } catch (error) {
        throw fail('cannot write the state database', error)
      }
      let broken = false
      try {
        await client.query('BEGIN')
        const ids = await apply(client, change)
        await client.query('COMMIT')
        return ids
      } catch (error) {
        // a connection that cannot even roll back is dropped from the pool, not reused
        await client.query('ROLLBACK').catch(() => {
          broken = true
        })
        if (error instanceof LeaseError) throw error
        throw fail('cannot write the state database', error)
      } finally {
        client.release(broken)
      }
    },
    async openIntents() {
      return (await query("SELECT * FROM intents WHERE status = 'open' ORDER BY id")).map(toIntent)
    },
    async recentActions(limit) {
      return (await query('SELECT * FROM actions ORDER BY id DESC LIMIT $1', [limit])).map(toAction)
    },
    async schemaVersion() {
      return num((await query('SELECT coalesce(max(version), 0) AS v FROM copier_migrations'))[0]?.v)
    },
    close() {
      closed ??= Promise.all([pool.end(), beats?.end()]).then(
        () => undefined,
        (error: unknown) => {
          throw fail('cannot close the state database', error)
        },
      )
      return closed
    },
  }
}

/** The last of each key wins, as consecutive upserts in one transaction would leave it. */
function dedupe<X>(list: readonly X[], key: (x: X) => string): X[] {
  const m = new Map<string, X>()
  for (const x of list) {
    const k = key(x)
    m.delete(k)
    m.set(k, x)
  }
  return [...m.values()]
}
