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
 */
import { formatTag, parseTag } from '../link/tag.js'
import { changedFields, desiredPrices } from './desired.js'
import { planGone } from './gone.js'
import { copyVolume } from './lots.js'
import {
  checkExpiration,
  checkSession,
  checkStops,
  checkTradingHours,
  checkTypeAndSymbol,
  type Refused,
} from './preflight.js'
import { createSymbolMapper } from './symbols.js'
import type { CopyOrder, Intent, Link, OrderFields, Plan, PlanInput, TargetView } from './types.js'
import { linkKey } from './types.js'

/** What every target's planning shares. */
export interface PlanContext {
  input: PlanInput
  /** Source orders in scope, oldest ticket first. */
  sourceOrders: CopyOrder[]
  sourceByTicket: Map<bigint, CopyOrder>
  /** Comment tag of every source ticket in play (exact comments are matched without parsing). */
  tags: Map<string, bigint>
  tagOf: (ticket: bigint) => string
  scope: Set<bigint> | undefined
  /** Orphan counters per target. */
  countersByTarget: Map<string, Map<bigint, number>>
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
  for (const o of input.source.orders) sourceByTicket.set(o.ticket, o)
  const sourceOrders = [...sourceByTicket.values()]
    .filter((o) => scope === undefined || scope.has(o.ticket))
    .sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0))
  const tagCache = new Map<bigint, string>()
  const tags = new Map<string, bigint>()
  const tagOf = (ticket: bigint): string => {
    let tag = tagCache.get(ticket)
    if (tag === undefined) {
      tag = formatTag(ticket, input.tag)
      tagCache.set(ticket, tag)
      tags.set(tag, ticket)
    }
    return tag
  }
  for (const o of sourceOrders) tagOf(o.ticket)
  const countersByTarget = new Map<string, Map<bigint, number>>()
  for (const [key, count] of input.orphanCounters) {
    const cut = key.indexOf('\u0000')
    groupOf(countersByTarget, key.slice(0, cut)).set(BigInt(key.slice(cut + 1)), count)
  }
  const linksByTarget = new Map<string, Map<bigint, Link>>()
  for (const link of input.links) groupOf(linksByTarget, link.target).set(link.sourceTicket, link)
  const ctx: PlanContext = { input, sourceOrders, sourceByTicket, tags, tagOf, scope, countersByTarget }
  for (const target of input.targets) {
    const skip = skipReason(target)
    if (skip !== undefined) {
      intents.push({ kind: 'skipTarget', target: target.id, ...skip })
      continue
    }
    const checked = planTarget(ctx, target, linksByTarget.get(target.id) ?? new Map(), intents)
    if (checked) orphanChecked.push(target.id)
  }
  return { intents, orphanChecked }
}

