/**
 * Plans and executes for a set of targets, one execution per target at a time: a target that is
 * busy executing is left out of a push-driven plan and re-planned (its share of the scope) as soon
 * as it is done, so two plans never act on the same target at once and a slow target never holds
 * back the others; a full pass waits for it. Full passes settle open intents and look up past and
 * gone orders first; a push goes straight to the plan.
 */
import type { Order } from 'mt5web'
import { createExecutor, type TargetReport } from '../exec/executor.js'
import { recoverOpenIntents } from '../exec/recover.js'
import type { TargetTrader } from '../exec/trader.js'
import { type Fleet, gateTrader } from '../fleet/fleet.js'
import type { TagScope } from '../link/tag.js'
import { plan as makePlan } from '../plan/plan.js'
import type { CancelIntent, Intent } from '../plan/types.js'
import type { CachedStore } from '../state/cached.js'
import type { Account } from './account.js'
import { type Book, showsEffects } from './book.js'
import type { CopierOptions } from './copierTypes.js'
import type { ActionEvent } from './events.js'
import type { Lookups } from './lookups.js'
import type { PlanInputs } from './planInput.js'
import { markStage } from './trace.js'

/** What the reconciler reads from the copier. */
export interface ReconcileContext {
  tag: TagScope
  now: () => number
  execution: CopierOptions['execution']
  accounts: ReadonlyMap<string, Account>
  /** Targets taken over and not yet reconciled in full: nothing else acts on them before. */
  fresh: ReadonlySet<string>
  fleet: () => Fleet | undefined
  closing: () => boolean
  store: () => CachedStore | undefined
  storeReady: () => Promise<CachedStore>
  bookOf: (orders: ReadonlyMap<bigint, Order>, key?: string) => Book
  lookups: Lookups
  planInput: PlanInputs
  emitAction: (e: ActionEvent) => void
  reportError: (error: unknown) => void
}

/** The reconciler of one copier. */
export type Reconciler = ReturnType<typeof createReconciler>

