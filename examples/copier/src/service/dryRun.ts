/**
 * `once --dry-run`: a plan told as the events its execution would emit (marked `dryRun`), and
 * counted like a real pass. Pure.
 */
import type { Intent, Plan } from '../plan/types.js'
import type { ActionEvent, ActionKind } from './events.js'

const tradeAction: Partial<Record<Intent['kind'], ActionKind>> = {
  place: 'placed',
  modify: 'modified',
  cancel: 'cancelled',
  convertToMarket: 'converted',
  refuse: 'refused',
  skipTarget: 'skipped',
  orphanSeen: 'orphan',
}

/** The event an intent would produce, or undefined for pure bookkeeping (links, counter resets, leave). */
export function dryRunEvent(i: Intent, atMs: number): ActionEvent | undefined {
  const action = tradeAction[i.kind]
  if (action === undefined) return undefined
  return {
    action,
    target: i.target,
    sourceTicket: i.kind === 'skipTarget' ? 0n : i.sourceTicket,
    ...('copyTicket' in i ? { copyTicket: i.copyTicket } : {}),
    ...(i.kind === 'place' ? { symbol: i.order.symbol, volume: i.order.volume } : {}),
    reason: i.kind === 'orphanSeen' ? i.action : i.reason,
    detail: i.detail,
    dryRun: true,
    atMs,
  }
}

/** What a dry run found: its events and the counts of a reconcile summary. */
export function dryRun(
  plan: Plan,
  atMs: number,
): { events: ActionEvent[]; actions: number; problems: number; skippedTargets: string[] } {
  const events: ActionEvent[] = []
  let actions = 0
  let problems = 0
  for (const i of plan.intents) {
    const e = dryRunEvent(i, atMs)
    if (i.kind === 'refuse' || (i.kind === 'leave' && i.reason === 'refusedUnchanged')) problems++
    else if (e && e.action !== 'skipped' && e.action !== 'orphan') actions++
    if (e) events.push(e)
  }
  const skippedTargets = plan.intents.filter((i) => i.kind === 'skipTarget').map((i) => i.target)
  return { events, actions, problems, skippedTargets }
}
