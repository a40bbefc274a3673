/**
 * The fleet's SQL: instance heartbeats and target leases in PostgreSQL (tables of migration 2). The
 * database's `now()` is the only clock; row locks taken with `FOR UPDATE SKIP LOCKED` let several
 * instances claim free leases at once without waiting on each other or claiming one twice.
 *
 * Every change of owner goes through that `FOR UPDATE` claim: it is what a decision's
 * `FOR KEY SHARE` fence (state/pgCommit.ts) holds off. A renewal or a release by the owner itself is
 * a no-key UPDATE, which that fence lets through.
 */
import type pg from 'pg'

/** What one heartbeat did. */
export interface HeartbeatResult {
  /** Leases this instance still holds, renewed (includes those being released). */
  renewed: string[]
  /**
   * Leases taken in this heartbeat, with their previous owner (null: never owned, or released) and
   * their new epoch (the store's fence checks it: a write decided under an older epoch is refused).
   */
  acquired: { target: string; previousOwner: string | null; epoch: number }[]
  /** Live instances, this one included. */
  liveInstances: number
  /** The most leases this instance may hold. */
  share: number
}

/** An instance as the fleet tables show it. */
export interface FleetInstanceRow {
  id: string
  host: string
  pid: number
  startedAtMs: number
  /** Milliseconds since its last heartbeat, by the database's clock. */
  heartbeatAgeMs: number
  alive: boolean
  leases: number
}

/** A lease as the fleet tables show it. */
export interface FleetLeaseRow {
  target: string
  owner: string | null
  epoch: number
  /** Milliseconds left before it expires (negative: expired), by the database's clock. */
  expiresInMs: number | null
}

/** The fleet's tables at one moment. */
export interface FleetSnapshot {
  instances: FleetInstanceRow[]
  leases: FleetLeaseRow[]
}

/** Parameters of one heartbeat. */
export interface HeartbeatParams {
  instance: string
  host: string
  pid: number
  targets: readonly string[]
  leaseSeconds: number
  /** `fair`: at most ceil(targets / live instances); `all`: every lease no live instance holds. */
  share: 'fair' | 'all'
  /** Leases to give up now (drained: nothing in flight on them). */
  release: readonly string[]
  /** Leases this instance holds by its own account: only these are renewed (one lost locally expires). */
  owned: readonly string[]
}

/**
 * One heartbeat, one transaction: the instance's own row, its leases renewed (only those still
 * unexpired: an expired lease may have been taken and is re-acquired as a takeover), releases, then
 * free or expired leases claimed up to the fair share.
 */
