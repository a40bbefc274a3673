/**
 * Schema of the PostgreSQL state, as an append-only list of migrations; `copier_migrations` holds one
 * row per migration applied. Migration 1 is the SQLite schema (`migrations.ts`) in PostgreSQL's
 * types (tickets TEXT: MT5 tickets are unsigned 64-bit; times BIGINT UTC ms); migration 2 adds the
 * fleet: instances with their heartbeats and one lease per target; migration 3 makes autovacuum of
 * the leases rare (it made the decision statement re-plan). Never edit a released migration.
 */
export const pgMigrations: readonly string[] = [
  // 1: links, orphan counters, refusals, orphan checks, intents, action history
  `
  CREATE TABLE links (
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    copy_ticket TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'kept', 'preserved', 'closed')),
    PRIMARY KEY (target, source_ticket)
  );
  CREATE TABLE orphan_counters (
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (target, source_ticket)
  );
  CREATE TABLE refusals (
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    reason TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    detail TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    PRIMARY KEY (target, source_ticket)
  );
  CREATE TABLE orphan_checks (
    target TEXT PRIMARY KEY,
    at_ms BIGINT NOT NULL
  );
  CREATE TABLE intents (
    id BIGSERIAL PRIMARY KEY,
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    kind TEXT NOT NULL,
    tag TEXT NOT NULL,
    copy_ticket TEXT,
    request TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    retcode INTEGER,
    message TEXT,
    closed_at_ms BIGINT
  );
  CREATE INDEX intents_open ON intents (target) WHERE status = 'open';
  CREATE TABLE actions (
    id BIGSERIAL PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    target TEXT NOT NULL,
    source_ticket TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    copy_ticket TEXT
  );
  `,
  // 2: the fleet. Every time is the database's now(): the one clock all instances share.
  `
  CREATE TABLE fleet_instances (
    id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE fleet_leases (
    target TEXT PRIMARY KEY,
    owner TEXT,
    -- +1 at every change of owner: how many times the target moved
    epoch BIGINT NOT NULL DEFAULT 0,
    acquired_at TIMESTAMPTZ,
    renewed_at TIMESTAMPTZ,
    expires_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity'
  );
  CREATE INDEX fleet_leases_owner ON fleet_leases (owner);
  `,
  // 3: autovacuum of fleet_leases, rare. Every ANALYZE or VACUUM of a table the decision statement
  // reads invalidates its cached plan on every connection, and the next decision plans it again on
  // the push path (1.2–7.7 ms measured, the first after an ANALYZE of fleet_leases the dearest).
  // fleet_leases keeps one row per target and every heartbeat renews them all, so with the default
  // thresholds (50 rows + 10–20 %) autovacuum found it due at every visit (once a minute): one
  // decision a minute paid a new plan, for a table whose statistics never change (its rows are
  // looked up by primary key). Renewals change no indexed column: with room left in each page
  // (fillfactor 50) they are HOT updates, whose dead versions each page prunes itself, so vacuum is
  // needed rarely (the anti-wraparound vacuum is not affected by these settings).
  `
  ALTER TABLE fleet_leases SET (
    fillfactor = 50,
    autovacuum_analyze_threshold = 1000000,
    autovacuum_vacuum_threshold = 100000
  );
  `,
]
