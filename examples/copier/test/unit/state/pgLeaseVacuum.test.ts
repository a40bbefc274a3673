/**
 * Migration 3: autovacuum seldom finds fleet_leases due. Each ANALYZE or VACUUM of it made every
 * connection plan the decision statement again (1.2–7.7 ms on the push path), and with the default
 * thresholds the heartbeats' renewals made it due at every autovacuum visit (once a minute).
 * Renewals are HOT updates (no indexed column changes, room in the page), pruned without a vacuum.
 */
import { describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../../src/state/postgres.js'
import { pgDatabasePerTest, pgPerFile } from '../../helpers/postgres.js'

describe('postgres store: fleet_leases autovacuum', { timeout: 30_000 }, () => {
  const cluster = pgPerFile()
  const database = pgDatabasePerTest(cluster)

  it('renewals are HOT updates, and many heartbeats leave the table below the autovacuum thresholds', async () => {
    const store = openPostgresStore({ connectionString: database() })
    try {
      await store.ready()
      const targets = Array.from({ length: 25 }, (_, i) => `t${i}`)
      await store.pool.query(
        "INSERT INTO fleet_leases (target, owner, epoch, expires_at) SELECT unnest($1::text[]), 'a', 1, now() + interval '15 seconds'",
        [targets],
      )
      // 200 heartbeats' renewals (what leases.ts writes: renewed_at, expires_at)
      for (let beat = 0; beat < 200; beat++)
        await store.pool.query(
          "UPDATE fleet_leases SET renewed_at = now(), expires_at = now() + interval '15 seconds' WHERE owner = 'a'",
        )
      await store.pool.query('SELECT pg_stat_force_next_flush()')
      await store.pool.query('SELECT 1') // the flush happens when this backend next reports its stats
      let row: Record<string, string> | undefined
      for (let i = 0; i < 50; i++) {
        row = (
          await store.pool.query(
            `SELECT s.n_tup_upd, s.n_tup_hot_upd, s.n_dead_tup, s.n_mod_since_analyze, c.reltuples,
               current_setting('autovacuum_vacuum_scale_factor')::float AS vsf,
               current_setting('autovacuum_analyze_scale_factor')::float AS asf,
               coalesce((SELECT split_part(o, '=', 2) FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum_vacuum_threshold=%'), current_setting('autovacuum_vacuum_threshold')) AS vt,
               coalesce((SELECT split_part(o, '=', 2) FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum_analyze_threshold=%'), current_setting('autovacuum_analyze_threshold')) AS at
             FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'fleet_leases'`,
          )
        ).rows[0]
        if (Number(row?.n_tup_upd) >= 5000) break
        await new Promise((r) => setTimeout(r, 100))
        await store.pool.query('SELECT pg_stat_clear_snapshot()')
      }
      expect(Number(row?.n_tup_upd)).toBe(5000)
      // HOT: the renewals add no index entries, and each page prunes their dead versions itself
      expect(Number(row?.n_tup_hot_upd)).toBeGreaterThan(4500)
      // autovacuum's own rule: due once the counts pass threshold + scale factor × rows
      const rows = Math.max(0, Number(row?.reltuples))
      expect(Number(row?.n_dead_tup)).toBeLessThan(Number(row?.vt) + Number(row?.vsf) * rows)
      expect(Number(row?.n_mod_since_analyze)).toBeLessThan(Number(row?.at) + Number(row?.asf) * rows)
    } finally {
      await store.close()
    }
  })
})
