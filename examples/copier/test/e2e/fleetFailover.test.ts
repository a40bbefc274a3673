/**
 * Failover of a fleet on PostgreSQL (issue #14): a member killed with SIGKILL during a burst (a real
 * `mt5web-copier run` process) has ALL its targets taken over within `leaseSeconds` + one reconcile,
 * with exactly one copy of every source order everywhere; a member cut off from the database stops
 * acting before its leases can be taken (never two owners at once: every timestamp compared on this
 * machine's wall clock, which the database's `now()` shares), then rejoins.
 *
 * The time bounds come from the configuration, with the one margin a loaded machine needs: a
 * heartbeat may run one interval late.
 */
import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { pgDatabasePerTest, pgPerFile } from '../helpers/postgres.js'
import { startCopierCli } from './_cli.js'
import {
  copierOptions,
  placeSource,
  type SimEnv,
  SOURCE_LOGIN,
  simPerTest,
  T,
  until,
  writeConfig,
} from './_env.js'
import {
  fleetBroker,
  fleetConfig,
  fleetMember,
  inSync,
  oneSessionEach,
  placements,
  pricesFollow,
  startProxy,
  wallOf,
} from './_fleet.js'

const LEASE_SECONDS = 4
const TARGETS = 12
const LEASE_MS = LEASE_SECONDS * 1000
/** A member heartbeats every leaseSeconds / 3 (fleet.ts). */
const HEARTBEAT_MS = LEASE_MS / 3
/**
 * Kill → every lease of the dead member held by a survivor: its leases expire at most `leaseSeconds`
 * after its last renewal (before the kill), a survivor claims them at its next heartbeat, and on a
 * loaded machine that heartbeat may come one interval late.
 */
const ACQUIRE_BOUND_MS = LEASE_MS + 2 * HEARTBEAT_MS
/**
 * One reconcile of a target taken over: its session is opened (the login and the loads, each request
 * bounded by the client timeout), then the pass settles and sends (each trade bounded by its timeout).
 */
const { clientOptions, execution } = copierOptions({} as SimEnv)
const RECONCILE_BOUND_MS = (clientOptions?.timeoutMs ?? 0) + (execution?.tradeTimeoutMs ?? 0)

function order(env: SimEnv, i: number): bigint {
  return placeSource(env, {
    symbol: 'EURUSD',
    type: T.buyLimit,
    lots: 0.1,
    price: Number((1.07 - i * 0.0001).toFixed(5)),
  })
}

