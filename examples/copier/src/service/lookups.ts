/**
 * What the copier looks up in the accounts' histories, and remembers for the life of the process:
 * how gone source orders ended, which linked copies expired on their target, and the copies a
 * target once had of source orders with no link (so a lost state database never duplicates them).
 * None of it is on the push path but for a target's first lookup.
 */
import type { Order } from 'mt5web'
import {
  type Expiry,
  findExpiredCopies,
  findGoneSources,
  findPastCopies,
  pastCopyLinks,
} from '../exec/history.js'
import { parseTag, type TagScope } from '../link/tag.js'
import { type GoneReason, type Link, linkKey, REPLACE } from '../plan/types.js'
import type { CachedStore } from '../state/cached.js'
import type { Account } from './account.js'
import type { Book } from './book.js'
import type { ActionEvent } from './events.js'

const MAX_GONE = 10_000

/** What the lookups read from the copier. */
export interface LookupContext {
  tag: TagScope
  now: () => number
  accounts: ReadonlyMap<string, Account>
  source: () => Account | undefined
  sourceOrders: () => ReadonlyMap<bigint, Order>
  bookOf: (orders: ReadonlyMap<bigint, Order>, key?: string) => Book
  emitAction: (e: ActionEvent) => void
  reportError: (error: unknown) => void
}

/** The lookups of one copier and what they remember. */
export type Lookups = ReturnType<typeof createLookups>

