/**
 * Leases and fencing on a real PostgreSQL (issue #14): fair shares, takeover of an expired lease,
 * the local deadline (a manual monotonic clock), and writes refused to a member that does not hold
 * the target's lease.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { LeaseError } from '../../../src/errors.js'
import type { TargetTrader } from '../../../src/exec/trader.js'
import { createFleet, type Fleet, gateTrader } from '../../../src/fleet/fleet.js'
import { openPostgresStore, type PostgresStore } from '../../../src/state/postgres.js'
import { pgDatabasePerTest, pgPerFile } from '../../helpers/postgres.js'

const cluster = pgPerFile()
const database = pgDatabasePerTest(cluster)
const targets = Array.from({ length: 7 }, (_, i) => `t${i}`)

const opened: { store: PostgresStore; fleet?: Fleet }[] = []
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.fleet?.close()
    await o.store.close()
  }
})

function member(
  instance: string,
  options: { clock?: () => number; leaseSeconds?: number; share?: 'fair' | 'all' } = {},
) {
  const store = openPostgresStore({ connectionString: database() })
  const events: string[] = []
  const fleet = createFleet({
    pool: store.heartbeatPool(),
    instance,
    targets,
    leaseSeconds: options.leaseSeconds ?? 30,
    share: options.share ?? 'fair',
    onAcquired: (ids, from) =>
      events.push(`acquired ${ids.length} from ${[...new Set(from.values())].join()}`),
    onLost: (ids) => events.push(`lost ${ids.length}`),
    drain: async () => undefined,
    onError: (e) => events.push(`error ${e.message}`),
    ...(options.clock ? { monotonic: options.clock } : {}),
  })
  store.setFence({ instance, holds: (t) => fleet.mayWrite(t), epoch: (t) => fleet.epochOf(t) })
  opened.push({ store, fleet })
  return { store, fleet, events }
}

describe('fleet leases on PostgreSQL', { timeout: 30_000 }, () => {
  it('shares the targets fairly: ceil(targets / live instances), each held by one', async () => {
    const a = member('a')
    await a.store.ready()
    await a.fleet.tick()
    expect(a.fleet.held()).toHaveLength(7)
    const b = member('b')
    await b.store.ready()
    await b.fleet.tick() // b is live: a's share drops to 4, b finds nothing free yet
    await a.fleet.tick() // a drains its surplus…
    await a.fleet.tick() // …and releases it
    await b.fleet.tick()
    expect(a.fleet.held()).toHaveLength(4)
    expect(b.fleet.held()).toHaveLength(3)
    expect(new Set([...a.fleet.held(), ...b.fleet.held()]).size).toBe(7)
    expect(b.events).toContain('acquired 3 from ')
  })

  it('stops acting at its local deadline, before the database lets another member take over', async () => {
    let now = 0
    const a = member('a', { clock: () => now, leaseSeconds: 3 })
    await a.store.ready()
    await a.fleet.tick()
    expect(a.fleet.holds('t0')).toBe(true)
    now += 1999
    expect(a.fleet.holds('t0')).toBe(true)
    now += 2 // leaseSeconds − a third, after the heartbeat started
    expect(a.fleet.holds('t0')).toBe(false)
    expect(a.fleet.mayWrite('t0')).toBe(false)
    await expect(a.store.commit({ orphanChecks: [{ target: 't0', atMs: 1 }] })).rejects.toBeInstanceOf(
      LeaseError,
    )
    // b cannot take them before the database's expiry
    const b = member('b', { share: 'all' })
    await b.store.ready()
    await b.fleet.tick()
    expect(b.fleet.held()).toEqual([])
  })

  it('takes an expired lease over, naming the previous owner; the stale owner can write nothing', async () => {
    const a = member('a', { leaseSeconds: 2 })
    await a.store.ready()
    await a.fleet.tick()
    const b = member('b', { share: 'all', leaseSeconds: 2 })
    await b.store.ready()
    await new Promise((r) => setTimeout(r, 2100))
    await b.fleet.tick()
    expect(b.fleet.held()).toHaveLength(7)
    expect(b.events).toContain('acquired 7 from a')
    // a's own fence (database side): its lease is gone even were its local view stale
    a.store.setFence({ instance: 'a' })
    const error = await a.store
      .commit({ links: [{ target: 't1', sourceTicket: 1n, copyTicket: 2n, status: 'active' }] })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LeaseError)
    expect((error as LeaseError).targets).toEqual(['t1'])
    expect((await b.store.load()).links).toEqual([])
    await b.store.commit({ links: [{ target: 't1', sourceTicket: 1n, copyTicket: 2n, status: 'active' }] })
    expect((await a.store.load()).links).toHaveLength(1)
  })

  it('counts heartbeats, renewals, takeovers, losses and failures, and the age of the last heartbeat', async () => {
    let now = 0
    const a = member('a', { leaseSeconds: 2, clock: () => now })
    await a.store.ready()
    expect(a.fleet.stats()).toMatchObject({ heartbeats: 0, liveInstances: 0, lastHeartbeatAgeMs: null })
    await a.fleet.tick()
    await a.fleet.tick()
    now += 250
    expect(a.fleet.stats()).toEqual({
      heartbeats: 2,
      heartbeatFailures: 0,
      renewals: 7,
      acquired: 7,
      takeovers: 0,
      lost: 0,
      liveInstances: 1,
      lastHeartbeatAgeMs: 250,
    })
    // b takes the leases over once they expire in the database; a finds them taken
    const b = member('b', { share: 'all', leaseSeconds: 2 })
    await b.store.ready()
    await new Promise((r) => setTimeout(r, 2100))
    await b.fleet.tick()
    expect(b.fleet.stats()).toMatchObject({ heartbeats: 1, acquired: 7, takeovers: 7, liveInstances: 1 })
    await a.fleet.tick()
    expect(a.fleet.stats()).toMatchObject({ heartbeats: 3, lost: 7, liveInstances: 2 })
    // a heartbeat the database refuses (its table gone for a moment): a failure, the age keeps growing
    await cluster().query(database(), 'ALTER TABLE fleet_instances RENAME TO fleet_instances_away')
    await a.fleet.tick()
    await cluster().query(database(), 'ALTER TABLE fleet_instances_away RENAME TO fleet_instances')
    now += 1000
    expect(a.fleet.stats()).toMatchObject({ heartbeats: 3, heartbeatFailures: 1, lastHeartbeatAgeMs: 1000 })
  })

  it('takes back at once, under a new epoch, the leases it counted as lost while the database kept them', async () => {
    let now = 0
    const a = member('a', { leaseSeconds: 2, clock: () => now })
    await a.store.ready()
    await a.fleet.tick()
    const before = a.fleet.epochOf('t0')
    // a lagging heartbeat: the local deadline passes (the timer reports the loss), the database
    // still has a as the owner for a while
    now += 2000
    await new Promise((r) => setTimeout(r, 1500))
    expect(a.events).toContain('lost 7')
    expect(a.fleet.held()).toEqual([])
    await a.fleet.tick()
    expect(a.fleet.held()).toHaveLength(7)
    expect(a.events.at(-1)).toBe('acquired 7 from a')
    expect(a.fleet.epochOf('t0')).toBe((before ?? 0) + 1)
    // a write decided under the old epoch is refused by the database
    a.store.setFence({ instance: 'a', epoch: () => before })
    await expect(a.store.commit({ orphanChecks: [{ target: 't0', atMs: 1 }] })).rejects.toBeInstanceOf(
      LeaseError,
    )
    expect(a.fleet.stats()).toMatchObject({ takeovers: 0, lost: 7, acquired: 14 })
  })

  it('gates trade calls on the lease', async () => {
    let held = true
    const calls: string[] = []
    const trader = {
      tradeRequest: async () => {
        calls.push('trade')
        return {} as never
      },
    } as unknown as TargetTrader
    const gated = gateTrader({ mayWrite: () => held }, 't0', trader)
    await gated.tradeRequest({} as never)
    held = false
    expect(() => gated.tradeRequest({} as never)).toThrow(LeaseError)
    expect(calls).toEqual(['trade'])
  })
})
