/**
 * Planning one target: find our copies (by tag), cancel duplicates, apply the source-filled and
 * orphan policies to copies of gone sources, close finished links, then follow or place a copy of
 * every source order in scope. Intents come out in execution order: bookkeeping, cancels (freeing
 * max-pending room), modifies, places.
 */
import { readTag } from '../link/tag.js'
import {
  changedFields,
  desiredExpiration,
  desiredPrices,
  expiryDiffers,
  shiftedExpiration,
} from './desired.js'
import { planGone } from './gone.js'
import { type PlaceContext, planPlace } from './place.js'
import type { PlanContext, TargetLinks } from './plan.js'
import { checkSession } from './preflight.js'
import { symbolMapperOf } from './symbols.js'
import {
  type CopyOrder,
  type Intent,
  type Link,
  type LinkIntent,
  type LinkStatus,
  type OrderFields,
  type PlanInput,
  REPLACE,
  type ReasonCode,
  type TargetConfig,
  type TargetView,
} from './types.js'

/** Plans one target into `out`; returns whether its orphan check ran. */
export function planTarget(
  ctx: PlanContext,
  target: TargetView,
  links: TargetLinks,
  counters: Map<bigint, number> | undefined,
  out: Intent[],
): boolean {
  const { input } = ctx
  const id = target.id
  const config = target.config
  const book: Intent[] = []
  const cancels: Intent[] = []
  const modifies: Intent[] = []
  const places: Intent[] = []
  const inScope = (ticket: bigint) => ctx.scope === undefined || ctx.scope.has(ticket)
  let pending = target.pendingOrders ?? target.orders.length

  // 1. Our copies: by source index for sources in scope; copies of other tickets apart.
  const n = ctx.sourceOrders.length
  const copyAt = new Array<CopyOrder | undefined>(n)
  let extras: Map<number, CopyOrder[]> | undefined
  const others = new Map<bigint, CopyOrder[]>()
  for (const order of target.orders) {
    let i = ctx.tagIndex.get(order.comment)
    if (i === undefined) {
      const ticket = readTag(order.comment, input.tag)
      if (ticket === undefined) continue
      i = ctx.indexOf.get(ticket)
      if (i === undefined) {
        if (!ctx.sourceByTicket.has(ticket)) others.set(ticket, [...(others.get(ticket) ?? []), order])
        continue
      }
    }
    if (copyAt[i] === undefined) copyAt[i] = order
    else {
      extras ??= new Map()
      extras.set(i, [...(extras.get(i) ?? [copyAt[i]!]), order])
    }
  }
  // Extra copies of one source are duplicates: keep the linked one, else the oldest.
  const dedupe = (ticket: bigint, list: CopyOrder[], link: Link | undefined): CopyOrder => {
    const sorted = [...list].sort((a, b) => (a.ticket < b.ticket ? -1 : 1))
    const keep = sorted.find((o) => o.ticket === link?.copyTicket) ?? sorted[0]!
    if (inScope(ticket))
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
    return keep
  }
  if (extras !== undefined)
    for (const [i, list] of extras) copyAt[i] = dedupe(ctx.sourceOrders[i]!.ticket, list, links.at[i])

  // 2. Copies whose source order is gone: source-filled policy or orphan counting.
  const last = input.lastOrphanCheck.get(id)
  const orphanCheck =
    ctx.scope === undefined && (last === undefined || input.now - last >= config.orphans.checkEvery * 1000)
  for (const [ticket, list] of others) {
    if (!inScope(ticket)) continue
    const link = links.other.get(ticket)
    const copy = list.length === 1 ? list[0]! : dedupe(ticket, list, link)
    pending -= planGone(ctx, target, copy, ticket, link, counters?.get(ticket), orphanCheck, book, cancels)
  }
  // Counters of copies that are no orphan any more (source back, copy gone) are reset at a check.
  if (orphanCheck && counters !== undefined)
    for (const ticket of counters.keys()) {
      const back = ctx.sourceByTicket.has(ticket)
      if (!back && others.has(ticket)) continue
      book.push({
        kind: 'orphanCleared',
        target: id,
        sourceTicket: ticket,
        reason: back ? 'newSource' : 'copyGone',
        detail: `source #${ticket} is ${back ? 'back' : 'gone with its copy'}: orphan count reset`,
      })
    }
  // Links whose source and copy are both gone are finished.
  for (const [ticket, link] of links.other) {
    if (link.status === 'closed' || others.has(ticket) || ctx.sourceByTicket.has(ticket) || !inScope(ticket))
      continue
    book.push(
      linkIntent(
        id,
        ticket,
        link.copyTicket,
        'closed',
        'sourceGone',
        `source #${ticket} and its copy are both gone`,
      ),
    )
  }

  // 3. Every source order in scope: follow its copy, or place one.
  const serverNow = input.now + target.serverTimeOffsetMinutes * 60_000
  const shift = target.serverTimeOffsetMinutes - input.source.serverTimeOffsetMinutes
  let pc: PlaceContext | undefined
  for (let i = 0; i < n; i++) {
    const source = ctx.sourceOrders[i]!
    const ticket = source.ticket
    const link = links.at[i]
    const copy = copyAt[i]
    if (copy !== undefined && copy.type !== source.type) {
      // MT5 cannot modify an order's type (a triggered stop-limit source is now a limit order with the
      // same ticket): cancel the copy now and place a copy of the source as it is on a later plan,
      // once the cancel is confirmed (the executor then records the link as due for a replacement),
      // so two live copies with the same tag never exist.
      pending--
      cancels.push({
        kind: 'cancel',
        target: id,
        sourceTicket: ticket,
        copyTicket: copy.ticket,
        symbol: copy.symbol,
        reason: 'sourceTypeChanged',
        detail: `source #${ticket} is now a ${source.type} order: cancel ${copy.type} copy #${copy.ticket}, a new copy follows`,
      })
      continue
    }
    if (copy !== undefined) {
      const linked = link !== undefined && link.copyTicket === copy.ticket && link.status === 'active'
      if (linked && inSync(copy, source, config, shift)) continue
      if (!linked) book.push(linkIntent(id, ticket, copy.ticket, 'active', 'adopted', 'found by its tag'))
      const spec = target.symbols.get(copy.symbol)
      if (spec === undefined) {
        // Not recognisably in sync, and without the symbol's grid no modification can be computed.
        places.push({
          kind: 'leave',
          target: id,
          sourceTicket: ticket,
          reason: 'symbolMissing',
          detail: `copy #${copy.ticket} on ${copy.symbol}: no specification of that symbol, cannot follow its source`,
        })
        continue
      }
      const want = desiredPrices(source, spec, config, shift)
      const changes = changedFields(copy, want, spec)
      const changed = Object.keys(changes) as (keyof typeof changes)[]
      if (changed.length === 0) continue
      if (checkSession(spec, serverNow) !== undefined) {
        places.push({
          kind: 'leave',
          target: id,
          sourceTicket: ticket,
          reason: 'sessionClosed',
          detail: `copy #${copy.ticket} needs ${changed.join(', ')}: ${spec.name} session closed, later`,
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
        detail: `${copy.symbol} #${copy.ticket}: ${changed.map((k) => `${k} ${copy[k]} → ${changes[k]}`).join(', ')}`,
      })
      continue
    }
    if (
      link !== undefined &&
      !(link.status === 'active' && link.copyTicket === REPLACE) &&
      !expiredEarly(link, source, config, shift, input.expiredCopies)
    ) {
      // The copy left the target (filled, cancelled by hand, expired with its source's expiry):
      // never place it again.
      if (link.status !== 'closed')
        book.push(
          linkIntent(
            id,
            ticket,
            link.copyTicket,
            'closed',
            'copyGone',
            'no longer pending on the target: not placed again',
          ),
        )
      continue
    }
    pc ??= {
      mapper: symbolMapperOf(config.symbols),
      has: (name) => target.symbols.has(name),
      serverNow,
      shift,
    }
    const placed = planPlace(ctx, pc, target, source, i, pending)
    if (placed.kind === 'place') pending++
    places.push(placed)
  }

  for (const list of [book, cancels, modifies, places]) for (const intent of list) out.push(intent)
  return orphanCheck
}

/**
 * A copy whose modifiable fields equal exactly what the source and the policies give, without
 * rounding anything (the common case of a reconcile). Anything else goes the long way.
 */
function inSync(copy: CopyOrder, source: CopyOrder, config: TargetConfig, shift: number): boolean {
  if (copy.price !== source.price || copy.stopLimitPrice !== source.stopLimitPrice) return false
  if (config.sltp === 'copy') {
    if (copy.sl !== source.sl || copy.tp !== source.tp) return false
  } else if (config.sltp === 'none') {
    if (copy.sl !== 0 || copy.tp !== 0) return false
  } else return false
  if (config.expiration === 'none') return copy.timeType === 'gtc' && copy.expirationMs === 0
  const expiration =
    config.expiration === 'shiftToServerTime'
      ? shiftedExpiration(source.timeType, source.expirationMs, shift)
      : source.expirationMs
  return copy.timeType === source.timeType && copy.expirationMs === expiration
}

/**
 * A linked copy that expired with an expiry its source no longer has (the source's was extended or
 * removed while the copy could not be modified): it is replaced like a copy that was never placed.
 * One that expired with its source's own expiry is gone for good (the source expires as well).
 */
function expiredEarly(
  link: Link,
  source: CopyOrder,
  config: TargetConfig,
  shift: number,
  expired: PlanInput['expiredCopies'],
): boolean {
  const ended = link.status === 'active' ? expired?.get(link.copyTicket) : undefined
  return ended !== undefined && expiryDiffers(ended, desiredExpiration(source, config, shift))
}

function copyFields(copy: CopyOrder): OrderFields {
  const { ticket: _, ...fields } = copy
  return fields
}

function linkIntent(
  target: string,
  sourceTicket: bigint,
  copyTicket: bigint,
  status: LinkStatus,
  reason: ReasonCode,
  what: string,
): LinkIntent {
  const detail = `copy #${copyTicket} of source #${sourceTicket}: ${what}`
  return { kind: 'link', target, sourceTicket, copyTicket, status, reason, detail }
}
