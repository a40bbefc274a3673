/**
 * What the open orders alone cannot tell after a restart (state database lost, pushes missed):
 * - on a target, whether a copy of a source order has EVER existed (it may have filled into a
 *   position, been closed since, or been cancelled by the target's owner): found by its tag in the
 *   open positions, the history orders and the deals, it is linked as closed so it is never placed
 *   again (but for a copy cancelled with another type than its source's now: it was replaced);
 * - on the source, how a source order that left the pending list ended (filled, cancelled,
 *   expired), so the `sourceFilled` policy, not the orphan policy, applies to a filled one.
 * Lookups only: nothing is sent to a trade server.
 */
import type { Mt5Client, Order } from 'mt5web'
import { OrderState } from 'mt5web'
import { parseTag, type TagScope } from '../link/tag.js'
import type { GoneReason, Link } from '../plan/types.js'

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
  const add = (comment: string, copyTicket: bigint, symbol: string, where: PastCopy['where']) => {
    const sourceTicket = parseTag(comment, scope)
    if (sourceTicket === undefined || !wanted.has(sourceTicket) || found.has(sourceTicket)) return
    found.set(sourceTicket, { sourceTicket, copyTicket, symbol, where })
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
    add(o.comment, o.ticket, o.symbol, 'history')
  }
  for (const d of history.deals) add(d.comment, d.order, d.symbol, 'history')
  return [...found.values()]
}

/** The closed links that record `copies` on `target`: the planner never places them again. */
export function pastCopyLinks(target: string, copies: readonly PastCopy[]): Link[] {
  return copies.map((c) => ({
    target,
    sourceTicket: c.sourceTicket,
    copyTicket: c.copyTicket,
    status: 'closed' as const,
  }))
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
