/**
 * The default {@link Store}: one SQLite file through better-sqlite3 (12.x: 13 needs Node 22).
 * WAL journal (readers such as `mt5web-copier status` never block the service) with
 * `synchronous=NORMAL`: a committed transaction is in the WAL file before `commit` returns, so it
 * survives `kill -9` and any crash of the process; only an OS crash or power loss can lose the last
 * commits (the next start then settles them by tag lookup, as for any interrupted intent). FULL
 * would add an fsync to every decision, milliseconds on the hot path. A busy timeout makes a second
 * process wait instead of failing. Each {@link StoreChange} is one transaction.
 *
 * Checkpoints (the WAL copied back into the database file: NORMAL's only fsyncs, two of them) are
 * not left to SQLite, which runs one inside whichever commit crosses 1,000 WAL pages: now and then
 * the decision commit between a push and its requests. They run after the commit's turn of the
 * event loop instead (`setImmediate`: after the requests the decision sends), every
 * {@link CHECKPOINT_EVERY} commits.
 */
import Database from 'better-sqlite3'
import { StateError } from '../errors.js'
import { migrations } from './migrations.js'
import { num, type Row, toAction, toIntent, toState } from './rows.js'
import type { Store, StoreChange, StoreState } from './store.js'

/**
 * Commits between two checkpoints: a decision and an outcome write a few pages each, so the WAL
 * stays within a few hundred pages (SQLite's own default: 1,000).
 */
export const CHECKPOINT_EVERY = 100

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Open read-only (the `status` command): no migration, no write. */
  readonly?: boolean
  /** A failure off the commit path (a checkpoint): the store goes on. */
  onError?: (error: Error) => void
}

/**
 * One batch of pruning per table. History rows are appended in time order, so the rows to delete
 * are at the low ids: the bound is the first row recent enough (a scan from the oldest row that stops
 * there, no index on the push path's tables), capped below the newest row (never deleted: the next
 * id is the largest + 1). A row out of time order below the bound is left for a later run.
 */
function prunes(db: Database.Database) {
  const batch = (table: string, old: string) =>
    db.prepare(
      `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE id < coalesce((SELECT id FROM ${table} WHERE at_ms >= @before ORDER BY id LIMIT 1), (SELECT max(id) FROM ${table})) AND ${old} ORDER BY id LIMIT @limit)`,
    )
  return {
    pruneIntents: batch('intents', "status <> 'open' AND coalesce(closed_at_ms, at_ms) < @before"),
    pruneActions: batch('actions', 'at_ms < @before'),
  }
}

/** Applies the missing migrations in one transaction; refuses a database newer than this code. */
function migrate(db: Database.Database, path: string): void {
  const version = num(db.pragma('user_version', { simple: true }))
  if (version > migrations.length)
    throw new StateError(
      `state database ${path} has schema version ${version}, newer than this copier's ${migrations.length}: upgrade the copier`,
    )
  if (version === migrations.length) return
  db.transaction(() => {
    for (let v = version; v < migrations.length; v++) db.exec(migrations[v] as string)
    db.pragma(`user_version = ${migrations.length}`)
  }).immediate()
}

