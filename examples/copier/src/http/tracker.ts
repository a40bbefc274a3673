/**
 * Follows a running copier for the status page: keeps the last actions (a bounded ring, newest
 * first), tells subscribers about every action and state change, and builds the snapshot on demand
 * from the copier's inspection. It only listens and reads: it cannot act on the copier.
 */
import { plan as makePlan } from '../plan/plan.js'
import type { Plan, PlanInput } from '../plan/types.js'
import type { ActionEvent } from '../service/events.js'
import { buildStatus, notStartedStatus } from './snapshot.js'
import type {
  ActionView,
  CopierStatus,
  CopierStatusSource,
  InspectableCopier,
  StatusChange,
} from './status.js'

/** Options of {@link createStatusTracker}. */
export interface StatusTrackerOptions {
  /** Actions kept (default 1000). */
  maxActions?: number
  /** UTC ms (default `Date.now`). */
  now?: () => number
  /** The planner (default the copier's own). */
  plan?: (input: PlanInput) => Plan
}

/** A status source that follows a copier until `close()`. */
export interface StatusTracker extends CopierStatusSource {
  close(): void
}

const REQUESTS: ReadonlySet<string> = new Set(['placed', 'modified', 'cancelled', 'converted'])

/** An action event as the page shows it. */
export function toActionView(e: ActionEvent): ActionView {
  return {
    atMs: e.atMs,
    action: e.action,
    target: e.target,
    sourceTicket: String(e.sourceTicket),
    copyTicket: e.copyTicket === undefined ? null : String(e.copyTicket),
    symbol: e.symbol ?? null,
    volume: e.volume ?? null,
    reason: e.reason,
    detail: e.detail,
    retcode: e.retcode ?? null,
    // only a request has a latency: an orphan sighting or a pre-flight refusal sends nothing
    latencyMs:
      e.triggerAtMs === undefined || !REQUESTS.has(e.action) ? null : Math.max(0, e.atMs - e.triggerAtMs),
  }
}

/** Starts following `copier`. */
export function createStatusTracker(
  copier: InspectableCopier,
  options: StatusTrackerOptions = {},
): StatusTracker {
  const max = options.maxActions ?? 1000
  const now = options.now ?? Date.now
  const plan = options.plan ?? makePlan
  // newest last; reversed on read (push is O(1), reads are rare)
  const ring: ActionView[] = []
  const listeners = new Set<(change: StatusChange) => void>()

  const notify = (change: StatusChange) => {
    for (const l of listeners) l(change)
  }
  const onAction = (e: ActionEvent) => {
    if (e.dryRun) return
    const view = toActionView(e)
    ring.push(view)
    if (ring.length > max) ring.splice(0, ring.length - max)
    notify({ type: 'action', action: view })
  }
  const onChange = () => notify({ type: 'status' })
  copier.on('action', onAction)
  copier.on('accountStatus', onChange)
  copier.on('reconciled', onChange)

  const actions = (limit: number) => ring.slice(-Math.max(0, limit)).reverse()

  return {
    snapshot(): CopierStatus {
      const inspection = copier.inspect()
      if (inspection === undefined) return notStartedStatus(now(), actions(50))
      return buildStatus(inspection, plan(inspection.input), actions(50), now())
    },
    actions,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      copier.off('action', onAction)
      copier.off('accountStatus', onChange)
      copier.off('reconciled', onChange)
      listeners.clear()
    },
  }
}
