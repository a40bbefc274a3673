/**
 * Schema of the SQLite state, as an append-only list of migrations: the database's
 * `PRAGMA user_version` is the number of migrations applied. Never edit a released migration; add one.
 * Tickets are TEXT: MT5 tickets are unsigned 64-bit, SQLite integers are signed.
 */
export const migrations: readonly string[] = [
  // 1: links, orphan counters, refusals, orphan checks, intents, action history
  `
  CREATE TABLE links (
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    copy_ticket TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'kept', 'preserved', 'closed')),
    PRIMARY KEY (target, source_ticket)
  ) WITHOUT ROWID;
  CREATE TABLE orphan_counters (
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (target, source_ticket)
  ) WITHOUT ROWID;
  CREATE TABLE refusals (
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    reason TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    detail TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    PRIMARY KEY (target, source_ticket)
  ) WITHOUT ROWID;
  CREATE TABLE orphan_checks (
    target TEXT PRIMARY KEY,
    at_ms INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE intents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    kind TEXT NOT NULL,
    tag TEXT NOT NULL,
    copy_ticket TEXT,
    request TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    retcode INTEGER,
    message TEXT,
    closed_at_ms INTEGER
  );
  CREATE INDEX intents_open ON intents (status) WHERE status = 'open';
  CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    copy_ticket TEXT
  );
  `,
  // 2: intents and actions without AUTOINCREMENT. Their ids stay increasing without it (a new row
  // takes the largest id + 1, and history retention never deletes the newest row of these tables:
  // recovery reads open intents in id order, see Store.prune), and a decision commit no longer updates sqlite_sequence, one page less
  // written per commit on the push path. SQLite cannot drop AUTOINCREMENT in place: the tables are
  // copied, ids kept.
  `
  CREATE TABLE intents_v2 (
    id INTEGER PRIMARY KEY,
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    kind TEXT NOT NULL,
    tag TEXT NOT NULL,
    copy_ticket TEXT,
    request TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    retcode INTEGER,
    message TEXT,
    closed_at_ms INTEGER
  );
  INSERT INTO intents_v2 (id, target, source_ticket, kind, tag, copy_ticket, request, at_ms, status, retcode, message, closed_at_ms)
    SELECT id, target, source_ticket, kind, tag, copy_ticket, request, at_ms, status, retcode, message, closed_at_ms FROM intents;
  DROP TABLE intents;
  ALTER TABLE intents_v2 RENAME TO intents;
  CREATE INDEX intents_open ON intents (status) WHERE status = 'open';
  CREATE TABLE actions_v2 (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    copy_ticket TEXT
  );
  INSERT INTO actions_v2 (id, at_ms, target, source_ticket, action, reason, detail, copy_ticket)
    SELECT id, at_ms, target, source_ticket, action, reason, detail, copy_ticket FROM actions;
  DROP TABLE actions;
  ALTER TABLE actions_v2 RENAME TO actions;
  `,
]
