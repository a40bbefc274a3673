/**
 * A copier's membership of a fleet (issue #14): several copiers on one PostgreSQL database share the
 * targets by leases. Every `leaseSeconds / 3` the instance heartbeats (one transaction: its row, its
 * leases renewed, releases, free or expired leases claimed up to its fair share).
 *
 * The instance acts on a target only while {@link Fleet.holds} says so, which is decided locally
 * with a monotonic clock: a lease counts as held until `leaseSeconds − margin` after the START of the
 * last heartbeat that renewed it (the database set its expiry later than that, by its own clock), so
 * an instance cut off from the database stops acting at least `margin` before any other instance can
 * take its targets over. Its writes are also fenced in the database (state/postgres.ts), and its
 * trade calls are gated (`gateTrader`), so a stale owner neither records nor sends anything.
 *
 * Leases given up to rebalance are drained first (nothing in flight on them) and then released; a
 * target taken over is handed to `onAcquired`, which settles the previous owner's open intents by
 * lookup before acting (the copier's full pass does it).
 */
import { hostname } from 'node:os'
import { performance } from 'node:perf_hooks'
import type pg from 'pg'
import { LeaseError } from '../errors.js'
import type { TargetTrader } from '../exec/trader.js'
import { type FleetSnapshot, fleetSnapshot, heartbeat, leave } from './leases.js'

/** Options of {@link createFleet}. */
export interface FleetOptions {
  pool: pg.Pool
  /** This instance's id (default: `host:pid:random`, a new one at every start). */
  instance?: string | undefined
  /** Targets of the configuration (enabled ones). */
  targets: readonly string[]
  leaseSeconds: number
  /** `fair` (a running copier) or `all` (a one-off pass: every target no live instance holds). */
  share: 'fair' | 'all'
  /** Targets just taken: read their state again, settle open intents, reconcile them. */
  onAcquired: (targets: string[], from: Map<string, string | null>) => void
  /** Targets no longer held (expired locally, or found taken in the database). */
  onLost: (targets: string[], why: string) => void
  /** Resolves once nothing is in flight on `targets` (they are no longer acted on). */
  drain: (targets: string[]) => Promise<void>
  onError: (error: Error) => void
  /** Monotonic milliseconds (default `performance.now`). */
  monotonic?: () => number
}

/** What a membership did since it started (`/metrics`). */
export interface FleetStats {
  /** Heartbeats that reached the database and committed. */
  heartbeats: number
  /** Heartbeats that failed (the database unreachable or too slow, a connection dropped). */
  heartbeatFailures: number
  /** Leases renewed, summed over the heartbeats. */
  renewals: number
  /** Leases acquired, free or taken over. */
  acquired: number
  /** Leases taken over from another instance (it died, or was cut off). */
  takeovers: number
  /** Leases lost (expired locally, or found taken in the database). */
  lost: number
  /** Live instances at the last heartbeat, this one included (0 before the first). */
  liveInstances: number
  /** Milliseconds since the last successful heartbeat ended (null before the first). */
  lastHeartbeatAgeMs: number | null
}

/** A fleet membership. */
export interface Fleet {
  readonly instance: string
  /** True while this instance may plan for `target` (lease held, not being released, local deadline not passed). */
  holds(target: string): boolean
  /**
   * True while this instance may still send and record for `target`: `holds`, or being released
   * (the work in flight finishes before the lease is given up).
   */
  mayWrite(target: string): boolean
  /** Targets held now. */
  held(): string[]
  /** The epoch `target`'s lease was acquired with (undefined when not owned). */
  epochOf(target: string): number | undefined
  /** The fleet's tables at the last heartbeat (undefined before the first). */
  snapshot(): FleetSnapshot | undefined
  /** Counts since the start, and the age of the last heartbeat now. */
  stats(): FleetStats
  /** First heartbeat, then one every `leaseSeconds / 3`. */
  start(): Promise<void>
  /** One heartbeat now. */
  tick(): Promise<void>
  /** Stops heartbeating; gives every lease up once drained. */
  close(): Promise<void>
}

