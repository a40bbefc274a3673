/**
 * A fleet of copiers on one PostgreSQL database (issue #14): they share the targets by leases, each
 * target owned by one of them, and every source change reaches every target once; a fourth member
 * rebalances the leases without a duplicate.
 */
import { describe, expect, it } from 'vitest'
import { pgDatabasePerTest, pgPerFile } from '../helpers/postgres.js'
import { copierCli } from './_cli.js'
import { placeSource, type SimEnv, SOURCE_LOGIN, simPerTest, T, until, writeConfig } from './_env.js'
import {
  type FleetMember,
  fleetBroker,
  fleetConfig,
  fleetMember,
  inSync,
  oneSessionEach,
  placements,
  pricesFollow,
  targetSessions,
} from './_fleet.js'

const LEASE_SECONDS = 4

/** Places `n` buy limits on the source; returns their tickets. */
function burst(env: SimEnv, n: number, from = 0): bigint[] {
  return Array.from({ length: n }, (_, i) =>
    placeSource(env, {
      symbol: 'EURUSD',
      type: T.buyLimit,
      lots: 0.1,
      price: Number((1.07 - (from + i) * 0.0001).toFixed(5)),
    }),
  )
}

/** Moves each order's price down by 0.0005 (one modification each). */
function modify(env: SimEnv, tickets: readonly bigint[]): void {
  for (const t of tickets) {
    const o = env.sim.control.account(SOURCE_LOGIN).orders.find((x) => x.tradeOrder === t)
    if (o) env.sim.control.modifyOrder(SOURCE_LOGIN, t, { price: Number((o.priceOrder - 0.0005).toFixed(5)) })
  }
}

