/**
 * What a copy should look like on a target: prices on the target symbol's tick grid, SL/TP by the
 * `sltp` policy, expiration by the `expiration` policy; and which fields of an existing copy differ.
 */
import { normalizePrice } from 'mt5web'
import type { TargetConfig } from '../config/schema.js'
import type { CopyOrder, ModifiableField, OrderFields, OrderTimeType, SymbolSpec } from './types.js'

/** The fields a copy of `source` should have on a target (volume and comment are set by the caller). */
export function desiredPrices(
  source: CopyOrder,
  spec: SymbolSpec,
  config: TargetConfig,
  offsetMinutes: number,
): Omit<OrderFields, 'symbol' | 'type' | 'volume' | 'comment'> {
  const tick = spec.tickSize > 0 ? spec.tickSize : spec.point
  const round = (p: number) => normalizePrice(p, tick, spec.digits)
  const price = round(source.price)
  const stopLimitPrice = source.stopLimitPrice > 0 ? round(source.stopLimitPrice) : 0
  let sl = 0
  let tp = 0
  if (config.sltp === 'copy') {
    sl = source.sl > 0 ? round(source.sl) : 0
    tp = source.tp > 0 ? round(source.tp) : 0
  } else if (config.sltp === 'distance') {
    // SL/TP relate to the price the order fills at: the limit price of a stop-limit order.
    const sourceAnchor = source.stopLimitPrice > 0 ? source.stopLimitPrice : source.price
    const anchor = stopLimitPrice > 0 ? stopLimitPrice : price
    sl = source.sl > 0 ? round(anchor + (source.sl - sourceAnchor)) : 0
    tp = source.tp > 0 ? round(anchor + (source.tp - sourceAnchor)) : 0
  }
  return { price, stopLimitPrice, sl, tp, ...desiredExpiration(source, config, offsetMinutes) }
}

/** The expiry a copy of `source` should have, by the `expiration` policy. */
export function desiredExpiration(
  source: Pick<OrderFields, 'timeType' | 'expirationMs'>,
  config: TargetConfig,
  offsetMinutes: number,
): Pick<OrderFields, 'timeType' | 'expirationMs'> {
  if (config.expiration === 'none') return { timeType: 'gtc', expirationMs: 0 }
  if (config.expiration === 'shiftToServerTime')
    return {
      timeType: source.timeType,
      expirationMs: shiftedExpiration(source.timeType, source.expirationMs, offsetMinutes),
    }
  return { timeType: source.timeType, expirationMs: source.expirationMs }
}

/** Whether two expiries differ (times by the second, as the server keeps them). */
export function expiryDiffers(
  a: Pick<OrderFields, 'timeType' | 'expirationMs'>,
  b: Pick<OrderFields, 'timeType' | 'expirationMs'>,
): boolean {
  return a.timeType !== b.timeType || Math.floor(a.expirationMs / 1000) !== Math.floor(b.expirationMs / 1000)
}

const DAY_MS = 86_400_000

/**
 * A source expiry on a target server `shiftMinutes` ahead (`shiftToServerTime`). Only a `specified`
 * expiry is an instant, moved by the shift; a `specifiedDay` expiry names a date (the order lives
 * until that day ends), which keeps its meaning on the target's own trading day like a `day` order:
 * shifting it by hours would move it to the day before (a server behind) or after.
 */
export function shiftedExpiration(
  timeType: OrderTimeType,
  expirationMs: number,
  shiftMinutes: number,
): number {
  return timeType === 'specified' && expirationMs > 0 ? expirationMs + shiftMinutes * 60_000 : expirationMs
}

/** When an order with this expiry stops being valid, on its server's clock (`Infinity`: never). */
export function expiresAtMs(timeType: OrderTimeType, expirationMs: number): number {
  if (expirationMs <= 0) return Number.POSITIVE_INFINITY
  if (timeType === 'specified') return expirationMs
  // a date: valid until its day ends (the time of day it carries is not part of it)
  if (timeType === 'specifiedDay') return Math.floor(expirationMs / DAY_MS) * DAY_MS + DAY_MS
  return Number.POSITIVE_INFINITY
}

const priceFields = ['price', 'stopLimitPrice', 'sl', 'tp'] as const

/** The modifiable fields of `copy` that differ from `want` (prices beyond half a tick, times by the second). */
export function changedFields(
  copy: CopyOrder,
  want: Omit<OrderFields, 'symbol' | 'type' | 'volume' | 'comment'>,
  spec: SymbolSpec | undefined,
): Partial<Pick<OrderFields, ModifiableField>> {
  const half = ((spec?.tickSize ?? 0) > 0 ? spec!.tickSize : (spec?.point ?? 1e-8)) / 2
  const changes: Partial<Pick<OrderFields, ModifiableField>> = {}
  for (const field of priceFields)
    if (Math.abs(copy[field] - want[field]) >= half) changes[field] = want[field]
  if (copy.timeType !== want.timeType) changes.timeType = want.timeType
  if (Math.floor(copy.expirationMs / 1000) !== Math.floor(want.expirationMs / 1000))
    changes.expirationMs = want.expirationMs
  return changes
}
