/**
 * Model test of the planner: random source and target states and configs; the plan is applied with
 * random failures (a request lost, an outcome unknown but done, a final rejection), round after
 * round, with orphan checks due. Checked at every round: no second copy is ever placed and no
 * untagged order is ever touched. Checked at the end: the targets hold exactly what a small
 * independent reference model says the config defines, and the plan has nothing left to do.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type PendingOrderType, pendingOrderTypes, type TargetConfig } from '../../src/config/schema.js'
import { parseTag } from '../../src/link/tag.js'
import { plan } from '../../src/plan/plan.js'
import type {
  CopyOrder,
  GoneReason,
  Intent,
  Link,
  PlanInput,
  Refusal,
  SymbolSpec,
  TargetView,
} from '../../src/plan/types.js'
import { linkKey } from '../../src/plan/types.js'
import { indexOrders, scopedLinks, scopedOrders } from '../../src/service/book.js'
import { copyOf, input, NOON_MONDAY, source, symbolSpec, TAG, targetConfig } from '../helpers/planInput.js'

const TYPES: PendingOrderType[] = [...pendingOrderTypes]
const SOURCE_SYMBOLS = ['EURUSD', 'GBPUSD', 'GOLD']
const TARGET_SYMBOLS = ['EURUSD', 'EURUSD.m', 'GBPUSD', 'XAUUSD']
const TICKETS = Array.from({ length: 10 }, (_, i) => BigInt(101 + i))

// ---- arbitraries -------------------------------------------------------------------------------

const priceArb = fc.integer({ min: 100_000, max: 120_000 }).map((p) => p / 100_000)

const sourceOrderArb = (ticket: bigint) =>
  fc
    .record({
      symbol: fc.constantFrom(...SOURCE_SYMBOLS),
      type: fc.constantFrom(...TYPES),
      volume: fc.integer({ min: 1, max: 500 }).map((v) => v / 100),
      price: priceArb,
      stopLimitPrice: priceArb,
      sl: fc.option(priceArb, { nil: 0 }),
      tp: fc.option(priceArb, { nil: 0 }),
    })
    .map(
      (o): CopyOrder => ({
        ticket,
        ...o,
        stopLimitPrice: o.type.endsWith('StopLimit') ? o.stopLimitPrice : 0,
        timeType: 'gtc',
        expirationMs: 0,
        comment: 'manual source order',
      }),
    )

const specArb = (name: string) =>
  fc
    .record({
      step: fc.constantFrom(0.01, 0.1, 1),
      minSteps: fc.integer({ min: 1, max: 3 }),
      max: fc.constantFrom(0, 2, 50),
      tradeMode: fc.constantFrom(4, 4, 4, 1, 2, 0),
    })
    .map(({ step, minSteps, max, tradeMode }) =>
      symbolSpec(name, {
        volumeStep: step,
        volumeMin: Number((step * minSteps).toFixed(2)),
        volumeMax: max,
        tradeMode,
      }),
    )

const configArb = (id: string) =>
  fc
    .record({
      multiplier: fc.constantFrom(0.5, 1, 2, 0.13),
      fixed: fc.option(fc.constantFrom(0.05, 0.3), { nil: undefined }),
      min: fc.option(fc.constantFrom(0.02, 0.5), { nil: undefined }),
      max: fc.option(fc.constantFrom(1, 3), { nil: undefined }),
      belowMin: fc.constantFrom('skip', 'raiseToMin'),
      aboveMax: fc.constantFrom('cap', 'skip'),
      pair: fc.boolean(),
      suffix: fc.boolean(),
      orderTypes: fc.subarray(TYPES, { minLength: 1 }),
      maxPendingOrders: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      orphans: fc.record({
        policy: fc.constantFrom('kill', 'preserve'),
        confirmations: fc.integer({ min: 1, max: 3 }),
      }),
      sourceFilled: fc.constantFrom('keep', 'cancel', 'market'),
      sltp: fc.constantFrom('copy', 'none'),
      expiration: fc.constantFrom('copy', 'none'),
    })
    .map((c) =>
      targetConfig(
        {
          // JSON drops the absent optional fields, as a config file would not have them.
          lots: JSON.parse(
            JSON.stringify({
              multiplier: c.multiplier,
              fixed: c.fixed,
              min: c.min,
              max: c.max,
              belowMin: c.belowMin,
              aboveMax: c.aboveMax,
            }),
          ),
          symbols: { ...(c.pair ? { GOLD: 'XAUUSD' } : {}), ...(c.suffix ? { '*': '*.m' } : {}) },
          orderTypes: c.orderTypes,
          ...(c.maxPendingOrders === undefined ? {} : { maxPendingOrders: c.maxPendingOrders }),
          orphans: { ...c.orphans, checkEvery: 30 },
          sourceFilled: { policy: c.sourceFilled, maxSlippagePoints: 10 },
          sltp: c.sltp,
          expiration: c.expiration,
        },
        id,
      ),
    )

interface World {
  sources: CopyOrder[]
  gone: Map<bigint, GoneReason>
  targets: TargetView[]
  links: Link[]
}

const worldArb = fc
  .record({
    present: fc.subarray(TICKETS),
    orders: fc.tuple(...TICKETS.map(sourceOrderArb)),
    goneFilled: fc.subarray(TICKETS),
    targets: fc.array(
      fc.record({
        config: fc.constant(null),
        symbols: fc.subarray(TARGET_SYMBOLS, { minLength: 1 }),
        specs: fc.tuple(...TARGET_SYMBOLS.map(specArb)),
        copies: fc.array(
          fc.record({
            of: fc.constantFrom(...TICKETS),
            stale: fc.boolean(),
            symbol: fc.constantFrom(...TARGET_SYMBOLS),
          }),
          {
            maxLength: 6,
          },
        ),
        foreign: fc.integer({ min: 0, max: 2 }),
        links: fc.array(
          fc.record({
            of: fc.constantFrom(...TICKETS),
            status: fc.constantFrom('active', 'kept', 'preserved', 'closed'),
          }),
          {
            maxLength: 3,
          },
        ),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    configs: fc.tuple(configArb('t1'), configArb('t2')),
  })
  .map((w): World => {
    let ticket = 5000n
    const sources = w.orders.filter((o) => w.present.includes(o.ticket))
    const byTicket = new Map(w.orders.map((o) => [o.ticket, o]))
    const gone = new Map<bigint, GoneReason>()
    for (const t of TICKETS)
      if (!w.present.includes(t)) gone.set(t, w.goneFilled.includes(t) ? 'filled' : 'cancelled')
    const links: Link[] = []
    const targets = w.targets.map((t, i): TargetView => {
      const id = `t${i + 1}`
      const specs = t.specs.filter((s) => t.symbols.includes(s.name))
      const orders: CopyOrder[] = []
      for (let f = 0; f < t.foreign; f++)
        orders.push({
          ...byTicket.get(TICKETS[f]!)!,
          ticket: ticket++,
          symbol: specs[0]!.name,
          comment: f === 0 ? 'cp:manual' : '',
        })
      for (const c of t.copies) {
        const of = byTicket.get(c.of)!
        const copy = copyOf(of, { ticket: ticket++, symbol: c.symbol, volume: 0.01 })
        orders.push(c.stale ? { ...copy, price: of.price + 0.001, sl: 0, tp: 0 } : copy)
      }
      for (const l of t.links) {
        if (links.some((x) => x.target === id && x.sourceTicket === l.of)) continue
        const copy = orders.find((o) => parseTag(o.comment, TAG) === l.of)
        links.push({
          target: id,
          sourceTicket: l.of,
          copyTicket: copy?.ticket ?? ticket++,
          status: l.status as Link['status'],
        })
      }
      return {
        id,
        config: w.configs[i]!,
        connected: true,
        synced: true,
        orders,
        symbols: new Map(specs.map((s) => [s.name, s])),
        quotes: new Map(),
        serverTimeOffsetMinutes: 0,
      }
    })
    return { sources, gone, targets, links }
  })

// ---- reference model ---------------------------------------------------------------------------

const U = 1e8
const units = (lots: number) => Math.round(lots * U)

/** The copy the config defines for `s` on a target, or undefined when it is not eligible. */
function expectedCopy(s: CopyOrder, t: TargetView): { symbol: string; volume: number } | undefined {
  const c = t.config
  if (!c.orderTypes.includes(s.type)) return undefined
  const pairs = c.symbols as Record<string, string>
  const candidates =
    pairs[s.symbol] !== undefined ? [pairs[s.symbol]!] : [...(pairs['*'] ? [`${s.symbol}.m`] : []), s.symbol]
  const symbol = candidates.find((n) => t.symbols.has(n))
  if (symbol === undefined) return undefined
  const spec = t.symbols.get(symbol)!
  const buy = s.type.startsWith('buy')
  if (
    spec.tradeMode === 0 ||
    spec.tradeMode === 3 ||
    (spec.tradeMode === 1 && !buy) ||
    (spec.tradeMode === 2 && buy)
  )
    return undefined
  const step = units(spec.volumeStep)
  const wanted = units(c.lots.fixed ?? s.volume * (c.lots.symbols[s.symbol] ?? c.lots.multiplier))
  const lo = Math.ceil(Math.max(units(c.lots.min ?? 0), units(spec.volumeMin), step) / step) * step
  const maxU = Math.min(
    c.lots.max === undefined ? Infinity : units(c.lots.max),
    spec.volumeMax > 0 ? units(spec.volumeMax) : Infinity,
  )
  const hi = Number.isFinite(maxU) ? Math.floor(maxU / step) * step : Infinity
  if (lo > hi) return undefined
  let v = Math.floor(wanted / step) * step
  if (v < lo) {
    if (c.lots.belowMin === 'skip') return undefined
    v = lo
  }
  if (v > hi) {
    if (c.lots.aboveMax === 'skip') return undefined
    v = hi
  }
  return { symbol, volume: v / U }
}