describe('copier e2e: fleet failover', () => {
  const env = simPerTest(() => [fleetBroker()])
  const cluster = pgPerFile()
  const database = pgDatabasePerTest(cluster)

  it('kill -9 of a member during a burst: ALL its targets taken over within leaseSeconds + one reconcile, one copy of every order', async () => {
    const input = fleetConfig(env(), database(), TARGETS, LEASE_SECONDS)
    const members = ['a', 'b'].map((name) => fleetMember(env(), input, name, database()))
    const child = startCopierCli([
      'run',
      '-c',
      writeConfig(env(), input, 'fleet.yaml'),
      '--log-level',
      'debug',
    ])
    let log = ''
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      log += d
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_c, signal) => resolve(signal)),
    )
    try {
      await Promise.all(members.map((m) => m.copier.start()))
      // the child holds its share (a third) of the targets
      await until(
        () => /fleet \S+: acquired/.test(log) && members.every((m) => m.held().length === TARGETS / 3),
        90_000,
      )
      const tickets: bigint[] = []
      let killedAt = 0
      const childTargets: string[] = []
      for (let i = 0; i < 12; i++) {
        tickets.push(order(env(), i))
        if (i >= 2) {
          const moved = tickets[i - 2] as bigint
          const o = env()
            .sim.control.account(SOURCE_LOGIN)
            .orders.find((x) => x.tradeOrder === moved)
          if (o)
            env().sim.control.modifyOrder(SOURCE_LOGIN, moved, {
              price: Number((o.priceOrder - 0.0002).toFixed(5)),
            })
        }
        if (i === 6) {
          await until(() => /placed \[/.test(log), 30_000)
          // the child's leases by the database, just before the kill
          const rows = await cluster().query<{ target: string }>(
            database(),
            "SELECT target FROM fleet_leases WHERE owner NOT IN ('a', 'b') AND expires_at > now()",
          )
          childTargets.push(...rows.map((r) => r.target))
          child.kill('SIGKILL')
          killedAt = performance.now()
        }
        await new Promise((r) => setTimeout(r, 5))
      }
      expect(await exited).toBe('SIGKILL')
      expect(childTargets.length).toBeGreaterThan(0)
      // ALL the child's targets taken over: each one's first move after the kill is from the child
      // (its id names its pid), to a survivor, within the bound
      const firstMove = (t: string) =>
        members
          .flatMap((m) =>
            m.fleetEvents.filter(
              (e) => e.kind === 'acquired' && e.targets.includes(t) && e.atMono > killedAt,
            ),
          )
          .sort((x, y) => x.atMono - y.atMono)[0]
      await until(() => childTargets.every((t) => firstMove(t) !== undefined), ACQUIRE_BOUND_MS + 30_000)
      const acquiredMs = Math.max(...childTargets.map((t) => (firstMove(t)?.atMono ?? 0) - killedAt))
      for (const t of childTargets) expect(firstMove(t)?.detail, t).toContain(`:${child.pid}:`)
      // and reconciled: exactly one copy of every source order on every target, at the source's price
      await until(() => inSync(env(), TARGETS, tickets) && pricesFollow(env(), TARGETS), 60_000)
      const syncedMs = performance.now() - killedAt
      console.log(
        `fleet kill -9: the child's ${childTargets.length} leases taken over after ${acquiredMs.toFixed(0)} ms (bound ${ACQUIRE_BOUND_MS.toFixed(0)}), all in sync after ${syncedMs.toFixed(0)} ms (bound ${(ACQUIRE_BOUND_MS + RECONCILE_BOUND_MS).toFixed(0)}; leaseSeconds ${LEASE_SECONDS})`,
      )
      expect(acquiredMs).toBeLessThanOrEqual(ACQUIRE_BOUND_MS)
      expect(syncedMs).toBeLessThanOrEqual(ACQUIRE_BOUND_MS + RECONCILE_BOUND_MS)
      // the members placed the rest once each; what the child placed is linked, never placed twice
      for (const [key, n] of placements(members)) expect(n, key).toBe(1)
      for (const m of members) expect(m.events.filter((e) => e.reason === 'duplicate')).toEqual([])
      // the survivors hold every target, and each target has one session: its holder's
      await until(
        () => members.reduce((n, m) => n + m.held().length, 0) === TARGETS && oneSessionEach(env(), TARGETS),
        30_000,
      )
    } finally {
      child.kill('SIGKILL')
      await Promise.all(members.map((m) => m.close()))
    }
  }, 240_000)

  it('a member cut off from PostgreSQL stops acting before its leases can be taken, then rejoins', async () => {
    const proxy = await startProxy(cluster().port)
    const direct = database()
    const viaProxy = direct.replace(`:${cluster().port}/`, `:${proxy.port}/`)
    const input = fleetConfig(env(), direct, TARGETS, LEASE_SECONDS)
    const a = fleetMember(env(), input, 'a', viaProxy)
    const b = fleetMember(env(), input, 'b', direct)
    try {
      await Promise.all([a.copier.start(), b.copier.start()])
      await until(() => a.held().length === TARGETS / 2 && b.held().length === TARGETS / 2, 60_000)
      const first = [order(env(), 0), order(env(), 1)]
      await until(() => inSync(env(), TARGETS, first) && placements([a, b]).size === TARGETS * 2, 60_000)
      const aTargets = a.held()

      proxy.cut()
      const cutAt = performance.now()
      // a's leases as the database holds them: a can renew nothing from now on
      const expiries = new Map(
        (
          await cluster().query<{ target: string; ms: string }>(
            direct,
            "SELECT target, extract(epoch FROM expires_at) * 1000 AS ms FROM fleet_leases WHERE owner = 'a'",
          )
        ).map((r) => [r.target, Number(r.ms)]),
      )
      expect([...expiries.keys()].sort()).toEqual([...aTargets].sort())
      // source changes right after the cut, while a still counts its leases as held
      const late = [order(env(), 2), order(env(), 3)]
      await until(() => b.held().length === TARGETS, 30_000)
      const lost = a.fleetEvents.find((e) => e.kind === 'lost' && e.atMono > cutAt)
      expect(lost?.targets.sort()).toEqual([...aTargets].sort())
      const acquiredAt = new Map(
        (
          await cluster().query<{ target: string; ms: string }>(
            direct,
            "SELECT target, extract(epoch FROM acquired_at) * 1000 AS ms FROM fleet_leases WHERE owner = 'b'",
          )
        ).map((r) => [r.target, Number(r.ms)]),
      )
      // no two owners at once, on one clock: for each of a's targets, a stopped acting, and its last
      // action (a request sent, or anything recorded) happened, before the lease expired; b took it after
      for (const t of aTargets) {
        const expiry = expiries.get(t) ?? Number.NEGATIVE_INFINITY
        expect(wallOf(lost?.atMono ?? Number.POSITIVE_INFINITY), t).toBeLessThan(expiry)
        const lastAction = Math.max(
          ...a.events.filter((e) => e.target === t).map((e) => e.sentAtMs ?? e.atMs),
        )
        expect(lastAction, t).toBeLessThan(expiry)
        const taken = b.fleetEvents.find(
          (e) => e.kind === 'acquired' && e.targets.includes(t) && e.atMono > cutAt,
        )
        expect(taken?.detail).toMatch(/taken over from a/)
        expect(acquiredAt.get(t), t).toBeGreaterThanOrEqual(expiry)
        expect(wallOf(taken?.atMono ?? 0), t).toBeGreaterThanOrEqual(expiry)
      }
      const tickets = [...first, ...late]
      await until(() => inSync(env(), TARGETS, tickets) && placements([a, b]).size === TARGETS * 4, 60_000)
      // nothing a did reached a target after the cut: b placed every late copy
      for (const e of a.events) if (e.action === 'placed') expect(first).toContain(e.sourceTicket)
      // a logged out of its targets: each has one session, b's
      await until(() => oneSessionEach(env(), TARGETS), 30_000)

      // a rejoins: its share back, one session per target, every change copied once
      proxy.restore()
      await until(
        () =>
          a.held().length === TARGETS / 2 &&
          b.held().length === TARGETS / 2 &&
          oneSessionEach(env(), TARGETS),
        60_000,
      )
      const after = order(env(), 4)
      await until(
        () => inSync(env(), TARGETS, [...tickets, after]) && placements([a, b]).size === TARGETS * 5,
        60_000,
      )
      for (const [key, n] of placements([a, b])) expect(n, key).toBe(1)
    } finally {
      await Promise.all([a.close(), b.close()])
      await proxy.close()
    }
  }, 240_000)
})
