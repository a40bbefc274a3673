/**
 * The campaign's oracle, independent of the copier's code: from the source's final orders, the
 * scenario's config and each target broker's symbol setup it computes what every target must hold,
 * and compares with the target's real orders in the simulator. It reads the comment tag by its
 * documented format (README: `<prefix>:<base-36 ticket>:<check>`), not with the copier's parser.
 *
 * - duplicate: a source order with more than one tagged order of one type ever on a target (pending
 *   or history). MT5 cannot change an order's type: when the source's type changes (a stop-limit
 *   triggers into a limit), the copy of the old type is cancelled and one of the new type placed;
 *   a pending copy of the wrong type counts as wrong below. A copy that expired before the next one
 *   was placed never lived beside it and is not counted (its source's expiry was extended while
 *   the copy could not be modified, and the copy was replaced);
 * - lost: an eligible source order without a copy where one must be;
 * - wrong: a copy with another symbol, type, volume, price, stop-limit, SL, TP or expiry than
 *   expected (SL/TP and expiry by the target's `sltp` and `expiration` policies), a copy of an
 *   ineligible order, an orphan or filled-source copy not handled as its policy says, an untagged
 *   order touched, more pending orders than `maxPendingOrders`.
 */
import type { AccountState } from 'mt5web/sim'
import type { PendingType, Scenario, TargetSetup } from './scenario.js'

/** The six pending types as the simulator numbers them (`OrderType`). */
export const TYPE_NUMBER: Record<PendingType, number> = {
  buyLimit: 2,
  sellLimit: 3,
  buyStop: 4,
  sellStop: 5,
  buyStopLimit: 6,
  sellStopLimit: 7,
}
const TYPE_NAME = Object.fromEntries(Object.entries(TYPE_NUMBER).map(([k, v]) => [v, k])) as Record<
  number,
  PendingType
>
const FILLED = 4
const PARTIAL = 3
const EXPIRED = 6

type Order = AccountState['orders'][number]

/** An untagged order a target's owner placed by hand before the run. */
export interface UntaggedOrder {
  ticket: bigint
  price: number
  volume: bigint
  comment: string
}

/** An injected final rejection that hit a copier request on a target (from the simulator's log). */
export interface FinalReject {
  target: string
  action: number
  order: bigint
  comment: string
}

export interface OracleInput {
  scenario: Scenario
  source: AccountState
  targets: { setup: TargetSetup; state: AccountState; untagged: UntaggedOrder[] }[]
  finalRejects: FinalReject[]
  tagPrefix: string
}

export interface Verdict {
  duplicates: number
  lost: number
  wrong: number
  /** Copies missing or stale only where an injected final rejection hit their request. */
  excused: number
  /** Copies found right (one per eligible source order and target). */
  checked: number
  problems: string[]
}

/** The source ticket of a comment tag, or undefined (format only: the check digits are not verified). */
export function tagTicket(comment: string, prefix: string): bigint | undefined {
  const m = new RegExp(`(?:^|[^a-z0-9])${prefix}:([0-9a-z]{1,13}):[0-9a-z]{3}(?:$|[^a-z0-9])`).exec(
    comment.toLowerCase(),
  )
  if (!m?.[1]) return undefined
  let n = 0n
  for (const ch of m[1]) n = n * 36n + BigInt(Number.parseInt(ch, 36))
  return n
}

/** Volume in 1/1000 lot (every campaign volume is a whole number of them). */
const milli = (lots: number): number => Math.round(lots * 1000)

/** The copy's volume in lots, or why there is none: from the target config and its broker's symbols. */
export function expectedLots(t: TargetSetup, sourceLots: number): number | string {
  const step = milli(t.volumeStep)
  const wanted = Math.round(sourceLots * 1000 * t.lots.multiplier)
  let volume = Math.floor(wanted / step) * step
  const min = Math.max(t.lots.min === undefined ? 0 : milli(t.lots.min), step)
  const max = Math.min(
    t.lots.max === undefined ? Number.POSITIVE_INFINITY : milli(t.lots.max),
    milli(t.volumeMax),
  )
  const low = Math.ceil(min / step) * step
  const high = Math.floor(max / step) * step
  if (low > high) return 'no volume fits'
  if (volume < low) {
    if (t.lots.belowMin === 'skip') return 'below min'
    volume = low
  }
  if (volume > high) {
    if (t.lots.aboveMax === 'skip') return 'above max'
    volume = high
  }
  return volume / 1000
}

