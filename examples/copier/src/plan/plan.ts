/**
 * The pure planner: (source orders, each target's orders and symbols, links, orphan counters,
 * refusals, clock) → intents, each with its reason. No I/O, no clock reads, no randomness: the same
 * input always gives the same plan.
 *
 * Invariants the model test (test/property/planner.test.ts) checks:
 * - an order without our tag is never modified or cancelled;
 * - a source order never gets a second copy on a target (one is kept, extra tagged copies cancelled);
 * - a copy that left the target (filled, cancelled by hand) is never placed again (its link is closed);
 * - nothing is decided from a source that is not fully synced.
 *
 * Speed (a full plan of 1,000 source orders × 100 targets is budgeted at 50 ms): the source orders in
 * play are numbered once; per target, copies and links are arrays indexed by that number, so the hot
 * loop does no bigint-keyed lookups, and an in-sync copy is recognised without computing anything.
 */
import { formatTag } from '../link/tag.js'
import type { Made } from './place.js'
import { planTarget } from './target.js'
import type { CopyOrder, Intent, Link, Plan, PlanInput, TargetView } from './types.js'

const MAX_TICKET = (1n << 64n) - 1n

/** What every target's planning shares. */
export interface PlanContext {
  input: PlanInput
  /** Source orders in scope, oldest ticket first; their position is their index below. */
  sourceOrders: CopyOrder[]
  /** Index in `sourceOrders` of a source ticket in scope. */
  indexOf: Map<bigint, number>
  /** All source tickets pending now (in scope or not). */
  sourceByTicket: Map<bigint, CopyOrder>
  /** Exact comment tag → index in `sourceOrders` (broker-altered comments go through `parseTag`). */
  tagIndex: Map<string, number>
  /** Comment tag of each source order in scope, by index. */
  tags: string[]
  scope: Set<bigint> | undefined
  /**
   * `#ticket type volume symbol @ price …` of a source order in scope, built once per plan (not once
   * per target): number-to-text conversions dominate the cost of a placement otherwise.
   */
  describe: (index: number) => string
  /** Copies built per source order in scope, by index, shared by the targets that place the same one (place.ts). */
  made: (Made[] | undefined)[]
}

/** One target's links: by source index for sources in scope, the others (gone, out of scope) apart. */
export interface TargetLinks {
  at: (Link | undefined)[]
  other: Map<bigint, Link>
}

/** Plans one pass over every target. */
export function plan(input: PlanInput): Plan {
  const intents: Intent[] = []
  const orphanChecked: string[] = []
  if (!input.source.synced) {
    for (const t of input.targets)
      intents.push({
        kind: 'skipTarget',
        target: t.id,
        reason: 'sourceNotSynced',
        detail: 'the source account is not fully synced: no decision until it is',
      })
    return { intents, orphanChecked }
  }
  const scope = input.scope === undefined ? undefined : new Set(input.scope)
  const sourceByTicket = new Map<bigint, CopyOrder>()
  const invalid: CopyOrder[] = []
  for (const o of input.source.orders) {
    // A ticket no tag can carry (bad data): refused on every target, never fatal to the plan.
    if (o.ticket > 0n && o.ticket <= MAX_TICKET) sourceByTicket.set(o.ticket, o)
    else if (scope === undefined || scope.has(o.ticket)) invalid.push(o)
  }
  const sourceOrders = [...sourceByTicket.values()]
    .filter((o) => scope === undefined || scope.has(o.ticket))
    .sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0))
  const indexOf = new Map<bigint, number>()
  const tagIndex = new Map<string, number>()
  const tags: string[] = []
  sourceOrders.forEach((o, i) => {
    const tag = formatTag(o.ticket, input.tag)
    indexOf.set(o.ticket, i)
    tagIndex.set(tag, i)
    tags.push(tag)
  })
  const descriptions: string[] = []
  const describe = (i: number): string => {
    let text = descriptions[i]
    if (text === undefined) {
      const o = sourceOrders[i]!
      const limit = o.stopLimitPrice > 0 ? ` limit ${o.stopLimitPrice}` : ''
      const expiry = o.expirationMs > 0 ? ` exp ${o.timeType} ${o.expirationMs}` : ` ${o.timeType}`
      text = `#${o.ticket} ${o.type} ${o.volume} ${o.symbol} @ ${o.price}${limit} sl ${o.sl} tp ${o.tp}${expiry}`
      descriptions[i] = text
    }
    return text
  }
  const ctx: PlanContext = {
    input,
    sourceOrders,
    indexOf,
    sourceByTicket,
    tagIndex,
    tags,
    scope,
    describe,
    made: [],
  }

  const linksByTarget = new Map<string, TargetLinks>()
  for (const link of input.links) {
    let group = linksByTarget.get(link.target)
    if (group === undefined) {
      group = { at: new Array<Link | undefined>(sourceOrders.length), other: new Map() }
      linksByTarget.set(link.target, group)
    }
    const i = indexOf.get(link.sourceTicket)
    if (i === undefined) group.other.set(link.sourceTicket, link)
    else group.at[i] = link
  }
  const countersByTarget = new Map<string, Map<bigint, number>>()
  // orphan counters are read by an orphan check only, and a scoped (push) plan never makes one: a
  // push does not walk every target's counters
  if (scope === undefined)
    for (const [key, count] of input.orphanCounters) {
      const cut = key.indexOf('\u0000')
      const target = key.slice(0, cut)
      let group = countersByTarget.get(target)
      if (group === undefined) {
        group = new Map()
        countersByTarget.set(target, group)
      }
      group.set(BigInt(key.slice(cut + 1)), count)
    }

  for (const target of input.targets) {
    const skip = skipReason(target)
    if (skip !== undefined) {
      intents.push({ kind: 'skipTarget', target: target.id, ...skip })
      continue
    }
    for (const o of invalid)
      intents.push({
        kind: 'refuse',
        target: target.id,
        sourceTicket: o.ticket,
        reason: 'invalidSource',
        detail: `source order ${o.type} ${o.symbol} has ticket ${o.ticket}, outside 1..2^64-1: not copied`,
        fingerprint: `invalidSource|${o.ticket}`,
      })
    const links = linksByTarget.get(target.id) ?? { at: [], other: new Map() }
    if (planTarget(ctx, target, links, countersByTarget.get(target.id), intents))
      orphanChecked.push(target.id)
  }
  return { intents, orphanChecked }
}

function skipReason(
  target: TargetView,
): { reason: 'targetDisabled' | 'targetDisconnected' | 'targetNotSynced'; detail: string } | undefined {
  if (!target.config.enabled) return { reason: 'targetDisabled', detail: 'target disabled in the config' }
  if (!target.connected)
    return { reason: 'targetDisconnected', detail: 'target not connected: reconciled when it is back' }
  if (!target.synced) return { reason: 'targetNotSynced', detail: 'target orders not loaded yet' }
  return undefined
}
