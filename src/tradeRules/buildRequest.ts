/**
 * Fills the official 248-byte trade request from user parameters (docs/architecture.md#trade-requests):
 * exact lots →
 * units, prices normalised to the tick grid and digits, default filling and flags, `typeReason` 0,
 * bits 256/512 of `typeFlags` cleared, expiration in Unix seconds.
 */
import type { TradeRequestRecord } from '../codec/schemas/tradeRequest.js'
import { lotsToUnits } from '../codec/volume.js'
import { isMarketAction, isPending, RequestFlags, TradeAction } from '../enums.js'
import { ValidationError } from '../errors.js'
import { chooseFilling } from './chooseFilling.js'
import { normalizePrice } from './normalizePrice.js'
import type { TradeRequestParameters } from './requestTypes.js'
import type { SymbolSpec } from './symbolSpec.js'

/** Expiration as Unix seconds (a Date is rounded to the nearest second, like the official client). */
export function expirationSeconds(expiration: number | Date | undefined): number {
  if (expiration === undefined) return 0
  if (expiration instanceof Date) return Math.round(expiration.getTime() / 1000)
  return expiration
}

/**
 * Lots → wire units for a request volume. Float noise of computed lots (`0.1 + 0.2` =
 * 0.30000000000000004, `29 * 0.01`) is rounded away to 8 decimals, as the official client formats
 * the lots with 8 decimals (docs/architecture.md#volumes-prices-and-times), so such values become exact
 * units instead of an error; a
 * value that really has more than 8 decimals (e.g. 0.001234567) is still rejected.
 * @throws ValidationError for a non-finite, negative or over-precise value
 */
export function requestVolumeUnits(lots: number): bigint {
  if (typeof lots !== 'number' || !Number.isFinite(lots) || lots < 0 || lots >= 1e21) return lotsToUnits(lots)
  const rounded = Number(lots.toFixed(8))
  return lotsToUnits(Math.abs(rounded - lots) <= Math.max(1, lots) * 1e-12 ? rounded : lots)
}

/** True when the request closes (part of) a position: a market action with a position, or a close-by. */
export function isClosingRequest(p: Pick<TradeRequestParameters, 'action' | 'position'>): boolean {
  return (isMarketAction(p.action) && (p.position ?? 0n) !== 0n) || p.action === TradeAction.CloseBy
}

function require(condition: boolean, field: string, message: string, value: unknown): void {
  if (!condition) throw new ValidationError(message, { field, value })
}

/**
 * Validates the per-action required fields (the pymt5 pre-send rules) and fills the wire record.
 * @param spec the symbol's specification (digits, tick size, execution mode); may be omitted only
 *   for requests without a symbol
 * @throws ValidationError for a missing or inconsistent field
 */
export function buildTradeRequest(
  p: TradeRequestParameters,
  spec: SymbolSpec | undefined,
  actionId: number,
): TradeRequestRecord {
  const action = p.action
  const volume = p.volume ?? 0
  if (isMarketAction(action) || action === TradeAction.Pending || action === TradeAction.Price)
    require(volume > 0, 'volume', 'volume must be > 0 lots', p.volume)
  if (action === TradeAction.Pending)
    require((p.price ?? 0) !== 0, 'price', 'a pending order needs a price', p.price)
  if (action === TradeAction.Modify || action === TradeAction.Remove)
    require((p.order ?? 0n) > 0n, 'order', 'the order ticket is required', p.order)
  if (action === TradeAction.SlTp)
    require((p.position ?? 0n) > 0n, 'position', 'the position ticket is required', p.position)
  if (action === TradeAction.CloseBy) {
    require((p.position ?? 0n) > 0n, 'position', 'the position ticket is required', p.position)
    require((p.positionBy ?? 0n) > 0n, 'positionBy', 'the opposite position ticket is required', p.positionBy)
  }
  require((p.sl ?? 0) >= 0 ||
    spec?.allowNegativePrices === true, 'sl', 'stop loss must not be negative', p.sl)
  require((p.tp ?? 0) >= 0 ||
    spec?.allowNegativePrices === true, 'tp', 'take profit must not be negative', p.tp)
  const type = p.type ?? 0
  if (action === TradeAction.Pending)
    require(isPending(type), 'type', `order type ${type} is not a pending type`, type)
  if (isMarketAction(action))
    require(type === 0 || type === 1, 'type', `order type ${type} is not a market type`, type)
  if (p.timeType === 2 || p.timeType === 3)
    require(expirationSeconds(p.expiration) >
      0, 'expiration', 'SPECIFIED and SPECIFIED_DAY need an expiration', p.expiration)

  const digits = p.digits ?? spec?.digits ?? 0
  const tickSize = spec?.tickSize ?? 0
  const norm = (x: number | undefined) =>
    x === undefined || x === 0 ? 0 : normalizePrice(x, tickSize, digits)
  const pending = action === TradeAction.Pending
  const closing = isClosingRequest(p)
  let filling = p.filling
  if (filling === undefined) {
    if ((isMarketAction(action) || pending) && spec)
      filling = chooseFilling(spec.trade.tradeExemode, spec.trade.tradeFillFlags, pending)
    else filling = pending ? 2 : 0
  }
  const defaultFlags = closing
    ? RequestFlags.Close
    : isMarketAction(action) || pending
      ? RequestFlags.Open
      : 0
  const flags = (p.flags ?? defaultFlags) & ~(RequestFlags.Expert | RequestFlags.Signal)
  return {
    actionId,
    tradeAction: action,
    tradeSymbol: p.symbol ?? '',
    tradeVolume: requestVolumeUnits(volume),
    digits,
    tradeOrder: p.order ?? 0n,
    tradeType: type,
    typeFilling: filling,
    typeTime: p.timeType ?? 0,
    typeFlags: flags >>> 0,
    typeReason: 0,
    priceOrder: norm(p.price),
    priceTrigger: norm(p.stopLimit),
    priceSl: norm(p.sl),
    priceTp: norm(p.tp),
    priceDeviation: p.deviation ?? 0,
    priceTop: 0,
    priceBottom: 0,
    comment: p.comment ?? '',
    tradePosition: p.position ?? 0n,
    positionBy: p.positionBy ?? 0n,
    timeExpiration: expirationSeconds(p.expiration),
  }
}