/** Creates the lookups of one copier. */
export function createLookups(ctx: LookupContext) {
  const { tag, now, accounts, bookOf, emitAction, reportError } = ctx
  /** How source orders that left the source ended (bounded). */
  const gone = new Map<bigint, GoneReason>()

  function setGone(ticket: bigint, reason: GoneReason): void {
    gone.set(ticket, reason)
    if (gone.size > MAX_GONE) gone.delete(gone.keys().next().value as bigint)
  }

  /** Gone source orders already looked up in the source's history. */
  const goneChecked = new Set<bigint>()
  /** Linked copies that expired on their target, by copy ticket, with the expiry they had (final). */
  const expiredCopies = new Map<bigint, Expiry>()
  /** Targets whose past copies were looked up once in this process, and the source orders checked on each. */
  const pastChecked = new Map<string, Set<bigint>>()

  /**
   * Links, as closed, the copies a target once had (now a position, closed, cancelled by hand) of
   * source orders with no link and no pending copy: a lost state database never duplicates them.
   * Each pair is looked up once per process; a source order first seen after the target's first
   * lookup can only have been copied by this process, which links what it places. A dry run gets
   * the links in `dryRunLinks` instead (nothing stored, emitted or marked checked). Returns false
   * when the lookup failed: the target then makes no decision in this plan.
   */
  async function rebuildPastCopies(s: CachedStore, id: string, dryRunLinks?: Link[]): Promise<boolean> {
    const a = accounts.get(id)
    if (!a?.synced || ctx.source()?.synced !== true) return true
    const checked = pastChecked.get(id) ?? new Set<bigint>()
    const pendingCopies = new Set<bigint>()
    for (const o of a.orders.values()) {
      const t = parseTag(o.comment, tag)
      if (t !== undefined) pendingCopies.add(t)
    }
    const unlinked = [...ctx.sourceOrders().values()]
      .filter(
        (o) =>
          !checked.has(o.ticket) && !pendingCopies.has(o.ticket) && !s.state.links.has(linkKey(id, o.ticket)),
      )
      .map((o) => ({ ticket: o.ticket, setupMs: o.timeSetupMs, type: o.type }))
    try {
      const past = await findPastCopies(a.client, tag, unlinked)
      // a dry run plans with the links it would record, and records nothing
      if (dryRunLinks) {
        dryRunLinks.push(...pastCopyLinks(id, past))
        return true
      }
      for (const c of past) if (c.expired) rememberExpired(c.copyTicket, c.expired)
      if (past.length > 0) {
        const at = now()
        const events: ActionEvent[] = past.map((c) => ({
          action: 'linked',
          target: id,
          sourceTicket: c.sourceTicket,
          copyTicket: c.copyTicket,
          symbol: c.symbol,
          reason: 'pastCopy',
          detail: `copy #${c.copyTicket} of source #${c.sourceTicket} found by its tag (${c.where}): no longer pending, not placed again`,
          atMs: at,
        }))
        await s.commit({
          links: pastCopyLinks(id, past),
          actions: events.map(({ atMs, target, sourceTicket, action, reason, detail, copyTicket }) => ({
            atMs,
            target,
            sourceTicket,
            action,
            reason,
            detail,
            copyTicket,
          })),
        })
        for (const e of events) emitAction(e)
      }
    } catch (error) {
      reportError(error)
      return false
    }
    for (const o of unlinked) checked.add(o.ticket)
    pastChecked.set(id, checked)
    return true
  }

  function rememberExpired(copyTicket: bigint, expiry: Expiry): void {
    expiredCopies.set(copyTicket, expiry)
    if (expiredCopies.size > MAX_GONE) expiredCopies.delete(expiredCopies.keys().next().value as bigint)
  }

  /**
   * The linked copies on `id` that are no longer pending while their source order (in `scope`) is,
   * not looked up yet, and the earliest setup of their sources; undefined when there is none (the
   * common case: no promise, no await on the push path). Rare otherwise: such a copy is closed by
   * the same plan unless it expired early, and not asked about again.
   */
  function missingCopies(
    s: CachedStore,
    id: string,
    scope?: readonly bigint[],
  ): { copies: Set<bigint>; sinceMs: number } | undefined {
    const a = accounts.get(id)
    if (!a?.synced) return undefined
    // only a linked copy can be missing: a push about source orders no target has a link to (new
    // ones) reads no target's book
    const linked = s.state.linkedSources
    if (scope !== undefined && !scope.some((ticket) => linked.has(ticket))) return undefined
    const pending = bookOf(a.orders, id).copies
    const sourceOrders = ctx.sourceOrders()
    let out: { copies: Set<bigint>; sinceMs: number } | undefined
    for (const ticket of scope ?? sourceOrders.keys()) {
      if (!linked.has(ticket) || pending.has(ticket)) continue
      const o = sourceOrders.get(ticket)
      const link = o === undefined ? undefined : s.state.links.get(linkKey(id, ticket))
      if (o === undefined || link?.status !== 'active' || link.copyTicket === REPLACE) continue
      if (expiredCopies.has(link.copyTicket)) continue
      out ??= { copies: new Set(), sinceMs: o.timeSetupMs }
      out.copies.add(link.copyTicket)
      out.sinceMs = Math.min(out.sinceMs, o.timeSetupMs)
    }
    return out
  }

  /**
   * Whether `missing` copies on `id` expired, and with which expiry: the planner replaces one that
   * expired with an expiry its source no longer has (extended while the copy could not be
   * modified). Returns false when the lookup failed: the target then makes no decision in this plan.
   */
  async function lookUpExpiredCopies(
    id: string,
    missing: { copies: Set<bigint>; sinceMs: number },
  ): Promise<boolean> {
    const a = accounts.get(id)
    if (!a) return true
    try {
      for (const [ticket, expiry] of await findExpiredCopies(a.client, missing.copies, missing.sinceMs))
        rememberExpired(ticket, expiry)
      return true
    } catch (error) {
      reportError(error)
      return false
    }
  }

  /** The source ticket of a tagged order whose source left the view and whose end was not looked up yet. */
  function unresolved(o: Order, sourceOrders: ReadonlyMap<bigint, unknown>): bigint | undefined {
    const t = parseTag(o.comment, tag)
    return t === undefined || sourceOrders.has(t) || gone.has(t) || goneChecked.has(t) ? undefined : t
  }

  /** The targets of `ids` holding a copy whose source's end is not known nor looked up yet. */
  function unresolvedGone(ids: readonly string[]): string[] {
    const sourceOrders = ctx.sourceOrders()
    return ids.filter((id) => {
      for (const o of accounts.get(id)?.orders.values() ?? [])
        if (unresolved(o, sourceOrders) !== undefined) return true
      return false
    })
  }

  /**
   * How the sources of the pending copies on `ids` ended when no push said it (a restart, a
   * reconnect): read from the source's history, so a filled one gets the `sourceFilled` policy.
   */
  async function resolveGone(ids: readonly string[]): Promise<void> {
    const source = ctx.source()
    if (source?.synced !== true) return
    const sourceOrders = ctx.sourceOrders()
    const tickets = new Map<bigint, number>()
    for (const id of ids)
      for (const o of accounts.get(id)?.orders.values() ?? []) {
        const t = unresolved(o, sourceOrders)
        if (t === undefined) continue
        tickets.set(t, Math.min(tickets.get(t) ?? o.timeSetupMs, o.timeSetupMs))
      }
    try {
      for (const [ticket, reason] of await findGoneSources(source.client, tickets)) setGone(ticket, reason)
      // not in the history either: unknown for good (a preserved orphan is not asked about every pass)
      for (const ticket of tickets.keys()) goneChecked.add(ticket)
      while (goneChecked.size > MAX_GONE) goneChecked.delete(goneChecked.values().next().value as bigint)
    } catch (error) {
      reportError(error)
    }
  }

  /**
   * Before a full pass counts orphans: a copy whose source left the view since `resolveGone`
   * looked (or while the source was not synced then) is looked up now; returns the targets still
   * holding one, which make no decision in this pass (a filled source's copy counted as an orphan
   * and preserved for good, where sourceFilled said cancel: campaign seed 18).
   */
  async function settleGone(ids: readonly string[]): Promise<string[]> {
    for (let i = 0; i < 2 && ctx.source()?.synced === true && unresolvedGone(ids).length > 0; i++)
      await resolveGone(ids)
    return unresolvedGone(ids)
  }

  return {
    gone,
    expiredCopies,
    pastChecked,
    setGone,
    rebuildPastCopies,
    missingCopies,
    lookUpExpiredCopies,
    resolveGone,
    settleGone,
  }
}