/** Creates the reconciler of one copier. */
export function createReconciler(ctx: ReconcileContext) {
  const { tag, now, accounts, fresh, bookOf, planInput, emitAction, reportError } = ctx
  const { pastChecked, rebuildPastCopies, resolveGone, settleGone, missingCopies, lookUpExpiredCopies } =
    ctx.lookups

  /** Targets with an execution in flight, and what to re-plan when they are done. */
  const busy = new Map<string, Promise<void>>()
  const dirty = new Map<string, Set<bigint> | 'full'>()

  /** Resolves once no execution is in flight on `ids`. */
  async function idle(ids: readonly string[]): Promise<void> {
    for (let pending = ids.flatMap((id) => busy.get(id) ?? []); pending.length > 0; ) {
      await Promise.all(pending)
      pending = ids.flatMap((id) => busy.get(id) ?? [])
    }
  }

  /** `triggerAtMs`: when the push (or reconcile) that led to these actions began, for latency. */
  function executor(s: CachedStore, triggerAtMs: number) {
    const emit = (e: ActionEvent) => emitAction({ ...e, triggerAtMs })
    return createExecutor({ store: s, tagScope: tag, emit, now, ...ctx.execution })
  }

  /**
   * Settles the intents left open on a target (a crash, or an outcome no lookup could settle yet),
   * at every full pass: the target is claimed, so none of them is in flight.
   */
  async function recover(s: CachedStore, id: string): Promise<void> {
    const a = accounts.get(id)
    if (!a?.synced) return
    try {
      const n = await recoverOpenIntents(s, id, traderOf(id, a.client), tag, emitAction, now)
      if (n > 0) await a.refreshOrders()
    } catch (error) {
      reportError(error)
    }
  }

  /** A target's client, gated by its lease in a fleet. */
  const traderOf = (id: string, client: TargetTrader): TargetTrader => {
    const fleet = ctx.fleet()
    return fleet ? gateTrader(fleet, id, client) : client
  }

  /**
   * Plans and executes for `ids` (scoped to `scope` when given). A push-driven (scoped) plan leaves
   * busy targets out and re-plans their share of the scope when they are done; a full pass waits
   * for them.
   */
  async function reconcileTargets(
    ids: readonly string[],
    scope?: readonly bigint[],
    waitBusy = false,
    takeover = false,
  ): Promise<TargetReport[]> {
    if (ctx.closing()) return []
    const fleet = ctx.fleet()
    // a fleet member acts only on what it holds, and on a target just taken only in its takeover pass
    if (fleet) {
      const f = fleet
      ids = ids.filter((id) => {
        if (!f.holds(id)) return false
        if (takeover || !fresh.has(id)) return true
        // remembered: re-planned once the takeover pass is done
        markDirty(id, scope)
        return false
      })
      if (ids.length === 0) return []
    }
    const triggerAtMs = now()
    const s = ctx.store() ?? (await ctx.storeReady())
    if (waitBusy)
      for (let pending = ids.flatMap((id) => busy.get(id) ?? []); pending.length > 0; ) {
        await Promise.all(pending)
        pending = ids.flatMap((id) => busy.get(id) ?? [])
      }
    // from here to the claim below nothing awaits: two plans never share a target
    const free: string[] = []
    for (const id of ids) {
      if (!busy.has(id)) free.push(id)
      else markDirty(id, scope)
    }
    if (free.length === 0) return []
    const exec = executor(s, triggerAtMs)
    const reports: Promise<TargetReport>[] = []
    // one target at a time from here: mark every free target busy before the first await
    const release: (() => void)[] = []
    for (const id of free) {
      let done!: () => void
      busy.set(id, new Promise<void>((r) => (done = r)))
      release.push(() => {
        busy.delete(id)
        done()
        const missed = dirty.get(id)
        dirty.delete(id)
        if (missed !== undefined && !ctx.closing())
          reconcileTargets([id], missed === 'full' ? undefined : [...missed]).catch(reportError)
      })
    }
    try {
      // full passes only: the push path stays free of lookups (but for a target's first past-copy
      // lookup, should a push reach it before its first full pass)
      if (scope === undefined) await Promise.all(free.map((id) => recover(s, id)))
      const lookups = scope === undefined ? free : free.filter((id) => !pastChecked.has(id))
      const failed = new Set<string>()
      // a push with nothing to look up goes straight to the plan (no turn of the microtask queue)
      if (lookups.length > 0 || scope === undefined)
        await Promise.all([
          ...lookups.map(async (id) => {
            if (!(await rebuildPastCopies(s, id))) failed.add(id)
          }),
          scope === undefined ? resolveGone(free) : undefined,
        ])
      // after the past copies: an expired one they linked is looked up no more
      const missing: [string, { copies: Set<bigint>; sinceMs: number }][] = []
      for (const id of free) {
        const m = missingCopies(s, id, scope)
        if (m !== undefined) missing.push([id, m])
      }
      if (missing.length > 0)
        await Promise.all(
          missing.map(async ([id, m]) => {
            if (!(await lookUpExpiredCopies(id, m))) failed.add(id)
          }),
        )
      if (scope === undefined) for (const id of await settleGone(free)) failed.add(id)
      const p = makePlan(planInput(s, free, scope, failed))
      markStage('planned')
      const checkedAt = now()
      const byTarget = new Map<string, Intent[]>(free.map((id) => [id, []]))
      for (const i of p.intents) byTarget.get(i.target)?.push(i)
      // one transaction for the whole decision, then every target on its own
      const outcomes = await exec.executeTargets(
        free.map((id) => {
          const a = accounts.get(id)
          return {
            target: id,
            intents: byTarget.get(id) ?? [],
            trader: a?.synced ? traderOf(id, a.client) : undefined,
          }
        }),
        { orphanChecks: p.orphanChecked.map((target) => ({ target, atMs: checkedAt })) },
      )
      outcomes.forEach((outcome, index) => {
        const a = accounts.get(free[index] as string)
        reports.push(
          outcome
            .then(async (report) => {
              // the target's own pushes may lag the results: read its orders before the next plan,
              // unless they already show every change made
              if (report.actions > 0 && a?.connected && !showsEffects(a.orders, report.effects))
                await a.refreshOrders().catch(reportError)
              // index the target's copies now, off the next push's path
              if (a !== undefined) bookOf(a.orders, a.id)
              // a copy cancelled because its source changed type is replaced by the next plan:
              // make that plan now (on release) rather than at the next source change or reconcile
              const replaced = (byTarget.get(report.target) ?? []).filter(
                (i): i is CancelIntent =>
                  i.kind === 'cancel' &&
                  i.reason === 'sourceTypeChanged' &&
                  report.effects.some((e) => 'removed' in e && e.ticket === i.copyTicket),
              )
              if (replaced.length > 0)
                markDirty(
                  report.target,
                  replaced.map((i) => i.sourceTicket),
                )
              return report
            })
            .finally(() => release[index]?.()),
        )
      })
    } catch (error) {
      for (const r of release) r()
      throw error
    }
    return Promise.all(reports)
  }

  /** Remembers what to re-plan on `id` once it is free (busy, or just taken over). */
  function markDirty(id: string, scope: readonly bigint[] | undefined): void {
    const missed = dirty.get(id)
    if (scope === undefined || missed === 'full') dirty.set(id, 'full')
    else dirty.set(id, new Set([...(missed ?? []), ...scope]))
  }

  /** Re-plans what pushes asked of `ids` while they could not be planned. */
  function replanMissed(ids: readonly string[]): void {
    for (const id of ids) {
      const missed = dirty.get(id)
      if (missed === undefined || busy.has(id) || ctx.closing()) continue
      dirty.delete(id)
      reconcileTargets([id], missed === 'full' ? undefined : [...missed]).catch(reportError)
    }
  }

  return { busy, idle, reconcileTargets, replanMissed }
}
