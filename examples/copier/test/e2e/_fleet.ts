/**
 * Shared setup of the fleet tests (issue #14): a simulator broker with many target accounts, a
 * PostgreSQL state per test, fleet copiers in this process (through a cuttable TCP proxy when the
 * test drops their database connection) and the checks every fleet test makes: exactly one copy of
 * every source order on every target, each placed once.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { type BrokerConfig, defineAccount, deriveBroker } from 'mt5web/sim'
import type { CopierConfigInput } from '../../src/config/schema.js'
import { parseTag } from '../../src/link/tag.js'
import type { FleetEvent } from '../../src/service/events.js'
import { openPostgresStore } from '../../src/state/postgres.js'
import {
  brokers,
  makeCopier,
  ordersOf,
  type SimEnv,
  SOURCE_LOGIN,
  TAG_SCOPE,
  type TestCopier,
} from './_env.js'

export const FLEET_BROKER = 'FleetBroker'
/** First login of the fleet broker's accounts. */
export const FLEET_LOGIN = 20_001
/** Accounts of the fleet broker (targets `f0` … `f29`). */
export const FLEET_ACCOUNTS = 30

/** A broker with {@link FLEET_ACCOUNTS} hedging accounts, its own ticket range. */
export function fleetBroker(): BrokerConfig {
  const source = brokers()[0] as BrokerConfig
  const b = deriveBroker(source, {
    name: FLEET_BROKER,
    accounts: Array.from({ length: FLEET_ACCOUNTS }, (_, i) => defineAccount({ login: FLEET_LOGIN + i })),
  })
  b.firstOrderTicket = 50_000_000n
  return b
}

/** A fleet config: `targets` accounts of the fleet broker, state in PostgreSQL at `url`. */
export function fleetConfig(
  env: SimEnv,
  url: string,
  targets: number,
  leaseSeconds: number,
): CopierConfigInput {
  return {
    source: { server: env.sim.url(), login: SOURCE_LOGIN, password: 'env:SOURCE_PW' },
    targets: Array.from({ length: targets }, (_, i) => ({
      id: `f${i}`,
      server: env.sim.url(FLEET_BROKER),
      login: FLEET_LOGIN + i,
      password: 'env:TARGET_PW',
      marginCheck: false,
    })),
    reconcileSeconds: 3600,
    concurrency: 16,
    state: { url, leaseSeconds },
  } as CopierConfigInput
}

/** A fleet event with when it happened (monotonic, comparable between copiers of this process). */
export interface TimedFleetEvent extends FleetEvent {
  atMono: number
}

/** An in-process fleet member. */
export interface FleetMember extends TestCopier {
  name: string
  fleetEvents: TimedFleetEvent[]
  held(): string[]
}

/**
 * Wall-clock milliseconds with a fraction (the members' clock): comparable with the database's
 * `now()` on this machine, and with `performance.now()` through {@link wallOf}. The fleet broker's
 * sessions are open around the clock, so the copier may plan on the wall clock.
 */
export const wallClock = (): number => performance.timeOrigin + performance.now()

/** The wall-clock time of a `performance.now()` reading. */
export const wallOf = (mono: number): number => performance.timeOrigin + mono

/** A fleet copier named `name` on `url` (its own connection pool), on the wall clock. */
export function fleetMember(env: SimEnv, input: CopierConfigInput, name: string, url: string): FleetMember {
  const store = openPostgresStore({ connectionString: url, onError: () => undefined })
  const member = makeCopier(env, input, { store, instanceId: name, now: wallClock })
  const fleetEvents: TimedFleetEvent[] = []
  member.copier.on('fleet', (e) => fleetEvents.push({ ...e, atMono: performance.now() }))
  return { ...member, name, fleetEvents, held: () => member.copier.fleet()?.held ?? [] }
}

/** Source tickets of the tagged copies on fleet account `index`. */
export function copiesOn(env: SimEnv, index: number): bigint[] {
  return ordersOf(env, FLEET_BROKER, FLEET_LOGIN + index)
    .map((o) => parseTag(o.comment, TAG_SCOPE))
    .filter((t): t is bigint => t !== undefined)
}

/**
 * The simulator's logged-in connections to each of the first `targets` fleet accounts, by target id
 * (`f0` …): the sessions every member holds on them, counted where they end.
 */
export function targetSessions(env: SimEnv, targets: number): Map<string, number[]> {
  const byLogin = new Map<number, number[]>()
  for (const c of env.sim.control.broker(FLEET_BROKER).connections())
    if (c.login !== undefined && c.phase !== 'closed')
      byLogin.set(c.login, [...(byLogin.get(c.login) ?? []), c.id])
  return new Map(Array.from({ length: targets }, (_, i) => [`f${i}`, byLogin.get(FLEET_LOGIN + i) ?? []]))
}

/** True when each of the first `targets` fleet accounts has exactly one session (one member's). */
export function oneSessionEach(env: SimEnv, targets: number): boolean {
  return [...targetSessions(env, targets).values()].every((ids) => ids.length === 1)
}

/** True when each of the first `targets` accounts holds exactly one copy of each ticket and nothing else. */
export function inSync(env: SimEnv, targets: number, tickets: readonly bigint[]): boolean {
  const want = [...tickets].sort().join()
  for (let i = 0; i < targets; i++) if ([...copiesOn(env, i)].sort().join() !== want) return false
  return true
}

/**
 * Copies made per `target/ticket` across the members (each must be 1): placed, or found by its tag
 * after an interrupted place (`linked`, `recovered`: a member lost its lease before recording it).
 */
export function placements(members: readonly TestCopier[]): Map<string, number> {
  const n = new Map<string, number>()
  for (const m of members)
    for (const e of m.events)
      if (e.action === 'placed' || (e.action === 'linked' && e.reason === 'recovered'))
        n.set(`${e.target}/${e.sourceTicket}`, (n.get(`${e.target}/${e.sourceTicket}`) ?? 0) + 1)
  return n
}

/** A TCP proxy to PostgreSQL whose link can be cut (connections dropped, new ones left hanging) and restored. */
export interface CuttableProxy {
  port: number
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startProxy(targetPort: number): Promise<CuttableProxy> {
  const sockets = new Set<Socket>()
  let isCut = false
  const server: Server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => undefined)
    // cut: the connection is accepted and left hanging, as behind a dead network
    if (isCut) return
    const upstream = connect(targetPort, '127.0.0.1')
    sockets.add(upstream)
    upstream.on('close', () => {
      sockets.delete(upstream)
      client.destroy()
    })
    upstream.on('error', () => undefined)
    client.on('close', () => upstream.destroy())
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const dropAll = () => {
    for (const s of sockets) s.destroy()
    sockets.clear()
  }
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      isCut = true
      dropAll()
    },
    restore() {
      isCut = false
      // the hanging ones fail at once: their clients reconnect through the restored link
      dropAll()
    },
    async close() {
      dropAll()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** True when every copy on the first `targets` accounts has its source order's price. */
export function pricesFollow(env: SimEnv, targets: number): boolean {
  const source = new Map(
    env.sim.control.account(SOURCE_LOGIN).orders.map((o) => [o.tradeOrder, o.priceOrder]),
  )
  for (let i = 0; i < targets; i++)
    for (const o of ordersOf(env, FLEET_BROKER, FLEET_LOGIN + i)) {
      const t = parseTag(o.comment, TAG_SCOPE)
      if (t === undefined || source.get(t) !== o.priceOrder) return false
    }
  return true
}