/** A new instance id: the host (a Kubernetes pod name), the process and a random part. */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`
}

/** Creates a fleet membership (nothing happens before `start()`). */
export function createFleet(options: FleetOptions): Fleet {
  const instance = options.instance ?? newInstanceId()
  const mono = options.monotonic ?? (() => performance.now())
  const leaseMs = options.leaseSeconds * 1000
  const intervalMs = leaseMs / 3
  // stop acting a third of a lease before the database lets anyone else take it over
  const marginMs = leaseMs / 3
  const owned = new Set<string>()
  /** Target → epoch of its lease when acquired (a renewal keeps it). */
  const epochs = new Map<string, number>()
  const releasing = new Set<string>()
  const released: string[] = []
  let deadline = Number.NEGATIVE_INFINITY
  const counts = { heartbeats: 0, heartbeatFailures: 0, renewals: 0, acquired: 0, takeovers: 0, lost: 0 }
  let liveInstances = 0
  let lastBeatAt: number | undefined
  let last: FleetSnapshot | undefined
  let timer: NodeJS.Timeout | undefined
  let expiry: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let closed = false

  const alive = () => mono() < deadline

  /** Reports every owned target as lost once the local deadline passes without a renewal. */
  function armExpiry(): void {
    if (expiry) clearTimeout(expiry)
    const wait = Math.max(0, deadline - mono())
    expiry = setTimeout(() => {
      if (alive() || owned.size === 0) return
      const lost = [...owned]
      owned.clear()
      releasing.clear()
      counts.lost += lost.length
      options.onLost(lost, 'no renewal before the local deadline (database unreachable?)')
    }, wait + 1)
    expiry.unref()
  }

  async function beat(): Promise<void> {
    const startedAt = mono()
    let client: pg.PoolClient | undefined
    try {
      client = await options.pool.connect()
      const release = released.splice(0)
      const r = await heartbeat(client, {
        instance,
        host: hostname(),
        pid: process.pid,
        targets: options.targets,
        leaseSeconds: options.leaseSeconds,
        share: closed ? 'fair' : options.share,
        release,
        owned: [...owned],
      })
      last = await fleetSnapshot(client)
      client.release()
      client = undefined
      counts.heartbeats++
      counts.renewals += r.renewed.length
      counts.acquired += r.acquired.length
      counts.takeovers += r.acquired.filter(
        (a) => a.previousOwner !== null && a.previousOwner !== instance,
      ).length
      liveInstances = r.liveInstances
      lastBeatAt = mono()
      // a renewal counts from when it was asked: the database's expiry is later than that
      if (mono() - startedAt < leaseMs - marginMs) deadline = startedAt + leaseMs - marginMs
      const renewed = new Set(r.renewed)
      const lost = [...owned].filter((t) => !renewed.has(t))
      for (const t of lost) owned.delete(t)
      for (const t of release) releasing.delete(t)
      counts.lost += lost.length
      if (lost.length > 0) options.onLost(lost, 'taken over or expired in the database')
      const acquired = r.acquired.map((a) => a.target)
      for (const a of r.acquired) {
        owned.add(a.target)
        epochs.set(a.target, a.epoch)
      }
      armExpiry()
      if (acquired.length > 0)
        options.onAcquired(acquired, new Map(r.acquired.map((a) => [a.target, a.previousOwner])))
      // more than the fair share (an instance joined): drain the surplus, release it next heartbeat
      const surplus = owned.size - r.share - releasing.size
      if (surplus > 0 && !closed) {
        const give = [...owned]
          .filter((t) => !releasing.has(t))
          .sort()
          .slice(-surplus)
        for (const t of give) releasing.add(t)
        options
          .drain(give)
          .then(() => {
            for (const t of give) owned.delete(t)
            released.push(...give)
          })
          .catch(options.onError)
      }
    } catch (error) {
      client?.release(true)
      counts.heartbeatFailures++
      options.onError(error instanceof Error ? error : new Error(String(error)))
    }
  }

  function tick(): Promise<void> {
    running ??= beat().finally(() => {
      running = undefined
    })
    return running
  }

  function schedule(): void {
    if (closed) return
    timer = setTimeout(() => {
      void tick().finally(schedule)
    }, intervalMs)
    timer.unref()
  }

  return {
    instance,
    holds: (target) => owned.has(target) && !releasing.has(target) && alive(),
    mayWrite: (target) => owned.has(target) && alive(),
    held: () => (alive() ? [...owned].filter((t) => !releasing.has(t)) : []),
    epochOf: (target) => (owned.has(target) ? epochs.get(target) : undefined),
    snapshot: () => last,
    stats: () => ({
      ...counts,
      liveInstances,
      lastHeartbeatAgeMs: lastBeatAt === undefined ? null : mono() - lastBeatAt,
    }),
    async start() {
      await tick()
      schedule()
    },
    tick,
    async close() {
      if (closed) return
      closed = true
      if (timer) clearTimeout(timer)
      if (expiry) clearTimeout(expiry)
      await running
      const mine = [...owned]
      for (const t of mine) releasing.add(t)
      await options.drain(mine).catch(options.onError)
      owned.clear()
      await leave(options.pool, instance).catch(options.onError)
    },
  }
}

/**
 * `trader` acting for `target` only while `fleet` holds the target: each call is refused with a
 * {@link LeaseError} once the lease is lost, before anything is sent. (A place refused so stays
 * open, its lookup refused too: the target's new owner settles it by its tag.)
 */
export function gateTrader(
  fleet: Pick<Fleet, 'mayWrite'>,
  target: string,
  trader: TargetTrader,
): TargetTrader {
  const check = () => {
    if (!fleet.mayWrite(target))
      throw new LeaseError(
        [target],
        `not the owner of ${target} any more: nothing sent, its new owner settles it`,
      )
  }
  return {
    tradeRequest: (...args) => {
      check()
      return trader.tradeRequest(...args)
    },
    orderCheck: (...args) => {
      check()
      return trader.orderCheck(...args)
    },
    orders: (...args) => {
      check()
      return trader.orders(...args)
    },
    history: (...args) => {
      check()
      return trader.history(...args)
    },
    buyMarket: (...args) => {
      check()
      return trader.buyMarket(...args)
    },
    sellMarket: (...args) => {
      check()
      return trader.sellMarket(...args)
    },
  }
}