/** Whether a copy of a gone source stays on the target for good. */
function goneCopyStays(
  t: TargetView,
  reason: GoneReason | undefined,
  link: Link | undefined,
  copy: CopyOrder,
): boolean {
  if (
    link !== undefined &&
    link.copyTicket === copy.ticket &&
    (link.status === 'kept' || link.status === 'preserved')
  )
    return true
  if (reason === 'filled') return t.config.sourceFilled.policy !== 'cancel'
  return t.config.orphans.policy === 'preserve'
}

// ---- executor simulation -----------------------------------------------------------------------

interface State {
  targets: TargetView[]
  links: Map<string, Link>
  counters: Map<string, number>
  refusals: Map<string, Refusal>
  lastCheck: Map<string, number>
  rejected: Set<string>
  nextTicket: bigint
}

function apply(
  state: State,
  intents: Intent[],
  fail: () => 'ok' | 'lost' | 'unknown' | 'rejected',
  now: number,
): void {
  const targetOf = (id: string) => state.targets.find((t) => t.id === id)!
  const setOrders = (id: string, orders: CopyOrder[]) => {
    state.targets = state.targets.map((t) => (t.id === id ? { ...t, orders } : t))
  }
  for (const i of intents) {
    if (i.kind === 'skipTarget' || i.kind === 'leave') continue
    const key = linkKey(i.target, i.sourceTicket)
    const orders = targetOf(i.target).orders
    switch (i.kind) {
      case 'place': {
        const outcome = fail()
        if (outcome === 'lost') break
        if (outcome === 'rejected') {
          state.refusals.set(key, { reason: 'rejected', fingerprint: i.fingerprint })
          state.rejected.add(key)
          break
        }
        const ticket = state.nextTicket++
        setOrders(i.target, [...orders, { ...i.order, ticket }])
        // An unknown outcome is settled later by the tag: no link written now.
        if (outcome === 'ok')
          state.links.set(key, {
            target: i.target,
            sourceTicket: i.sourceTicket,
            copyTicket: ticket,
            status: 'active',
          })
        state.refusals.delete(key)
        break
      }
      case 'modify':
        if (fail() === 'lost') break
        setOrders(
          i.target,
          orders.map((o) => (o.ticket === i.copyTicket ? { ...o, ...i.changes } : o)),
        )
        break
      case 'cancel':
      case 'convertToMarket':
        if (fail() === 'lost') break
        setOrders(
          i.target,
          orders.filter((o) => o.ticket !== i.copyTicket),
        )
        if (i.reason !== 'duplicate')
          state.links.set(key, {
            target: i.target,
            sourceTicket: i.sourceTicket,
            copyTicket: i.copyTicket,
            status: 'closed',
          })
        break
      case 'refuse':
        state.refusals.set(key, { reason: i.reason, fingerprint: i.fingerprint })
        break
      case 'orphanSeen':
        state.counters.set(key, i.count)
        break
      case 'orphanCleared':
        state.counters.delete(key)
        break
      case 'link':
        state.links.set(key, {
          target: i.target,
          sourceTicket: i.sourceTicket,
          copyTicket: i.copyTicket,
          status: i.status,
        })
        break
    }
  }
  void now
}

