/**
 * Pre-flight checks of a new copy that need no I/O: the order type is allowed by the target and
 * supported by the symbol, the symbol's trade mode allows the side, the expiration mode is supported
 * and not past, the trading-hours window and the symbol's session are open, and the price and SL/TP
 * keep the symbol's stops level from the market. (Free margin is checked by the executor.)
 * Each refusal has a fingerprint of what it depended on, so the same refusal is not re-planned.
 */
import { isSessionOpen } from 'mt5web'
import type { PendingOrderType, TargetConfig } from '../config/schema.js'
import { expiresAtMs } from './desired.js'
import { insideTradingHours } from './hours.js'
import type { OrderFields, Quote, ReasonCode, SymbolSpec } from './types.js'

/** Why a copy cannot be placed now. */
export interface Refused {
  reason: ReasonCode
  detail: string
  fingerprint: string
}

const LIMIT = 2
const STOP = 4
const STOP_LIMIT = 8
const kindFlag: Record<PendingOrderType, number> = {
  buyLimit: LIMIT,
  sellLimit: LIMIT,
  buyStop: STOP,
  sellStop: STOP,
  // The terminal requires the limit permission too for stop-limit orders.
  buyStopLimit: STOP_LIMIT | LIMIT,
  sellStopLimit: STOP_LIMIT | LIMIT,
}
const timeFlag = { gtc: 1, day: 2, specified: 4, specifiedDay: 8 } as const
const tradeModeName = ['disabled', 'long only', 'short only', 'close only', 'full']

/** True for the buy side. */
export function isBuyType(type: PendingOrderType): boolean {
  return type.startsWith('buy')
}

/** Checks that depend on the order type and symbol only (no volume, no clock, no quote). */
export function checkTypeAndSymbol(type: PendingOrderType, spec: SymbolSpec): Refused | undefined {
  const buy = isBuyType(type)
  const mode = spec.tradeMode
  if (mode === 0 || mode === 3)
    return {
      reason: 'tradeDisabled',
      detail: `${spec.name} trade mode is ${tradeModeName[mode]}`,
      fingerprint: `tradeDisabled|${spec.name}|${mode}`,
    }
  if ((mode === 1 && !buy) || (mode === 2 && buy))
    return {
      reason: 'sideNotAllowed',
      detail: `${spec.name} is ${tradeModeName[mode]}: no ${type}`,
      fingerprint: `sideNotAllowed|${spec.name}|${mode}|${type}`,
    }
  const need = kindFlag[type]
  if (spec.orderFlags !== 0 && (spec.orderFlags & need) !== need)
    return {
      reason: 'orderTypeNotSupported',
      detail: `${spec.name} does not accept ${type} orders`,
      fingerprint: `orderTypeNotSupported|${spec.name}|${spec.orderFlags}|${type}`,
    }
  return undefined
}

/** Expiration checks: the mode is supported and a specified expiry is still ahead on the target's clock. */
export function checkExpiration(
  order: OrderFields,
  spec: SymbolSpec,
  serverNowMs: number,
): Refused | undefined {
  if (spec.timeFlags !== 0 && (spec.timeFlags & timeFlag[order.timeType]) === 0)
    return {
      reason: 'expirationNotSupported',
      detail: `${spec.name} does not accept expiration "${order.timeType}"`,
      fingerprint: `expirationNotSupported|${spec.name}|${spec.timeFlags}|${order.timeType}`,
    }
  if (expiresAtMs(order.timeType, order.expirationMs) <= serverNowMs)
    return {
      reason: 'alreadyExpired',
      detail: `expiry ${new Date(order.expirationMs).toISOString().slice(0, 16)} (target server time) is past`,
      fingerprint: `alreadyExpired|${order.expirationMs}`,
    }
  return undefined
}

/** The target's trading-hours window (new copies only), at the target server's `now`. */
export function checkTradingHours(config: TargetConfig, serverNowMs: number): Refused | undefined {
  if (config.tradingHours !== undefined && !insideTradingHours(config.tradingHours, serverNowMs))
    return {
      reason: 'outsideTradingHours',
      detail: `outside this target's trading hours (server time ${new Date(serverNowMs).toISOString().slice(11, 16)})`,
      fingerprint: 'outsideTradingHours',
    }
  return undefined
}

/** The symbol's trade session, at the target server's `now`. */
export function checkSession(spec: SymbolSpec, serverNowMs: number): Refused | undefined {
  // sessions are whole minutes: the answer holds for the minute (each push asked it per target)
  const minute = Math.floor(serverNowMs / 60_000)
  const known = sessionChecks.get(spec)
  if (known !== undefined && known.minute === minute) return known.refused
  const refused: Refused | undefined = isSessionOpen(spec.tradeSessions, serverNowMs)
    ? undefined
    : {
        reason: 'sessionClosed',
        detail: `${spec.name} trade session is closed`,
        fingerprint: `sessionClosed|${spec.name}`,
      }
  sessionChecks.set(spec, { minute, refused })
  return refused
}

/** The last session answer per specification object (specifications are never changed in place). */
const sessionChecks = new WeakMap<SymbolSpec, { minute: number; refused: Refused | undefined }>()

/**
 * Stops level: a pending price must sit on the right side of the market by at least the stops level
 * (limits below/above, stops above/below), the limit price of a stop-limit likewise from its stop
 * price, and SL/TP that far from the fill price. Skipped without a quote (the server decides then).
 */
export function checkStops(
  order: OrderFields,
  spec: SymbolSpec,
  quote: Quote | undefined,
): Refused | undefined {
  if (quote === undefined || !(quote.bid > 0) || !(quote.ask > 0)) return undefined
  const level = Math.max(0, spec.stopsLevelPoints) * spec.point
  const eps = spec.point / 2
  const buy = isBuyType(order.type)
  const market = buy ? quote.ask : quote.bid
  let ok: boolean
  switch (order.type) {
    case 'buyLimit':
      ok = order.price <= market - level + eps
      break
    case 'sellLimit':
      ok = order.price >= market + level - eps
      break
    case 'buyStop':
    case 'buyStopLimit':
      ok = order.price >= market + level - eps
      break
    default:
      ok = order.price <= market - level + eps
  }
  const tooClose = (reason: ReasonCode, what: string): Refused => ({
    reason,
    detail: `${what} on ${spec.name}: price ${order.price}, market ${market}, stops level ${spec.stopsLevelPoints} points`,
    // The quote is left out on purpose: a moving market must not re-report the same refusal.
    fingerprint: `${reason}|${spec.name}|${order.type}|${order.price}|${order.stopLimitPrice}|${order.sl}|${order.tp}|${spec.stopsLevelPoints}`,
  })
  if (!ok) return tooClose('priceTooClose', `${order.type} too close to (or across) the market`)
  const fill = order.stopLimitPrice > 0 ? order.stopLimitPrice : order.price
  if (order.stopLimitPrice > 0) {
    const limitOk = buy
      ? order.stopLimitPrice <= order.price - level + eps
      : order.stopLimitPrice >= order.price + level - eps
    if (!limitOk)
      return tooClose('priceTooClose', `stop-limit price ${order.stopLimitPrice} too close to its stop price`)
  }
  const slOk = order.sl === 0 || (buy ? order.sl <= fill - level + eps : order.sl >= fill + level - eps)
  const tpOk = order.tp === 0 || (buy ? order.tp >= fill + level - eps : order.tp <= fill - level + eps)
  if (!slOk || !tpOk)
    return tooClose(
      'stopsTooClose',
      `SL ${order.sl} / TP ${order.tp} too close to (or across) the fill price`,
    )
  return undefined
}