/** Why a source order is not copied to `t` (undefined: it is eligible). */
function ineligible(t: TargetSetup, o: Order): string | undefined {
  const type = TYPE_NAME[o.orderType]
  if (type === undefined) return `type ${o.orderType}`
  if (!t.orderTypes.includes(type)) return `${type} not allowed`
  if (o.tradeSymbol === t.missingSymbol) return `${o.tradeSymbol} missing`
  if (t.tradingHours === 'closed') return 'outside trading hours'
  const lots = expectedLots(t, Number(o.volumeInitial) / 1e8)
  if (typeof lots === 'string') return lots
  return undefined
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9

/** What differs between a copy and what it must be. */
function differences(t: TargetSetup, source: Order, copy: Order): string[] {
  const out: string[] = []
  const lots = expectedLots(t, Number(source.volumeInitial) / 1e8) as number
  if (copy.tradeSymbol !== `${source.tradeSymbol}${t.suffix}`) out.push(`symbol ${copy.tradeSymbol}`)
  if (copy.orderType !== source.orderType) out.push(`type ${copy.orderType} (source ${source.orderType})`)
  if (milli(Number(copy.volumeInitial) / 1e8) !== milli(lots))
    out.push(`lots ${Number(copy.volumeInitial) / 1e8} (expected ${lots})`)
  if (!same(copy.priceOrder, source.priceOrder))
    out.push(`price ${copy.priceOrder} (source ${source.priceOrder})`)
  if (!same(copy.priceTrigger, source.priceTrigger))
    out.push(`stop-limit ${copy.priceTrigger} (source ${source.priceTrigger})`)
  // `distance` keeps the source's SL/TP distances from the copy's own price: the campaign's targets
  // quote the source's prices on the same grid, so that is the source's SL/TP; `none` copies none
  const sl = t.sltp === 'none' ? 0 : source.priceSl
  const tp = t.sltp === 'none' ? 0 : source.priceTp
  if (!same(copy.priceSl, sl)) out.push(`sl ${copy.priceSl} (expected ${sl}, sltp ${t.sltp})`)
  if (!same(copy.priceTp, tp)) out.push(`tp ${copy.priceTp} (expected ${tp}, sltp ${t.sltp})`)
  // `none`: good till cancelled whatever the source's expiry
  const [typeTime, expiration] = t.expiration === 'none' ? [0, 0] : [source.typeTime, source.timeExpiration]
  if (copy.typeTime !== typeTime || (typeTime !== 0 && copy.timeExpiration !== expiration))
    out.push(
      `expiry ${copy.typeTime}/${copy.timeExpiration} (expected ${typeTime}/${expiration}, expiration ${t.expiration})`,
    )
  return out
}

/** Milliseconds of a record's `seconds` + `ms` pair. */
const msOf = (seconds: number, ms: number) => seconds * 1000 + (ms % 1000)

/**
 * The copies of one source order and type, less those that expired before the next one was placed
 * (replaced, never live beside it): more than one left is a duplicate.
 */
function overlapping(orders: readonly Order[]): Order[] {
  const sorted = [...orders].sort(
    (a, b) => msOf(a.timeSetup, a.timeSetupMs) - msOf(b.timeSetup, b.timeSetupMs),
  )
  return sorted.filter((o, i) => {
    const next = sorted[i + 1]
    return !(
      next !== undefined &&
      o.orderState === EXPIRED &&
      msOf(o.timeDone, o.timeDoneMs) <= msOf(next.timeSetup, next.timeSetupMs)
    )
  })
}

/** Compares every target with what the source and the config say it must hold. */
export function judge(input: OracleInput): Verdict {
  const v: Verdict = { duplicates: 0, lost: 0, wrong: 0, excused: 0, checked: 0, problems: [] }
  const pending = new Map(input.source.orders.map((o) => [o.tradeOrder, o]))
  const filled = new Set(
    input.source.historyOrders
      .filter((o) => o.orderState === FILLED || o.orderState === PARTIAL)
      .map((o) => o.tradeOrder),
  )
  for (const { setup: t, state, untagged } of input.targets) {
    const problem = (kind: 'duplicates' | 'lost' | 'wrong', text: string) => {
      v[kind]++
      v.problems.push(`${kind} on ${t.id}: ${text}`)
    }
    const hand = new Map(untagged.map((u) => [u.ticket, u]))
    // per source ticket, per order type: the tagged orders ever
    const tagged = new Map<bigint, Map<number, Order[]>>()
    const copies = new Map<bigint, Order[]>()
    const ticketsByCopy = new Map<bigint, bigint>()
    for (const o of [...state.orders, ...state.historyOrders]) {
      if (hand.has(o.tradeOrder)) continue
      const s = tagTicket(o.comment, input.tagPrefix)
      if (s === undefined) continue
      ticketsByCopy.set(o.tradeOrder, s)
      const byType = tagged.get(s) ?? new Map<number, Order[]>()
      tagged.set(s, byType)
      byType.set(o.orderType, [...(byType.get(o.orderType) ?? []), o])
    }
    for (const [s, byType] of tagged)
      for (const [type, orders] of byType) {
        const live = overlapping(orders)
        if (live.length > 1)
          problem(
            'duplicates',
            `source #${s} has ${live.length} ${TYPE_NAME[type] ?? type} copies ever: ${live.map((o) => o.tradeOrder).join(', ')}`,
          )
      }
    for (const o of state.orders) {
      const u = hand.get(o.tradeOrder)
      if (u) continue
      const s = ticketsByCopy.get(o.tradeOrder)
      if (s === undefined) {
        problem('wrong', `untagged order #${o.tradeOrder} (${o.comment}) appeared`)
        continue
      }
      copies.set(s, [...(copies.get(s) ?? []), o])
    }
    for (const u of untagged) {
      const now = state.orders.find((o) => o.tradeOrder === u.ticket)
      if (!now) problem('wrong', `untagged order #${u.ticket} (${u.comment}) removed`)
      else if (!same(now.priceOrder, u.price) || now.volumeInitial !== u.volume)
        problem('wrong', `untagged order #${u.ticket} (${u.comment}) changed`)
    }
    const rejected = new Set(
      input.finalRejects
        .filter((r) => r.target === t.id)
        .map((r) => tagTicket(r.comment, input.tagPrefix) ?? ticketsByCopy.get(r.order))
        .filter((s): s is bigint => s !== undefined),
    )
    const max = t.maxPendingOrders
    const full = max !== undefined && state.orders.length >= max
    if (max !== undefined && state.orders.length > Math.max(max, untagged.length))
      problem('wrong', `${state.orders.length} pending orders, maxPendingOrders ${max}`)
    // every source order still pending: one right copy when eligible, none otherwise
    for (const [ticket, o] of pending) {
      const mine = copies.get(ticket) ?? []
      const why = ineligible(t, o)
      if (why !== undefined) {
        if (mine.length > 0) problem('wrong', `copy of source #${ticket}, which is not eligible (${why})`)
        continue
      }
      if (mine.length === 0) {
        if (full) continue
        if (rejected.has(ticket)) v.excused++
        else problem('lost', `no copy of source #${ticket} (${TYPE_NAME[o.orderType]} ${o.tradeSymbol})`)
        continue
      }
      const diff = differences(t, o, mine[0] as Order)
      if (diff.length === 0) v.checked++
      else {
        if (rejected.has(ticket)) v.excused++
        else problem('wrong', `copy #${mine[0]?.tradeOrder} of source #${ticket}: ${diff.join(', ')}`)
      }
    }
    // copies whose source left: filled → sourceFilled policy; cancelled or expired → orphan policy
    for (const [ticket, mine] of copies) {
      if (pending.has(ticket)) continue
      const policy = filled.has(ticket)
        ? t.sourceFilled === 'keep'
          ? 'keep'
          : 'remove'
        : t.orphans.policy === 'preserve'
          ? 'keep'
          : 'remove'
      if (policy === 'remove' && rejected.has(ticket)) v.excused++
      else if (policy === 'remove')
        problem(
          'wrong',
          `copy #${mine[0]?.tradeOrder} of source #${ticket} still pending (source ${filled.has(ticket) ? 'filled' : 'gone'})`,
        )
    }
  }
  return v
}