function planInput(world: World, state: State, now: number, extra: Partial<PlanInput> = {}): PlanInput {
  return input(source(world.sources, { gone: world.gone }), state.targets, {
    now,
    links: [...state.links.values()],
    orphanCounters: state.counters,
    refusals: state.refusals,
    lastOrphanCheck: state.lastCheck,
    ...extra,
  })
}

// ---- the property ------------------------------------------------------------------------------

const roundArb = fc.record({
  failures: fc.array(
    fc.constantFrom<'ok' | 'lost' | 'unknown' | 'rejected'>('ok', 'ok', 'ok', 'lost', 'unknown', 'rejected'),
    {
      minLength: 40,
      maxLength: 40,
    },
  ),
  unsynced: fc.boolean(),
  scope: fc.option(fc.subarray(TICKETS, { minLength: 1 }), { nil: undefined }),
})

describe('planner model', () => {
  it('converges to what the config defines, never duplicates, never touches an untagged order', () => {
    fc.assert(
      fc.property(worldArb, fc.array(roundArb, { minLength: 6, maxLength: 12 }), (world, rounds) => {
        const state: State = {
          targets: world.targets,
          links: new Map(world.links.map((l) => [linkKey(l.target, l.sourceTicket), l])),
          counters: new Map(),
          refusals: new Map(),
          lastCheck: new Map(),
          rejected: new Set(),
          nextTicket: 9000n,
        }
        const initialCopies = new Map(
          world.targets.map((t) => [t.id, t.orders.filter((o) => parseTag(o.comment, TAG) !== undefined)]),
        )
        const foreign = new Map(
          world.targets.map((t) => [t.id, t.orders.filter((o) => parseTag(o.comment, TAG) === undefined)]),
        )
        let now = NOON_MONDAY
        const step = (
          extra: Partial<PlanInput>,
          failures: readonly ('ok' | 'lost' | 'unknown' | 'rejected')[],
        ) => {
          const before = state.targets
          const { intents, orphanChecked } = plan(planInput(world, state, now, extra))
          checkRound(before, intents, state.counters)
          let n = 0
          apply(state, intents, () => failures[n++ % failures.length]!, now)
          for (const id of orphanChecked) state.lastCheck.set(id, now)
          now += 30_000
          return intents
        }
        for (const round of rounds) {
          if (round.unsynced) {
            const intents = plan(
              planInput(world, state, now, { source: source([], { synced: false }) }),
            ).intents
            expect(intents.every((i) => i.kind === 'skipTarget' && i.reason === 'sourceNotSynced')).toBe(true)
          }
          step(round.scope === undefined ? {} : { scope: round.scope }, round.failures)
        }
        // Then the requests go through: a few clean passes reach the end state.
        for (let k = 0; k < 5; k++) step({}, ['ok'])
        const last = step({}, ['ok'])
        expect(last.filter((i) => i.kind !== 'leave')).toEqual([])

        for (const t of state.targets) {
          const tagged = new Map<bigint, CopyOrder[]>()
          for (const o of t.orders) {
            const ticket = parseTag(o.comment, TAG)
            if (ticket !== undefined) tagged.set(ticket, [...(tagged.get(ticket) ?? []), o])
          }
          // Untagged orders are all still there, untouched.
          expect(t.orders.filter((o) => parseTag(o.comment, TAG) === undefined)).toEqual(foreign.get(t.id))
          for (const [, list] of tagged) expect(list).toHaveLength(1)
          const initial = initialCopies.get(t.id)!
          const initialLink = (ticket: bigint) =>
            world.links.find((l) => l.target === t.id && l.sourceTicket === ticket)
          let missing = 0
          for (const s of world.sources) {
            const had = initial.filter((o) => parseTag(o.comment, TAG) === s.ticket)
            const copy = tagged.get(s.ticket)?.[0]
            if (had.length > 0) {
              // An existing copy is followed, whatever the config says about new ones.
              expect(copy).toBeDefined()
              if (t.symbols.has(copy!.symbol)) {
                expect(copy!.price).toBe(s.price)
                expect(copy!.sl).toBe(t.config.sltp === 'copy' ? s.sl : 0)
                expect(copy!.tp).toBe(t.config.sltp === 'copy' ? s.tp : 0)
              }
              continue
            }
            const want = expectedCopy(s, t)
            if (
              initialLink(s.ticket) !== undefined ||
              want === undefined ||
              state.rejected.has(linkKey(t.id, s.ticket))
            ) {
              expect(copy).toBeUndefined()
              continue
            }
            if (copy === undefined) {
              missing++
              continue
            }
            expect({ symbol: copy.symbol, volume: copy.volume, type: copy.type, price: copy.price }).toEqual({
              ...want,
              type: s.type,
              price: s.price,
            })
          }
          // Eligible copies are only missing when max pending orders says so.
          if (missing > 0)
            expect(t.orders.length).toBeGreaterThanOrEqual(t.config.maxPendingOrders ?? Infinity)
          // Copies of gone sources: the one kept of any duplicates (the linked one, else the oldest) stays
          // exactly when the policies say so.
          for (const ticket of new Set(initial.map((o) => parseTag(o.comment, TAG)!))) {
            if (world.sources.some((s) => s.ticket === ticket)) continue
            const link = initialLink(ticket)
            const had = initial
              .filter((o) => parseTag(o.comment, TAG) === ticket)
              .sort((a, b) => (a.ticket < b.ticket ? -1 : 1))
            const kept = had.find((o) => o.ticket === link?.copyTicket) ?? had[0]!
            const stays = goneCopyStays(t, world.gone.get(ticket), link, kept)
            expect(tagged.get(ticket)?.map((o) => o.ticket) ?? [], `gone source #${ticket}`).toEqual(
              stays ? [kept.ticket] : [],
            )
          }
        }
      }),
      // Fixed seed: CI must be deterministic; `PLAN_SEED=<n>` explores another. Seed 575054353 found
      // a planner bug (a max-pending refusal replaced the server's rejection of the same order, which
      // was then sent again): fixed, its shrunk case is a unit test in test/unit/plan/place.test.ts.
      { numRuns: 100, seed: Number(process.env.PLAN_SEED ?? 20261205) },
    )
  }, 60_000)
})