describe('copier e2e: a fleet on PostgreSQL', () => {
  const env = simPerTest(() => [fleetBroker()])
  const database = pgDatabasePerTest(pgPerFile())

  async function startMembers(names: readonly string[], targets: number): Promise<FleetMember[]> {
    const input = fleetConfig(env(), database(), targets, LEASE_SECONDS)
    const members = names.map((name) => fleetMember(env(), input, name, database()))
    await Promise.all(members.map((m) => m.copier.start()))
    return members
  }

  const balanced = (members: readonly FleetMember[], targets: number) => {
    const share = Math.ceil(targets / members.length)
    const held = members.map((m) => m.held())
    const all = held.flat()
    return all.length === targets && new Set(all).size === targets && held.every((h) => h.length <= share)
  }

  it('3 instances share 30 targets: every source change reaches every target once', async () => {
    const members = await startMembers(['a', 'b', 'c'], 30)
    try {
      await until(() => balanced(members, 30), 90_000)
      expect(members.map((m) => m.held().length)).toEqual([10, 10, 10])
      const tickets = burst(env(), 4)
      await until(() => inSync(env(), 30, tickets), 60_000)
      modify(env(), tickets.slice(0, 2))
      await until(() => pricesFollow(env(), 30) && placements(members).size === 30 * 4, 60_000)
      expect(inSync(env(), 30, tickets)).toBe(true)
      // each (target, order) placed once, by the member holding the target; nothing cancelled
      const placed = placements(members)
      expect(placed.size).toBe(30 * 4)
      expect([...placed.values()].every((n) => n === 1)).toBe(true)
      for (const m of members) expect(m.events.filter((e) => e.action === 'cancelled')).toEqual([])
    } finally {
      await Promise.all(members.map((m) => m.close()))
    }
  }, 180_000)

  it('each member connects only the targets it holds; the survivor connects them all once it takes over', async () => {
    const members = await startMembers(['a', 'b'], 12)
    const [a, b] = members as [FleetMember, FleetMember]
    try {
      // 12 target sessions in all, one per target, where there were 24 (every member connected every target)
      await until(() => balanced(members, 12) && oneSessionEach(env(), 12), 60_000)
      expect([a.held().length, b.held().length]).toEqual([6, 6])
      const before = targetSessions(env(), 12)
      // b stops: its sessions end, a's stay as they were (the same connections)
      const bHeld = b.held()
      const aHeld = a.held()
      await b.close()
      await until(
        () =>
          bHeld.every(
            (t) =>
              !targetSessions(env(), 12)
                .get(t)
                ?.includes(before.get(t)?.[0] ?? -1),
          ),
        10_000,
      )
      const after = targetSessions(env(), 12)
      for (const t of aHeld) expect(after.get(t), t).toEqual(before.get(t))
      // a takes b's targets over and connects them: one session each again, all a's
      await until(() => a.held().length === 12 && oneSessionEach(env(), 12), 30_000)
      // and a's own view agrees (its client may finish the login a moment after the simulator)
      const connected = () => a.copier.inspect()?.accounts.filter((x) => x.role === 'target' && x.connected)
      await until(() => connected()?.length === 12, 10_000)
      expect(a.copier.inspect()?.accounts.filter((x) => x.elsewhere === true)).toEqual([])
      const tickets = burst(env(), 2)
      await until(() => inSync(env(), 12, tickets) && placements([a]).size === 12 * 2, 60_000)
    } finally {
      await Promise.all(members.map((m) => m.close()))
    }
  }, 180_000)

  it('a fourth instance takes its share without a duplicate', async () => {
    const members = await startMembers(['a', 'b', 'c'], 12)
    try {
      await until(() => balanced(members, 12), 60_000)
      const first = burst(env(), 3)
      await until(() => inSync(env(), 12, first), 60_000)
      const input = fleetConfig(env(), database(), 12, LEASE_SECONDS)
      const fourth = fleetMember(env(), input, 'd', database())
      members.push(fourth)
      await fourth.copier.start()
      // source changes while the leases move
      const second = burst(env(), 3, 10)
      modify(env(), first)
      await until(() => balanced(members, 12) && fourth.held().length === 3, 30_000)
      const tickets = [...first, ...second]
      await until(() => inSync(env(), 12, tickets), 60_000)
      // settled: one more change after the move reaches every target once
      const third = burst(env(), 1, 20)
      // the simulator holds a copy before the member has its result: wait for the events too
      await until(
        () => inSync(env(), 12, [...tickets, ...third]) && placements(members).size === 12 * 7,
        60_000,
      )
      const placed = placements(members)
      expect(placed.size).toBe(12 * 7)
      expect([...placed.values()].every((n) => n === 1)).toBe(true)
      for (const m of members) expect(m.events.filter((e) => e.reason === 'duplicate')).toEqual([])
      expect(
        members.flatMap((m) => m.fleetEvents.filter((e) => e.kind === 'released')).length,
      ).toBeGreaterThan(0)
      // every source price reached every copy
      const source = env().sim.control.account(SOURCE_LOGIN).orders
      for (let i = 0; i < 12; i++)
        for (const o of env()
          .sim.control.broker('FleetBroker')
          .account(20_001 + i).orders) {
          const s = source.find((x) => o.comment.includes(':') && x.priceOrder === o.priceOrder)
          expect(s, `copy ${o.tradeOrder} on f${i} at the source's price`).toBeDefined()
        }
    } finally {
      await Promise.all(members.map((m) => m.close()))
    }
  }, 180_000)

  it('once takes the leases no live member holds for one pass, and gives them back', async () => {
    const input = fleetConfig(env(), database(), 6, LEASE_SECONDS)
    const a = fleetMember(env(), input, 'a', database())
    try {
      const tickets = burst(env(), 2)
      // a holds every target: a one-off pass beside it changes nothing
      await a.copier.start()
      await until(() => a.held().length === 6, 30_000)
      const config = writeConfig(env(), input, 'once.yaml')
      await until(() => inSync(env(), 6, tickets) && placements([a]).size === 12, 60_000)
      const beside = await copierCli(['once', '-c', config])
      expect(beside.code, beside.stderr).toBe(0)
      expect(beside.stderr).not.toMatch(/placed \[/)
      await a.close()
      // a stopped (its leases given up): the pass takes every target and copies the new order
      const late = burst(env(), 1, 5)
      const alone = await copierCli(['once', '-c', config])
      expect(alone.code, alone.stderr).toBe(0)
      expect(alone.stderr.match(/placed \[/g)).toHaveLength(6)
      expect(inSync(env(), 6, [...tickets, ...late])).toBe(true)
      const status = await copierCli(['status', '-c', config])
      expect(status.stdout).toMatch(/fleet instances \(0 live of 0\)/)
    } finally {
      await a.close()
    }
  }, 180_000)
})
