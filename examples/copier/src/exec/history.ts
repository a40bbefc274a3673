/**
 * What the open orders alone cannot tell after a restart (state database lost, pushes missed):
 * - on a target, whether a copy of a source order has EVER existed (it may have filled into a
 *   position, been closed since, or been cancelled by the target's owner): found by its tag in the
 *   open positions, the history orders and the deals, it is linked as closed so it is never placed
 *   again (but for a copy cancelled with another type than its source's now: it was replaced);
 * - on the source, how a source order that left the pending list ended (filled, cancelled,
 *   expired), so the `sourceFilled` policy, not the orphan policy, applies to a filled one;
 * - on a target, whether a linked copy that left its pending orders expired, and with which expiry
 *   (one that expired with an expiry its source no longer has is replaced).
 * Lookups only: nothing is sent to a trade server.
 */
import type { Mt5Client, Order } from 'mt5web'
import { OrderState } from 'mt5web'
import { parseTag, type TagScope } from '../link/tag.js'
import type { GoneReason, Link, OrderFields } from '../plan/types.js'
import { toCopyOrder } from '../service/views.js'

/** History stamps may be server-local: a lookback takes this margin (the widest zones are ±14 h). */
const MARGIN_S = 2 * 86_400

/** UTC ms → the `from` of a history request (Unix seconds, with the margin). */
const fromOf = (sinceMs: number) => Math.max(0, Math.floor(sinceMs / 1000) - MARGIN_S)

/** How an order that left the pending list ended; `undefined` while it is still live. */
export function goneReasonOf(state: number): GoneReason | undefined {
  if (state === OrderState.Filled || state === OrderState.Partial) return 'filled'
  if (state === OrderState.Canceled || state === OrderState.Rejected) return 'cancelled'
  if (state === OrderState.Expired) return 'expired'
  return undefined
}

/** A source order that has no link and no pending copy on a target. */
export interface UnlinkedSource {
  ticket: bigint
  /** The source order's setup time (UTC ms or server-local): no copy of it can be older. */
  setupMs: number
  /** Its `OrderType` now: a cancelled copy of another type was replaced, not opted out of. */
  type?: number
}

/** A copy found on a target outside its pending orders. */
export interface PastCopy {
  sourceTicket: bigint
  copyTicket: bigint
  symbol: string
  /** Where it was found. */
  where: 'position' | 'history'
  /** It expired (history), with this expiry: the planner replaces it when its source's differs. */
  expired?: Expiry
}

/** The expiry an order had. */
export type Expiry = Pick<OrderFields, 'timeType' | 'expirationMs'>

/** The expiry of an SDK order as the planner reads it. */
function expiryOf(o: Order): Expiry | undefined {
  const c = toCopyOrder(o)
  return c === undefined ? undefined : { timeType: c.timeType, expirationMs: c.expirationMs }
}

/**
 * The copies that once existed on a target for `sources`: tagged open positions (a position opened
 * by a pending order keeps its comment), tagged history orders that were ever live (filled,
 * partially filled, cancelled or expired; a rejected request never made an order) and tagged
 * deals (a fill that netted into a position whose comment is another order's).
 * @throws the SDK's errors when the target cannot be asked
 */
export async function findPastCopies(
  client: Pick<Mt5Client, 'positions' | 'history'>,
  scope: TagScope,
  sources: readonly UnlinkedSource[],
): Promise<PastCopy[]> {
  if (sources.length === 0) return []
  const wanted = new Set(sources.map((s) => s.ticket))
  const since = Math.min(...sources.map((s) => s.setupMs))
  const found = new Map<bigint, PastCopy>()
  const add = (
    comment: string,
    copyTicket: bigint,
    symbol: string,
    where: PastCopy['where'],
    expired?: Expiry,
  ) => {
    const sourceTicket = parseTag(comment, scope)
    if (sourceTicket === undefined || !wanted.has(sourceTicket) || found.has(sourceTicket)) return
    found.set(sourceTicket, { sourceTicket, copyTicket, symbol, where, ...(expired ? { expired } : {}) })
  }
  const [positions, history] = await Promise.all([
    client.positions(),
    client.history({ from: fromOf(since) }),
  ])
  for (const p of positions) add(p.comment, p.order, p.symbol, 'position')
  const byNewest = [...history.orders].sort((a, b) => b.timeSetupMs - a.timeSetupMs)
  const typeOf = new Map(sources.map((s) => [s.ticket, s.type]))
  for (const o of byNewest) {
    if (o.state === OrderState.Rejected) continue
    // A copy cancelled while its source had another type (a stop-limit since triggered into a
    // limit) was cancelled to be replaced: it does not stop a copy of the source as it is now.
    const now = typeOf.get(parseTag(o.comment, scope) ?? 0n)
    if (o.state === OrderState.Canceled && now !== undefined && o.type !== now) continue
    add(o.comment, o.ticket, o.symbol, 'history', o.state === OrderState.Expired ? expiryOf(o) : undefined)
  }
  for (const d of history.deals) add(d.comment, d.order, d.symbol, 'history')
  return [...found.values()]
}

/**
 * The links that record `copies` on `target`: closed (the planner never places them again), but for
 * an expired copy, linked as active so that the planner, told its expiry, decides whether it expired
 * with its source's expiry (gone for good) or with one its source no longer has (replaced).
 */
export function pastCopyLinks(target: string, copies: readonly PastCopy[]): Link[] {
  return copies.map((c) => ({
    target,
    sourceTicket: c.sourceTicket,
    copyTicket: c.copyTicket,
    status: c.expired ? ('active' as const) : ('closed' as const),
  }))
}

/**
 * Which of `copies` (tickets of copies no longer pending on a target, placed at `sinceMs` or later)
 * expired, with the expiry they had, from the target's history orders.
 * @throws the SDK's errors when the target cannot be asked
 */
export async function findExpiredCopies(
  client: Pick<Mt5Client, 'history'>,
  copies: ReadonlySet<bigint>,
  sinceMs: number,
): Promise<Map<bigint, Expiry>> {
  const out = new Map<bigint, Expiry>()
  if (copies.size === 0) return out
  const history = await client.history({ from: fromOf(sinceMs) })
  for (const o of history.orders as Order[]) {
    if (o.state !== OrderState.Expired || !copies.has(o.ticket)) continue
    const expiry = expiryOf(o)
    if (expiry) out.set(o.ticket, expiry)
  }
  return out
}

/**
 * How source orders that are no longer pending ended, from the source's history orders (`tickets`
 * with the earliest setup time of their copies: the source order left after its copy was placed).
 * A ticket the history does not hold is left out (its end stays unknown).
 * @throws the SDK's errors when the source cannot be asked
 */
export async function findGoneSources(
  client: Pick<Mt5Client, 'history'>,
  tickets: ReadonlyMap<bigint, number>,
): Promise<Map<bigint, GoneReason>> {
  const out = new Map<bigint, GoneReason>()
  if (tickets.size === 0) return out
  const since = Math.min(...tickets.values())
  const history = await client.history({ from: fromOf(since) })
  const filled = new Set(history.deals.map((d) => d.order))
  for (const o of history.orders as Order[]) {
    if (!tickets.has(o.ticket)) continue
    // a deal of the order is a fill whatever state the order ended in (partial fill, then cancel)
    const reason = filled.has(o.ticket) ? 'filled' : goneReasonOf(o.state)
    if (reason !== undefined) out.set(o.ticket, reason)
  }
  return out
}