/**
 * Opens (creating and migrating when needed) the SQLite state at `path` (`:memory:` for tests).
 *
 * @throws StateError when the file cannot be opened or has a newer schema
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  let db: Database.Database
  try {
    db = new Database(path, { readonly: options.readonly === true, fileMustExist: options.readonly === true })
    db.pragma('busy_timeout = 5000')
    if (options.readonly !== true) {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      // checkpoints are run by `checkpointLater`, off the commit that sends a decision's requests
      db.pragma('wal_autocheckpoint = 0')
      migrate(db, path)
    }
  } catch (error) {
    if (error instanceof StateError) throw error
    throw new StateError(`cannot open the state database ${path}: ${(error as Error).message}`, {
      cause: error,
    })
  }

  const q = {
    links: db.prepare('SELECT target, source_ticket, copy_ticket, status FROM links'),
    counters: db.prepare('SELECT target, source_ticket, count FROM orphan_counters'),
    refusals: db.prepare('SELECT target, source_ticket, reason, fingerprint, detail, at_ms FROM refusals'),
    checks: db.prepare('SELECT target, at_ms FROM orphan_checks'),
    openIntents: db.prepare("SELECT * FROM intents WHERE status = 'open' ORDER BY id"),
    recent: db.prepare('SELECT * FROM actions ORDER BY id DESC LIMIT ?'),
  }
  // write statements only exist on a writable database
  const w =
    options.readonly === true
      ? undefined
      : {
          openIntent: db.prepare(
            'INSERT INTO intents (target, source_ticket, kind, tag, copy_ticket, request, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
          ),
          closeIntent: db.prepare(
            'UPDATE intents SET status = ?, copy_ticket = coalesce(?, copy_ticket), retcode = ?, message = ?, closed_at_ms = ? WHERE id = ?',
          ),
          link: db.prepare(
            'INSERT INTO links (target, source_ticket, copy_ticket, status) VALUES (?, ?, ?, ?) ON CONFLICT (target, source_ticket) DO UPDATE SET copy_ticket = excluded.copy_ticket, status = excluded.status',
          ),
          counter: db.prepare(
            'INSERT INTO orphan_counters (target, source_ticket, count) VALUES (?, ?, ?) ON CONFLICT (target, source_ticket) DO UPDATE SET count = excluded.count',
          ),
          dropCounter: db.prepare('DELETE FROM orphan_counters WHERE target = ? AND source_ticket = ?'),
          refusal: db.prepare(
            'INSERT INTO refusals (target, source_ticket, reason, fingerprint, detail, at_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (target, source_ticket) DO UPDATE SET reason = excluded.reason, fingerprint = excluded.fingerprint, detail = excluded.detail, at_ms = excluded.at_ms',
          ),
          dropRefusal: db.prepare('DELETE FROM refusals WHERE target = ? AND source_ticket = ?'),
          check: db.prepare(
            'INSERT INTO orphan_checks (target, at_ms) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET at_ms = excluded.at_ms',
          ),
          ...prunes(db),
          action: db.prepare(
            'INSERT INTO actions (at_ms, target, source_ticket, action, reason, detail, copy_ticket) VALUES (?, ?, ?, ?, ?, ?, ?)',
          ),
        }

  const apply = (c: StoreChange): number[] => {
    if (!w) throw new StateError('the state database is open read-only')
    const ids: number[] = []
    for (const i of c.openIntents ?? [])
      ids.push(
        num(
          w.openIntent.run(
            i.target,
            i.sourceTicket.toString(),
            i.kind,
            i.tag,
            i.copyTicket?.toString() ?? null,
            i.request,
            i.atMs,
          ).lastInsertRowid,
        ),
      )
    for (const i of c.closeIntents ?? [])
      w.closeIntent.run(
        i.status,
        i.copyTicket?.toString() ?? null,
        i.retcode ?? null,
        i.message ?? null,
        i.atMs,
        i.id,
      )
    for (const l of c.links ?? [])
      w.link.run(l.target, l.sourceTicket.toString(), l.copyTicket.toString(), l.status)
    for (const o of c.orphanCounters ?? [])
      if (o.count > 0) w.counter.run(o.target, o.sourceTicket.toString(), o.count)
      else w.dropCounter.run(o.target, o.sourceTicket.toString())
    for (const r of c.refusals ?? [])
      w.refusal.run(r.target, r.sourceTicket.toString(), r.reason, r.fingerprint, r.detail, r.atMs)
    for (const r of c.clearRefusals ?? []) w.dropRefusal.run(r.target, r.sourceTicket.toString())
    for (const k of c.orphanChecks ?? []) w.check.run(k.target, k.atMs)
    for (const a of c.actions ?? [])
      w.action.run(
        a.atMs,
        a.target,
        a.sourceTicket.toString(),
        a.action,
        a.reason,
        a.detail,
        a.copyTicket?.toString() ?? null,
      )
    return ids
  }
  const commit = db.transaction(apply)
  const commitSync = (change: StoreChange): number[] => {
    const ids = commit.immediate(change)
    checkpointLater()
    return ids
  }
  let commits = 0
  let checkpointing = false
  /** A PASSIVE checkpoint (never waits for a reader) once this turn of the event loop is over. */
  const checkpointLater = () => {
    if (++commits < CHECKPOINT_EVERY || checkpointing) return
    commits = 0
    checkpointing = true
    setImmediate(() => {
      checkpointing = false
      if (!db.open) return
      try {
        db.pragma('wal_checkpoint(PASSIVE)')
      } catch (error) {
        // SQLite checkpoints by itself again, inside commits; the next commit reports a broken disk
        db.pragma('wal_autocheckpoint = 1000')
        options.onError?.(
          new StateError(`checkpoint of the state database ${path} failed: ${(error as Error).message}`, {
            cause: error,
          }),
        )
      }
    })
  }

  return {
    async load(): Promise<StoreState> {
      return toState(
        q.links.all() as Row[],
        q.counters.all() as Row[],
        q.refusals.all() as Row[],
        q.checks.all() as Row[],
      )
    },
    async commit(change) {
      return commitSync(change)
    },
    commitSync,
    async prune(beforeMs, limit) {
      if (!w) throw new StateError('the state database is open read-only')
      const p = w
      return db
        .transaction(() => ({
          intents: p.pruneIntents.run({ before: beforeMs, limit }).changes,
          actions: p.pruneActions.run({ before: beforeMs, limit }).changes,
        }))
        .immediate()
    },
    async openIntents() {
      return (q.openIntents.all() as Row[]).map(toIntent)
    },
    async recentActions(limit) {
      return (q.recent.all(limit) as Row[]).map(toAction)
    },
    async schemaVersion() {
      return num(db.pragma('user_version', { simple: true }))
    },
    async close() {
      if (db.open) db.close()
    },
  }
}