const keyOf = (i: Intent) => JSON.stringify(i, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
const sorted = (intents: readonly Intent[]) => [...intents].sort((x, y) => keyOf(x).localeCompare(keyOf(y)))

describe('scoped plan over the scoped view', () => {
  it('a push-driven plan over only the copies and links in scope plans exactly as over the whole books', () => {
    fc.assert(
      fc.property(worldArb, fc.subarray(TICKETS, { minLength: 1 }), (world, scope) => {
        const links = new Map(world.links.map((l) => [linkKey(l.target, l.sourceTicket), l]))
        const full = input(source(world.sources, { gone: world.gone }), world.targets, {
          links: world.links,
          scope,
        })
        const scoped = input(
          source(
            world.sources.filter((o) => scope.includes(o.ticket)),
            { gone: world.gone },
          ),
          world.targets.map((t) => ({
            ...t,
            ...scopedOrders(indexOrders(t.orders, TAG), scope),
          })),
          {
            links: scopedLinks(
              links,
              world.targets.map((t) => t.id),
              scope,
            ),
            scope,
          },
        )
        const a = plan(scoped)
        const b = plan(full)
        // the same intents, in the same sequence of kinds (cancels free max-pending room before
        // places); within a kind, intents of different source orders are independent
        expect(sorted(a.intents)).toEqual(sorted(b.intents))
        expect(a.intents.map((i) => `${i.target}:${i.kind}`)).toEqual(
          b.intents.map((i) => `${i.target}:${i.kind}`),
        )
        expect(a.orphanChecked).toEqual(b.orphanChecked)
      }),
      { numRuns: 300, seed: Number(process.env.PLAN_SEED ?? 20261205) },
    )
  })
})

/**
 * Per round: no place for a source that already has a copy (or twice), no touching untagged orders,
 * an orphan is cancelled only at its N-th consecutive sighting.
 */
function checkRound(
  targets: readonly TargetView[],
  intents: Intent[],
  counters: ReadonlyMap<string, number>,
): void {
  const placed = new Set<string>()
  const killed = new Set<string>()
  for (const i of intents) {
    if (i.kind === 'skipTarget') continue
    const t = targets.find((x) => x.id === i.target)!
    if (i.kind === 'orphanSeen') {
      const { policy, confirmations } = t.config.orphans
      expect(i.count).toBe((counters.get(linkKey(i.target, i.sourceTicket)) ?? 0) + 1)
      expect(i.action).toBe(i.count >= confirmations ? policy : 'wait')
      if (i.action === 'kill') killed.add(`${i.target}:${i.copyTicket}`)
    }
    if (i.kind === 'cancel' && i.reason === 'orphan')
      expect(killed.has(`${i.target}:${i.copyTicket}`)).toBe(true)
    if (i.kind === 'place') {
      const key = linkKey(i.target, i.sourceTicket)
      expect(placed.has(key)).toBe(false)
      placed.add(key)
      expect(t.orders.some((o) => parseTag(o.comment, TAG) === i.sourceTicket)).toBe(false)
      expect(parseTag(i.order.comment, TAG)).toBe(i.sourceTicket)
    }
    if (i.kind === 'modify' || i.kind === 'cancel' || i.kind === 'convertToMarket') {
      const o = t.orders.find((x) => x.ticket === i.copyTicket)
      expect(o).toBeDefined()
      expect(parseTag(o!.comment, TAG)).toBe(i.sourceTicket)
    }
  }
}

export type { SymbolSpec, TargetConfig }
