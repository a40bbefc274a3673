/**
 * A new copy: every pre-flight check in order, then place, refuse, or leave an unchanged refusal
 * alone (the same reason with the same fingerprint is not reported or tried again).
 */

import { desiredPrices } from './desired.js'
import { copyVolume, volumeLimitsOf } from './lots.js'
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
import type { CopyOrder, Intent, OrderFields, Refusal, SymbolSpec, TargetView } from './types.js'
import { linkKey } from './types.js'

/** Per-target values shared by its placements. */
export interface PlaceContext {
  mapper: SymbolMapper
  has: (name: string) => boolean
  /** Target server clock now. */
  serverNow: number
  /** Target server offset minus source server offset, minutes. */
  shift: number
}

/**
 * A copy as placed: its fields, fingerprint and detail. Targets with the same symbol name, price
 * grid, volume and policies get the very same one (built once per plan and source order, then
 * shared, read-only): a cold start places every source order on every target, and building these
 * objects and strings 100,000 times was most of its cost (garbage collection of them the rest).
 */
export interface Made {
  tick: number
  digits: number
  sltp: string
  expiration: string
  shift: number
  order: OrderFields
  fingerprint: string
  detail: string
}

/** How many different copies of one source order are remembered in one plan. */
const MAX_MADE = 16

function made(
  ctx: PlanContext,
  index: number,
  source: CopyOrder,
  spec: SymbolSpec,
  volume: number,
  config: TargetView['config'],
  shift: number,
): Made {
  const tick = spec.tickSize > 0 ? spec.tickSize : spec.point
  let list = ctx.made[index]
  if (list === undefined) {
    list = []
    ctx.made[index] = list
  }
  for (const m of list)
    if (
      m.order.symbol === spec.name &&
      m.order.volume === volume &&
      m.tick === tick &&
      m.digits === spec.digits &&
      m.sltp === config.sltp &&
      m.expiration === config.expiration &&
      m.shift === shift
    )
      return m
  const order: OrderFields = {
    symbol: spec.name,
    type: source.type,
    volume,
    ...desiredPrices(source, spec, config, shift),
    comment: ctx.tags[index]!,
  }
  // The copy's fields follow from the source order, the policies, the symbol's grid and the volume.
  const sourceText = ctx.describe(index)
  const m: Made = {
    tick,
    digits: spec.digits,
    sltp: config.sltp,
    expiration: config.expiration,
    shift,
    order,
    fingerprint: `place|${sourceText}|${order.symbol}|${order.volume}|${config.sltp}|${config.expiration}|${shift}`,
    detail: `${order.volume} ${order.symbol} copy of ${sourceText}`,
  }
  if (list.length < MAX_MADE) list.push(m)
  return m
}

/** A pre-flight refusal, or leave it when the same one is recorded. */
function refuse(target: TargetView, source: CopyOrder, recorded: Refusal | undefined, r: Refused): Intent {
  const base = { target: target.id, sourceTicket: source.ticket }
  return recorded !== undefined && recorded.reason === r.reason && recorded.fingerprint === r.fingerprint
    ? { kind: 'leave', ...base, reason: 'refusedUnchanged', detail: `still refused: ${r.detail}` }
    : {
        kind: 'refuse',
        ...base,
        ...r,
        detail: `${source.type} ${source.symbol} #${source.ticket}: ${r.detail}`,
      }
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
  const recorded =
    ctx.input.refusals.size === 0 ? undefined : ctx.input.refusals.get(linkKey(target.id, ticket))

  if (!config.orderTypes.includes(source.type))
    return refuse(target, source, recorded, {
      reason: 'orderTypeNotAllowed',
      detail: `${source.type} is not in this target's orderTypes`,
      fingerprint: `orderTypeNotAllowed|${source.type}`,
    })
  const symbol = pc.mapper.map(source.symbol, pc.has)
  const spec = symbol === undefined ? undefined : target.symbols.get(symbol)
  if (spec === undefined)
    return refuse(target, source, recorded, {
      reason: 'symbolMissing',
      detail: `no symbol for ${source.symbol} on the target (tried ${pc.mapper.candidates(source.symbol).join(', ')})`,
      fingerprint: `symbolMissing|${source.symbol}`,
    })
  const typeRefusal = checkTypeAndSymbol(source.type, spec)
  if (typeRefusal !== undefined) return refuse(target, source, recorded, typeRefusal)
  const volume = copyVolume(
    source.volume,
    source.symbol,
    config.lots,
    spec,
    volumeLimitsOf(config.lots, spec),
  )
  if (!volume.ok) return refuse(target, source, recorded, volume)
  const { order, fingerprint, detail } = made(ctx, index, source, spec, volume.volume, config, pc.shift)
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
        target: target.id,
        sourceTicket: ticket,
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
  if (refusal !== undefined) return refuse(target, source, recorded, refusal)
  return {
    kind: 'place',
    target: target.id,
    sourceTicket: ticket,
    order,
    marginCheck: config.marginCheck,
    fingerprint,
    reason: 'newSource',
    detail,
  }
}
