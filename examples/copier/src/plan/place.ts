/**
 * A new copy: every pre-flight check in order, then place, refuse, or leave an unchanged refusal
 * alone (the same reason with the same fingerprint is not reported or tried again).
 */

import { desiredPrices } from './desired.js'
import { copyVolume, type VolumeLimits, volumeLimits } from './lots.js'
import type { PlanContext } from './plan.js'
import {
  checkExpiration,
  checkSession,
  checkStops,
  checkTradingHours,
  checkTypeAndSymbol,
  type Refused,
} from './preflight.js'
import type { SymbolMapper } from './symbols.js'
import type { CopyOrder, Intent, OrderFields, TargetView } from './types.js'
import { linkKey } from './types.js'

/** Per-target values shared by its placements. */
export interface PlaceContext {
  mapper: SymbolMapper
  has: (name: string) => boolean
  /** Target server clock now. */
  serverNow: number
  /** Target server offset minus source server offset, minutes. */
  shift: number
  /** Volume limits per target symbol, computed once. */
  limits: Map<string, VolumeLimits>
}

/** Plans a copy of `source` (index `index` in the context) on a target holding `pending` orders. */
export function planPlace(
  ctx: PlanContext,
  pc: PlaceContext,
  target: TargetView,
  source: CopyOrder,
  index: number,
  pending: number,
): Intent {
  const config = target.config
  const ticket = source.ticket
  const base = { target: target.id, sourceTicket: ticket }
  const recorded =
    ctx.input.refusals.size === 0 ? undefined : ctx.input.refusals.get(linkKey(target.id, ticket))
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
  const symbol = pc.mapper.map(source.symbol, pc.has)
  const spec = symbol === undefined ? undefined : target.symbols.get(symbol)
  if (spec === undefined)
    return refuse({
      reason: 'symbolMissing',
      detail: `no symbol for ${source.symbol} on the target (tried ${pc.mapper.candidates(source.symbol).join(', ')})`,
      fingerprint: `symbolMissing|${source.symbol}`,
    })
  const typeRefusal = checkTypeAndSymbol(source.type, spec)
  if (typeRefusal !== undefined) return refuse(typeRefusal)
  let limits = pc.limits.get(spec.name)
  if (limits === undefined) {
    limits = volumeLimits(config.lots, spec)
    pc.limits.set(spec.name, limits)
  }
  const volume = copyVolume(source.volume, source.symbol, config.lots, spec, limits)
  if (!volume.ok) return refuse(volume)
  const order: OrderFields = {
    symbol: spec.name,
    type: source.type,
    volume: volume.volume,
    ...desiredPrices(source, spec, config, pc.shift),
    comment: ctx.tags[index]!,
  }
  // The copy's fields follow from the source order, the policies, the symbol's grid and the volume.
  const sourceText = ctx.describe(index)
  const fingerprint = `place|${sourceText}|${order.symbol}|${order.volume}|${config.sltp}|${config.expiration}|${pc.shift}`
  // Refused by the executor (free margin, a final retcode) for this very order: not again, unless
  // the margin refusal may now pass. Checked before the pre-flight checks below: a max-pending,
  // session or hours refusal recorded over the server's answer would forget it, and the very order
  // the server refused would be sent again once that check passes.
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
  const refusal =
    checkExpiration(order, spec, pc.serverNow) ??
    checkTradingHours(config, pc.serverNow) ??
    checkSession(spec, pc.serverNow) ??
    (config.maxPendingOrders !== undefined && pending >= config.maxPendingOrders
      ? {
          reason: 'maxPendingOrders' as const,
          detail: `${pending} pending orders on the target, maxPendingOrders is ${config.maxPendingOrders}`,
          fingerprint: `maxPendingOrders|${config.maxPendingOrders}|${pending}`,
        }
      : undefined) ??
    checkStops(order, spec, target.quotes.get(spec.name))
  if (refusal !== undefined) return refuse(refusal)
  return {
    kind: 'place',
    ...base,
    order,
    marginCheck: config.marginCheck,
    fingerprint,
    reason: 'newSource',
    detail: `${order.volume} ${order.symbol} copy of ${sourceText}`,
  }
}
