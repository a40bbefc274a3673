/**
 * A fleet member's metrics (PostgreSQL state, issue #14), read from the status snapshot at scrape
 * time like the other gauges: leases held, heartbeats and renewals, takeovers and losses, the live
 * instances it sees and the age of its last heartbeat. Each series is labelled with the member's
 * instance id (`member`: host, pid and a random part, new at every start); a copier on its own
 * exports none.
 *
 * The counters are kept by the membership as totals since it started; each scrape adds what grew
 * since the last one, so a counter never goes down.
 */
import { Counter, Gauge, type Registry } from 'prom-client'
import type { CopierStatus } from '../http/status.js'

type CountedStat = 'heartbeats' | 'heartbeatFailures' | 'renewals' | 'takeovers' | 'lost'

const COUNTERS: readonly { stat: CountedStat; name: string; help: string }[] = [
  {
    stat: 'heartbeats',
    name: 'fleet_heartbeats_total',
    help: 'Fleet heartbeats committed (each renews the leases held and claims the fair share)',
  },
  {
    stat: 'heartbeatFailures',
    name: 'fleet_heartbeat_failures_total',
    help: 'Fleet heartbeats that failed (database unreachable or too slow): leases are lost after leaseSeconds × 2/3 without one',
  },
  {
    stat: 'renewals',
    name: 'fleet_lease_renewals_total',
    help: 'Leases renewed, summed over the heartbeats',
  },
  {
    stat: 'takeovers',
    name: 'fleet_takeovers_total',
    help: 'Leases taken over from another instance (it died or was cut off from the database)',
  },
  {
    stat: 'lost',
    name: 'fleet_leases_lost_total',
    help: 'Leases lost by this instance (expired locally without a renewal, or found taken)',
  },
]

/** Registers the fleet metrics; `current` is the snapshot of the scrape in progress. */
export function registerFleetMetrics(
  prefix: string,
  registers: Registry[],
  current: () => CopierStatus,
): void {
  const labelNames = ['member'] as const
  const member = () => {
    const fleet = current().fleet
    return fleet?.stats ? { member: fleet.instance, held: fleet.held.length, stats: fleet.stats } : undefined
  }
  new Gauge({
    name: `${prefix}fleet_leases_held`,
    help: 'Targets whose lease this instance holds and acts on',
    labelNames,
    registers,
    collect() {
      this.reset()
      const m = member()
      if (m) this.set({ member: m.member }, m.held)
    },
  })
  new Gauge({
    name: `${prefix}fleet_instances`,
    help: 'Live fleet instances seen at the last heartbeat, this one included',
    labelNames,
    registers,
    collect() {
      this.reset()
      const m = member()
      if (m) this.set({ member: m.member }, m.stats.liveInstances)
    },
  })
  new Gauge({
    name: `${prefix}fleet_heartbeat_age_seconds`,
    help: "Seconds since this instance's last successful heartbeat (alert well before leaseSeconds × 2/3)",
    labelNames,
    registers,
    collect() {
      this.reset()
      const m = member()
      if (m && m.stats.lastHeartbeatAgeMs !== null)
        this.set({ member: m.member }, m.stats.lastHeartbeatAgeMs / 1000)
    },
  })
  for (const { stat, name, help } of COUNTERS) {
    /** Member → the total already counted. */
    const seen = new Map<string, number>()
    new Counter({
      name: `${prefix}${name}`,
      help,
      labelNames,
      registers,
      collect() {
        const m = member()
        if (!m) return
        const before = seen.get(m.member) ?? 0
        const total = m.stats[stat]
        // inc by 0 creates the series: it is exported from the first scrape on
        this.inc({ member: m.member }, Math.max(0, total - before))
        seen.set(m.member, Math.max(before, total))
      },
    })
  }
}
