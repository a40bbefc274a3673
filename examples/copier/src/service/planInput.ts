/**
 * The planner's input as the copier builds it from its accounts, its cached state and what its
 * lookups remember: for a full pass every order and link, for a push only what the changed
 * source tickets touch.
 */
import type { Order } from 'mt5web'
import type { TargetConfig } from '../config/schema.js'
import type { Expiry } from '../exec/history.js'
import type { TagScope } from '../link/tag.js'
import type { CopyOrder, GoneReason, Link, PlanInput, TargetView } from '../plan/types.js'
import type { CachedStore } from '../state/cached.js'
import type { Account } from './account.js'
import { type Book, scopedLinks, scopedOrders } from './book.js'
import { toCopyOrders } from './views.js'

/** The source's key among the books (no target id holds a NUL). */
const SOURCE_BOOK = '\u0000source'

/** What the planner's input is built from. */
export interface PlanInputContext {
  tag: TagScope
  now: () => number
  targetById: ReadonlyMap<string, TargetConfig>
  accounts: ReadonlyMap<string, Account>
  source: () => Account | undefined
  sourceOrders: () => ReadonlyMap<bigint, Order>
  bookOf: (orders: ReadonlyMap<bigint, Order>, key?: string) => Book
  gone: ReadonlyMap<bigint, GoneReason>
  expiredCopies: ReadonlyMap<bigint, Expiry>
}

/** The copier's `planInput(store, targets, scope?, unsure?)`. */
export type PlanInputs = ReturnType<typeof createPlanInputs>

/** Creates the copier's `planInput(store, targets, scope?, unsure?)`. */
export function createPlanInputs(ctx: PlanInputContext) {
  const { tag, now, targetById, accounts, bookOf } = ctx

  /** A scoped view holds only the copies of the source orders in scope (and the count of all). */
  function targetView(t: TargetConfig, scope?: readonly bigint[]): TargetView {
    const a = accounts.get(t.id)
    const book = a ? bookOf(a.orders, t.id) : undefined
    return {
      id: t.id,
      config: t,
      connected: a?.connected === true,
      synced: a?.synced === true,
      ...(book === undefined
        ? { orders: [] }
        : scope === undefined
          ? { orders: book.orders }
          : scopedOrders(book, scope)),
      symbols: a?.symbols ?? new Map(),
      quotes: a?.quotes ?? new Map(),
      serverTimeOffsetMinutes: a?.serverTimeOffsetMinutes ?? 0,
    }
  }

  /** `unsure`: targets whose past copies could not be looked up, planned as not synced. */
  function planInput(
    s: CachedStore,
    ids: readonly string[],
    scope?: readonly bigint[],
    unsure?: ReadonlySet<string>,
  ): PlanInput {
    const source = ctx.source()
    // each ticket once: a copy read twice would look like a duplicate of itself
    if (scope !== undefined) scope = [...new Set(scope)]
    const views: TargetView[] = []
    for (const id of ids) {
      const t = targetById.get(id)
      if (t) views.push(unsure?.has(id) ? { ...targetView(t, scope), synced: false } : targetView(t, scope))
    }
    // a push-driven plan reads only what its scope touches: the source orders, copies and links of
    // the changed tickets, never every target's whole book (the push path's largest cost otherwise)
    let orders: CopyOrder[]
    let links: Link[]
    if (scope === undefined) {
      orders = bookOf(ctx.sourceOrders(), SOURCE_BOOK).orders
      links = [...s.state.links.values()]
    } else {
      orders = toCopyOrders(scope.flatMap((ticket) => ctx.sourceOrders().get(ticket) ?? []))
      links = scopedLinks(s.state.links, ids, scope, s.state.linkedSources)
    }
    return {
      now: now(),
      tag,
      source: {
        synced: source?.synced === true,
        orders,
        gone: ctx.gone,
        serverTimeOffsetMinutes: source?.serverTimeOffsetMinutes ?? 0,
      },
      targets: views,
      links,
      orphanCounters: s.state.orphanCounters,
      refusals: s.state.refusals,
      lastOrphanCheck: s.state.lastOrphanCheck,
      expiredCopies: ctx.expiredCopies,
      ...(scope ? { scope } : {}),
    }
  }

  return planInput
}
