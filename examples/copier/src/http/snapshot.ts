/**
 * The status snapshot, derived (pure) from what the planner sees and what it would do now: a copy
 * with nothing planned is in sync, one with a modify planned has a pending change, a refusal is
 * shown with its reason. Running the planner here costs one plan (no I/O) and means the page can
 * never disagree with what the copier is about to do.
 */
import { parseTag } from '../link/tag.js'
import { type CopyOrder, type Intent, linkKey, type Plan, type ReasonCode } from '../plan/types.js'
import type {
  AccountView,
  ActionView,
  CopierInspection,
  CopierStatus,
  CopyState,
  CopyView,
  OrphanView,
  SourceOrderView,
} from './status.js'

/** Reasons meaning "this target's config excludes the order", not a failure. */
const NOT_ELIGIBLE: ReadonlySet<string> = new Set<ReasonCode>(['targetDisabled', 'orderTypeNotAllowed'])
/** Reasons meaning "cannot decide now": the target is down, loading, or has no price. */
const WAITING: ReadonlySet<ReasonCode> = new Set([
  'targetDisconnected',
  'targetNotSynced',
  'noQuote',
  'sourceNotSynced',
])

function accountView(a: CopierInspection['accounts'][number]): AccountView {
  return {
    id: a.id,
    role: a.role,
    login: a.login,
    server: a.server,
    enabled: a.enabled,
    state: !a.enabled
      ? 'disabled'
      : a.elsewhere === true
        ? 'elsewhere'
        : a.gaveUp
          ? 'failed'
          : a.synced
            ? 'synced'
            : a.connected
              ? 'connected'
              : a.lastStatus === 'disconnected' || a.lastStatus === 'failed'
                ? 'disconnected'
                : 'connecting',
    pingMs: a.pingLatencyMs,
    lastMessageAgeMs: a.lastMessageAgeMs,
    reconnects: a.reconnectCount,
    gaveUp: a.enabled && a.gaveUp ? { ...a.gaveUp } : null,
  }
}

/** The state of one copy from the intents planned for it (first one that decides wins). */
function stateOf(
  intents: readonly Intent[],
  copy: CopyOrder | undefined,
  kept: boolean,
): { state: CopyState; intent?: Intent } {
  for (const i of intents) {
    if (i.kind === 'refuse')
      return { state: NOT_ELIGIBLE.has(i.reason) ? 'notEligible' : 'refused', intent: i }
    if (i.kind === 'leave' && i.reason === 'refusedUnchanged') return { state: 'refused', intent: i }
    if (i.kind === 'modify') return { state: 'pendingChange', intent: i }
    if (i.kind === 'place') return { state: 'placing', intent: i }
    if ((i.kind === 'leave' || i.kind === 'skipTarget') && WAITING.has(i.reason))
      return { state: 'waiting', intent: i }
    if ((i.kind === 'leave' || i.kind === 'skipTarget') && NOT_ELIGIBLE.has(i.reason))
      return { state: 'notEligible', intent: i }
    if (i.kind === 'leave' && (i.reason === 'sessionClosed' || i.reason === 'outsideTradingHours'))
      return { state: copy ? 'inSync' : 'waiting', intent: i }
  }
  if (kept) return { state: 'kept' }
  return copy ? { state: 'inSync' } : { state: 'waiting' }
}

/**
 * Builds the status from an inspection and the plan made from its input.
 * @param actions the last actions, newest first
 */
