/**
 * The PostgreSQL {@link Store} (node-postgres 8): the SQLite store's schema and semantics on a
 * server several copiers share (issue #14). Each {@link StoreChange} is one statement, so one
 * transaction and one round trip (pgCommit.ts); intents are written before their requests are sent.
 * With a `fence` (a fleet instance), every change that names a target also checks, in the same
 * statement and under a row lock, that this instance holds the target's lease (owner, epoch, expiry
 * by the database's clock): a stale owner's write fails with a {@link LeaseError} and nothing of it
 * is stored (so nothing of it is sent either).
 *
 * Opening is synchronous (like `openSqliteStore`); the connection and the migrations happen on the
 * first call. The connection string may hold a password: only its redacted form reaches an error.
 */
import pg from 'pg'
import { LeaseError, StateError } from '../errors.js'
import {
  COMMIT_STATEMENT,
  COMMIT_STATEMENT_NAME,
  type CommitFence,
  type CommitOutcome,
  commitOutcome,
  commitValues,
  targetsOf,
} from './pgCommit.js'
import { pgMigrations } from './pgMigrations.js'
import { redactError, redactPgUrl } from './pgUrl.js'
import { num, type Row, toAction, toIntent, toState } from './rows.js'
import type { Store, StoreState } from './store.js'

/**
 * Who writes: a fleet instance whose leases fence its writes. `instance` is `fleet_leases.owner`;
 * `epoch` (when given) the epoch each lease was acquired with, so a write decided under a lease the
 * instance lost and took back since is refused as well.
 */
export interface StoreFence extends CommitFence {
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
  /**
   * `false`: the state's connections run with `synchronous_commit = off`, so a decision returns
   * before its WAL reaches the disk (default true: durable before its requests are sent). A server
   * crash may then forget the last decisions: their copies carry their tags and are found again on
   * the targets (links rebuilt, intents settled by lookup), so nothing is duplicated.
   */
  synchronousCommit?: boolean
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

/**
 * One batch of pruning per table, as one statement (sqlite.ts has the reasoning: the rows to delete
 * are at the low ids, the newest row of each table is kept). `SKIP LOCKED`: a row another instance
 * is deleting (or closing) is left to it, so concurrent prunes never wait on each other.
 */
const PRUNE_STATEMENT = `
WITH i AS (
  DELETE FROM intents WHERE id IN (
    SELECT id FROM intents
    WHERE id < coalesce((SELECT id FROM intents WHERE at_ms >= $1 ORDER BY id LIMIT 1), (SELECT max(id) FROM intents))
      AND status <> 'open' AND coalesce(closed_at_ms, at_ms) < $1
    ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
  ) RETURNING 1
), a AS (
  DELETE FROM actions WHERE id IN (
    SELECT id FROM actions
    WHERE id < coalesce((SELECT id FROM actions WHERE at_ms >= $1 ORDER BY id LIMIT 1), (SELECT max(id) FROM actions))
      AND at_ms < $1
    ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
  ) RETURNING 1
)
SELECT (SELECT count(*) FROM i) AS intents, (SELECT count(*) FROM a) AS actions`

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
 * The decision statement's plan is made once per connection. Left to itself, PostgreSQL plans it
 * again at every execution: its parameters are arrays, mostly empty or short, so each custom plan
 * looks cheaper than the generic one and the generic plan is never chosen. Planning fifteen CTEs
 * cost ≈ 0.8 ms of server CPU per decision (the bind step), twice the execution itself, on the push
 * path of a server that shares its cores. The generic plan (unnest estimated at a few rows) uses the
 * primary keys like the custom ones, and is made again when the tables' statistics change.
 * A `SET` when each connection opens (pg-pool's `onConnect`: before the connection is handed out),
 * rather than a startup option, so a pooler that refuses startup options still works; should it fail
 * (a server older than 12), the statement is only planned each time, and the failure is reported.
 */
const planOnce =
  (report: (error: Error) => void) =>
  async (client: pg.ClientBase): Promise<void> => {
    await client.query('SET plan_cache_mode = force_generic_plan').catch(report)
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
    // idle connections are kept: one opened on the push path (a backend started, the commit
    // statement prepared again) costs more than the whole decision
    idleTimeoutMillis: 0,
    application_name: 'mt5web-copier',
    // typed `void` by @types/pg; pg-pool 3.14 awaits the promise
    onConnect: planOnce((error) => options.onError?.(redactError(error, options.connectionString))),
    ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
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

  /**
   * Opens every state connection and prepares the decision statement on each (an empty decision:
   * nothing written, no transaction id, no WAL flush), so no decision on the push path pays the
   * parse and plan of a connection's first use (the fleet benchmark's server log, on a loaded 2-CPU
   * machine: parse 12 ms, bind 14–34 ms, where a later decision's bind takes 0.1 ms).
   */
  async function prepareConnections(): Promise<void> {
    const clients = await Promise.all(
      Array.from({ length: options.maxConnections ?? 4 }, () => pool.connect()),
    )
    try {
      await Promise.all(
        clients.map((c) =>
          c.query({ name: COMMIT_STATEMENT_NAME, text: COMMIT_STATEMENT, values: commitValues({}, []) }),
        ),
      )
    } finally {
      for (const c of clients) c.release()
    }
  }

  let readyPromise: Promise<void> | undefined
  const ready = (): Promise<void> => {
    readyPromise ??= (
      options.readonly === true
        ? pool.query('SELECT 1').then(() => undefined)
        : migrate().then(prepareConnections)
    ).catch((error: unknown) => {
      readyPromise = undefined
      throw fail('cannot open the state database', error)
    })
    return readyPromise
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
      const targets = fence ? targetsOf(change) : []
      if (fence?.holds) {
        const f = fence
        const lost = targets.filter((x) => !f.holds?.(x))
        if (lost.length > 0)
          throw new LeaseError(lost, `not the owner of ${lost.join(', ')} any more (lease expired locally)`)
      }
      let outcome: CommitOutcome
      try {
        // one statement, one round trip, its own transaction (pgCommit.ts)
        const result = await pool.query({
          name: COMMIT_STATEMENT_NAME,
          text: COMMIT_STATEMENT,
          values: commitValues(change, targets, fence),
        })
        outcome = commitOutcome(result.rows[0] as Row | undefined)
      } catch (error) {
        throw fail('cannot write the state database', error)
      }
      if (!outcome.ok) {
        const held = new Set(outcome.held)
        const notHeld = targets.filter((x) => !held.has(x))
        throw new LeaseError(notHeld, `not the owner of ${notHeld.join(', ')} (lease expired or taken over)`)
      }
      return outcome.ids
    },
    async prune(beforeMs, limit) {
      if (options.readonly === true) throw new StateError('the state database is open read-only')
      await ready()
      try {
        // one statement, its own transaction; rows another instance is deleting are skipped
        const row = (await pool.query(PRUNE_STATEMENT, [beforeMs, limit])).rows[0] as Row | undefined
        return { intents: num(row?.intents), actions: num(row?.actions) }
      } catch (error) {
        throw fail('cannot prune the state database', error)
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