function groupOf<V>(groups: Map<string, Map<bigint, V>>, key: string): Map<bigint, V> {
  let group = groups.get(key)
  if (group === undefined) {
    group = new Map()
    groups.set(key, group)
  }
  return group
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

/** Our copies on a target by source ticket (tagged orders only), and the untagged count. */
function copiesOf(ctx: PlanContext, target: TargetView): Map<bigint, CopyOrder[]> {
  const copies = new Map<bigint, CopyOrder[]>()
  for (const order of target.orders) {
    const ticket = ctx.tags.get(order.comment) ?? parseTag(order.comment, ctx.input.tag)
    if (ticket === undefined) continue
    const list = copies.get(ticket)
    if (list === undefined) copies.set(ticket, [order])
    else list.push(order)
  }
  return copies
}

/** Plans one target; returns whether its orphan check ran. */
function planTarget(ctx: PlanContext, target: TargetView, links: Map<bigint, Link>, out: Intent[]): boolean {
  const { input } = ctx
  const id = target.id
  const config = target.config
  const book: Intent[] = []
  const cancels: Intent[] = []
  const modifies: Intent[] = []
  const places: Intent[] = []
  const inScope = (ticket: bigint) => ctx.scope === undefined || ctx.scope.has(ticket)

  // 1. Our copies; extra copies of one source are duplicates: keep the linked one, else the oldest.
  const all = copiesOf(ctx, target)
  const copies = new Map<bigint, CopyOrder>()
  let pending = target.orders.length
  for (const [ticket, list] of all) {
    if (list.length === 1) {
      copies.set(ticket, list[0]!)
      continue
    }
    const linked = links.get(ticket)?.copyTicket
    const sorted = [...list].sort((a, b) => (a.ticket < b.ticket ? -1 : 1))
    const keep = sorted.find((o) => o.ticket === linked) ?? sorted[0]!
    copies.set(ticket, keep)
    if (!inScope(ticket)) continue
    for (const extra of sorted)
      if (extra !== keep) {
        pending--
        cancels.push({
          kind: 'cancel',
          target: id,
          sourceTicket: ticket,
          copyTicket: extra.ticket,
          symbol: extra.symbol,
          reason: 'duplicate',
          detail: `duplicate copy #${extra.ticket} of source #${ticket} (keeping #${keep.ticket})`,
        })
      }
  }

  // 2. Copies whose source order is gone: source-filled policy or orphan counting.
  const orphanCheck =
    ctx.scope === undefined &&
    (() => {
      const last = input.lastOrphanCheck.get(id)
      return last === undefined || input.now - last >= config.orphans.checkEvery * 1000
    })()
  const counters = ctx.countersByTarget.get(id)
  for (const [ticket, copy] of copies) {
    if (ctx.sourceByTicket.has(ticket) || !inScope(ticket)) continue
    const freed = planGone(
      ctx,
      target,
      copy,
      ticket,
      links.get(ticket),
      counters?.get(ticket),
      orphanCheck,
      book,
      cancels,
    )
    pending -= freed
  }
  // Counters of copies that are no orphan any more (source back, copy gone) are reset at a check.
  if (orphanCheck && counters !== undefined)
    for (const ticket of counters.keys()) {
      if (copies.has(ticket) && !ctx.sourceByTicket.has(ticket)) continue
      book.push({
        kind: 'orphanCleared',
        target: id,
        sourceTicket: ticket,
        reason: ctx.sourceByTicket.has(ticket) ? 'newSource' : 'copyGone',
        detail: `source #${ticket} is ${ctx.sourceByTicket.has(ticket) ? 'back' : 'gone with its copy'}: orphan count reset`,
      })
    }
  // Links whose source and copy are both gone are finished.
  for (const [ticket, link] of links) {
    if (link.status === 'closed' || copies.has(ticket) || ctx.sourceByTicket.has(ticket) || !inScope(ticket))
      continue
    book.push({
      kind: 'link',
      target: id,
      sourceTicket: ticket,
      copyTicket: link.copyTicket,
      status: 'closed',
      reason: 'sourceGone',
      detail: `source #${ticket} and its copy #${link.copyTicket} are both gone`,
    })
  }

  // 3. Every source order: follow its copy, or place one.
  const mapper = createSymbolMapper(config.symbols)
  const has = (name: string) => target.symbols.has(name)
  const serverNow = input.now + target.serverTimeOffsetMinutes * 60_000
  const shift = target.serverTimeOffsetMinutes - input.source.serverTimeOffsetMinutes
  for (const source of ctx.sourceOrders) {
    const ticket = source.ticket
    const link = links.get(ticket)
    const copy = copies.get(ticket)
    if (copy !== undefined) {
      if (link === undefined || link.copyTicket !== copy.ticket || link.status !== 'active')
        book.push({
          kind: 'link',
          target: id,
          sourceTicket: ticket,
          copyTicket: copy.ticket,
          status: 'active',
          reason: 'adopted',
          detail: `copy #${copy.ticket} of source #${ticket} found by its tag`,
        })
      const spec = target.symbols.get(copy.symbol)
      if (spec === undefined) continue
      const want = desiredPrices(source, spec, config, shift)
      const changes = changedFields(copy, want, spec)
      if (Object.keys(changes).length === 0) continue
      if (checkSession(spec, serverNow) !== undefined) {
        places.push({
          kind: 'leave',
          target: id,
          sourceTicket: ticket,
          reason: 'sessionClosed',
          detail: `copy #${copy.ticket} needs ${Object.keys(changes).join(', ')}: ${spec.name} session closed, later`,
        })
        continue
      }
      modifies.push({
        kind: 'modify',
        target: id,
        sourceTicket: ticket,
        copyTicket: copy.ticket,
        changes,
        order: { ...copyFields(copy), ...want },
        reason: 'sourceChanged',
        detail: `${copy.symbol} #${copy.ticket}: ${Object.entries(changes)
          .map(([k, v]) => `${k} ${copy[k as keyof typeof changes]} → ${v}`)
          .join(', ')}`,
      })
      continue
    }
    if (link !== undefined) {
      // The copy left the target (filled, cancelled by hand, expired): never place it again.
      if (link.status !== 'closed')
        book.push({
          kind: 'link',
          target: id,
          sourceTicket: ticket,
          copyTicket: link.copyTicket,
          status: 'closed',
          reason: 'copyGone',
          detail: `copy #${link.copyTicket} of source #${ticket} is no longer pending on the target: not placed again`,
        })
      continue
    }
    const placed = planPlace(ctx, target, source, mapper, has, serverNow, shift, pending)
    if (placed.kind === 'place') pending++
    places.push(placed)
  }

  for (const list of [book, cancels, modifies, places]) for (const i of list) out.push(i)
  return orphanCheck
}

function copyFields(copy: CopyOrder): OrderFields {
  return {
    symbol: copy.symbol,
    type: copy.type,
    volume: copy.volume,
    price: copy.price,
    stopLimitPrice: copy.stopLimitPrice,
    sl: copy.sl,
    tp: copy.tp,
    timeType: copy.timeType,
    expirationMs: copy.expirationMs,
    comment: copy.comment,
  }
}

/** A new copy: every pre-flight check, then place, refuse, or leave an unchanged refusal alone. */
function planPlace(
  ctx: PlanContext,
  target: TargetView,
  source: CopyOrder,
  mapper: ReturnType<typeof createSymbolMapper>,
  has: (name: string) => boolean,
  serverNow: number,
  shift: number,
  pending: number,
): Intent {
  const config = target.config
  const ticket = source.ticket
  const base = { target: target.id, sourceTicket: ticket }
  const recorded = ctx.input.refusals.get(linkKey(target.id, ticket))
  const refuse = (r: Refused): Intent =>
    recorded !== undefined && recorded.reason === r.reason && recorded.fingerprint === r.fingerprint
      ? { kind: 'leave', ...base, reason: 'refusedUnchanged', detail: `still refused: ${r.detail}` }
      : { kind: 'refuse', ...base, ...r, detail: `${source.type} ${source.symbol} #${ticket}: ${r.detail}` }

  if (!config.orderTypes.includes(source.type))
    return refuse({
      reason: 'orderTypeNotAllowed',
      detail: `${source.type} is not in this target's orderTypes`,
      fingerprint: `orderTypeNotAllowed|${source.type}`,
    })
  const symbol = mapper.map(source.symbol, has)
  const spec = symbol === undefined ? undefined : target.symbols.get(symbol)
  if (spec === undefined)
    return refuse({
      reason: 'symbolMissing',
      detail: `no symbol for ${source.symbol} on the target (tried ${mapper.candidates(source.symbol).join(', ')})`,
      fingerprint: `symbolMissing|${source.symbol}`,
    })
  const typeRefusal = checkTypeAndSymbol(source.type, spec)
  if (typeRefusal !== undefined) return refuse(typeRefusal)
  const volume = copyVolume(source.volume, source.symbol, config.lots, spec)
  if (!volume.ok) return refuse(volume)
  const order: OrderFields = {
    symbol: spec.name,
    type: source.type,
    volume: volume.volume,
    ...desiredPrices(source, spec, config, shift),
    comment: ctx.tagOf(ticket),
  }
  const refusal =
    checkExpiration(order, spec, serverNow) ??
    checkTradingHours(config, serverNow) ??
    checkSession(spec, serverNow) ??
    (config.maxPendingOrders !== undefined && pending >= config.maxPendingOrders
      ? {
          reason: 'maxPendingOrders' as const,
          detail: `${pending} pending orders on the target, maxPendingOrders is ${config.maxPendingOrders}`,
          fingerprint: `maxPendingOrders|${config.maxPendingOrders}|${pending}`,
        }
      : undefined) ??
    checkStops(order, spec, target.quotes.get(spec.name))
  if (refusal !== undefined) return refuse(refusal)
  const fingerprint = `place|${order.symbol}|${order.type}|${order.volume}|${order.price}|${order.stopLimitPrice}|${order.sl}|${order.tp}|${order.timeType}|${order.expirationMs}`
  // Refused by the executor (free margin, a final retcode) for this very order: not again, unless
  // the margin refusal may now pass.
  if (recorded !== undefined && recorded.fingerprint === fingerprint) {
    const marginGrew =
      recorded.reason === 'noMargin' &&
      target.marginFree !== undefined &&
      (recorded.marginFree === undefined || target.marginFree > recorded.marginFree)
    if (!marginGrew)
      return {
        kind: 'leave',
        ...base,
        reason: 'refusedUnchanged',
        detail: `still refused (${recorded.reason}) for the same order`,
      }
  }
  return {
    kind: 'place',
    ...base,
    order,
    marginCheck: config.marginCheck,
    fingerprint,
    reason: 'newSource',
    detail: `${order.type} ${order.volume} ${order.symbol} @ ${order.price}${order.stopLimitPrice > 0 ? ` limit ${order.stopLimitPrice}` : ''} sl ${order.sl} tp ${order.tp} (source #${ticket} ${source.volume} ${source.symbol})`,
  }
}