export function buildStatus(
  inspection: CopierInspection,
  plan: Plan,
  actions: readonly ActionView[],
  nowMs: number,
): CopierStatus {
  const { input } = inspection
  const accounts = inspection.accounts.map(accountView)

  // intents per (target, source ticket); target-wide skips apply to every order of that target
  const byKey = new Map<string, Intent[]>()
  const skips = new Map<string, Intent>()
  for (const i of plan.intents) {
    if (i.kind === 'skipTarget') skips.set(i.target, i)
    else {
      const key = linkKey(i.target, i.sourceTicket)
      const list = byKey.get(key)
      if (list) list.push(i)
      else byKey.set(key, [i])
    }
  }
  const links = new Map(input.links.map((l) => [linkKey(l.target, l.sourceTicket), l]))

  const sync: CopierStatus['sync'] = {}
  const refusals: Record<string, number> = {}
  const orders: SourceOrderView[] = input.source.orders.map((o) => {
    const copies = input.targets.map((t): CopyView => {
      const key = linkKey(t.id, o.ticket)
      const link = links.get(key)
      const copy =
        (link ? t.orders.find((c) => c.ticket === link.copyTicket) : undefined) ??
        t.orders.find((c) => parseTag(c.comment, input.tag) === o.ticket)
      const skip = skips.get(t.id)
      const planned = stateOf(skip ? [skip] : (byKey.get(key) ?? []), copy, link?.status === 'kept')
      const { intent } = planned
      // a recorded refusal ("still refused") names its reason in the state, not in the intent
      const refusal = planned.state === 'refused' ? input.refusals.get(key) : undefined
      const reason = refusal?.reason ?? (planned.state === 'inSync' ? null : (intent?.reason ?? null))
      const state =
        planned.state === 'refused' && reason && NOT_ELIGIBLE.has(reason) ? 'notEligible' : planned.state
      if (state === 'refused' && reason) refusals[reason] = (refusals[reason] ?? 0) + 1
      if (t.config.enabled) {
        const s = sync[t.id] ?? { inSync: 0, outOfSync: 0 }
        sync[t.id] = s
        if (state === 'inSync' || state === 'kept' || state === 'notEligible') s.inSync++
        else s.outOfSync++
      }
      return {
        target: t.id,
        state,
        copyTicket: copy ? String(copy.ticket) : null,
        symbol: copy?.symbol ?? (intent?.kind === 'place' ? intent.order.symbol : null),
        volume: copy?.volume ?? (intent?.kind === 'place' ? intent.order.volume : null),
        price: copy?.price ?? (intent?.kind === 'place' ? intent.order.price : null),
        reason,
        detail: state === 'inSync' ? null : (intent?.detail ?? null),
      }
    })
    return {
      ticket: String(o.ticket),
      symbol: o.symbol,
      type: o.type,
      volume: o.volume,
      price: o.price,
      stopLimitPrice: o.stopLimitPrice,
      sl: o.sl,
      tp: o.tp,
      copies,
    }
  })
  for (const t of input.targets) if (t.config.enabled) sync[t.id] ??= { inSync: 0, outOfSync: 0 }

  const orphans: OrphanView[] = []
  for (const t of input.targets) {
    const { policy, confirmations } = t.config.orphans
    for (const l of input.links) {
      // a closed link's copy is gone: a counter left behind is no orphan
      if (l.target !== t.id || l.status === 'closed' || l.status === 'kept') continue
      const count = input.orphanCounters.get(linkKey(t.id, l.sourceTicket)) ?? 0
      if (count === 0 && l.status !== 'preserved') continue
      orphans.push({
        target: t.id,
        sourceTicket: String(l.sourceTicket),
        copyTicket: String(l.copyTicket),
        count,
        confirmations,
        policy,
        preserved: l.status === 'preserved',
      })
    }
  }

  const notReady: string[] = []
  for (const a of accounts) {
    const name = a.role === 'source' ? 'source' : `target ${a.id}`
    if (a.gaveUp) notReady.push(`${name} failed, not retried: ${a.gaveUp.message}`)
    else if (a.role === 'source' && a.state !== 'synced') notReady.push(`source is ${a.state}`)
    else if (
      a.role === 'target' &&
      a.enabled &&
      a.state !== 'synced' &&
      a.state !== 'connected' &&
      a.state !== 'elsewhere'
    )
      notReady.push(`target ${a.id} is ${a.state}`)
  }

  return {
    generatedAtMs: nowMs,
    ready: notReady.length === 0,
    notReady,
    accounts,
    orders,
    orphans,
    refusals,
    sync,
    actions: [...actions],
    fleet: inspection.fleet ?? null,
  }
}

/** The status before the copier has connected anything. */
export function notStartedStatus(nowMs: number, actions: readonly ActionView[]): CopierStatus {
  return {
    generatedAtMs: nowMs,
    ready: false,
    notReady: ['the copier has not connected yet'],
    accounts: [],
    orders: [],
    orphans: [],
    refusals: {},
    sync: {},
    actions: [...actions],
    fleet: null,
  }
}