export async function heartbeat(client: pg.PoolClient, p: HeartbeatParams): Promise<HeartbeatResult> {
  const lease = `${p.leaseSeconds} seconds`
  await client.query('BEGIN')
  try {
    await client.query(
      `INSERT INTO fleet_instances (id, host, pid, expires_at) VALUES ($1, $2, $3, now() + $4::interval)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), expires_at = excluded.expires_at`,
      [p.instance, p.host, p.pid, lease],
    )
    // instances gone for a day are forgotten (their leases expired long ago)
    await client.query("DELETE FROM fleet_instances WHERE expires_at < now() - interval '1 day'")
    await client.query('INSERT INTO fleet_leases (target) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [
      p.targets,
    ])
    if (p.release.length > 0)
      await client.query(
        `UPDATE fleet_leases SET owner = NULL, expires_at = '-infinity' WHERE owner = $1 AND target = ANY($2)`,
        [p.instance, p.release],
      )
    const renewed = await client.query(
      `UPDATE fleet_leases SET renewed_at = now(), expires_at = now() + $3::interval
       WHERE owner = $1 AND target = ANY($2) AND expires_at > now() RETURNING target`,
      [p.instance, p.owned, lease],
    )
    const live = await client.query('SELECT count(*)::int AS n FROM fleet_instances WHERE expires_at > now()')
    const liveInstances = Math.max(1, Number(live.rows[0]?.n ?? 1))
    const share = p.share === 'all' ? p.targets.length : Math.ceil(p.targets.length / liveInstances)
    const want = share - (renewed.rowCount ?? 0)
    let acquired: HeartbeatResult['acquired'] = []
    if (want > 0) {
      const taken = await client.query(
        // free, expired, or this instance's own that it counts as lost (its local deadline passed
        // while the database kept the lease): taken back at once, first, under a new epoch, so
        // nothing decided under the old one is written
        `WITH free AS (
           SELECT target, owner FROM fleet_leases
           WHERE target = ANY($2)
             AND (owner IS NULL OR expires_at <= now() OR (owner = $1 AND NOT target = ANY($5)))
           ORDER BY coalesce(owner = $1, false) DESC, expires_at, target LIMIT $3 FOR UPDATE SKIP LOCKED
         )
         UPDATE fleet_leases l SET owner = $1, epoch = l.epoch + 1, acquired_at = now(), renewed_at = now(),
           expires_at = now() + $4::interval
         FROM free WHERE l.target = free.target
         RETURNING l.target, free.owner AS previous, l.epoch`,
        [p.instance, p.targets, want, lease, p.owned],
      )
      acquired = taken.rows.map((r: { target: string; previous: string | null; epoch: string }) => ({
        target: r.target,
        previousOwner: r.previous,
        epoch: Number(r.epoch),
      }))
    }
    await client.query('COMMIT')
    return {
      renewed: renewed.rows.map((r: { target: string }) => r.target),
      acquired,
      liveInstances,
      share,
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** Gives every lease of `instance` up and removes its row (a graceful stop: its targets move at once). */
export async function leave(pool: pg.Pool, instance: string, targets?: readonly string[]): Promise<void> {
  if (targets) {
    await pool.query(
      `UPDATE fleet_leases SET owner = NULL, expires_at = '-infinity' WHERE owner = $1 AND target = ANY($2)`,
      [instance, targets],
    )
    return
  }
  await pool.query(`UPDATE fleet_leases SET owner = NULL, expires_at = '-infinity' WHERE owner = $1`, [
    instance,
  ])
  await pool.query('DELETE FROM fleet_instances WHERE id = $1', [instance])
}

/** The fleet's instances and leases now. */
export async function fleetSnapshot(pool: pg.Pool | pg.PoolClient): Promise<FleetSnapshot> {
  const instances = await pool.query(
    `SELECT i.id, i.host, i.pid, extract(epoch FROM i.started_at) * 1000 AS started_ms,
       extract(epoch FROM now() - i.heartbeat_at) * 1000 AS age_ms, i.expires_at > now() AS alive,
       (SELECT count(*) FROM fleet_leases l WHERE l.owner = i.id AND l.expires_at > now())::int AS leases
     FROM fleet_instances i ORDER BY i.started_at, i.id`,
  )
  const leases = await pool.query(
    `SELECT target, owner, epoch,
       CASE WHEN expires_at = '-infinity' THEN NULL ELSE extract(epoch FROM expires_at - now()) * 1000 END AS left_ms
     FROM fleet_leases ORDER BY target`,
  )
  return {
    instances: instances.rows.map((r: Record<string, unknown>) => ({
      id: String(r.id),
      host: String(r.host),
      pid: Number(r.pid),
      startedAtMs: Math.round(Number(r.started_ms)),
      heartbeatAgeMs: Math.round(Number(r.age_ms)),
      alive: r.alive === true,
      leases: Number(r.leases),
    })),
    leases: leases.rows.map((r: Record<string, unknown>) => ({
      target: String(r.target),
      owner: r.owner === null ? null : String(r.owner),
      epoch: Number(r.epoch),
      expiresInMs: r.left_ms === null ? null : Math.round(Number(r.left_ms)),
    })),
  }
}
