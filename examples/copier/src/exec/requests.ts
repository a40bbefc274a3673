/**
 * Intents → SDK trade requests (pure). The request always carries the copy's whole desired state:
 * the wire's modify request has no "unchanged" marker, the planner already decided what changed.
 */
import { OrderTime, OrderType, TradeAction } from 'mt5web'
import type { OrderFields, OrderTimeType, PendingOrderType } from '../plan/types.js'
import type { TradeRequestParameters } from './trader.js'

const orderTypeCode: Record<PendingOrderType, number> = {
  buyLimit: OrderType.BuyLimit,
  sellLimit: OrderType.SellLimit,
  buyStop: OrderType.BuyStop,
  sellStop: OrderType.SellStop,
  buyStopLimit: OrderType.BuyStopLimit,
  sellStopLimit: OrderType.SellStopLimit,
}

const timeTypeCode: Record<OrderTimeType, number> = {
  gtc: OrderTime.Gtc,
  day: OrderTime.Day,
  specified: OrderTime.Specified,
  specifiedDay: OrderTime.SpecifiedDay,
}

/** The SDK's `OrderType` of a pending type. */
export function orderTypeOf(type: PendingOrderType): number {
  return orderTypeCode[type]
}

/** The SDK's `OrderTime` of a time type. */
export function timeTypeOf(type: OrderTimeType): number {
  return timeTypeCode[type]
}

function timing(o: OrderFields): Pick<TradeRequestParameters, 'timeType' | 'expiration'> {
  const timed = o.timeType === 'specified' || o.timeType === 'specifiedDay'
  return {
    timeType: timeTypeOf(o.timeType),
    ...(timed && o.expirationMs > 0 ? { expiration: Math.floor(o.expirationMs / 1000) } : {}),
  }
}

function prices(o: OrderFields): Pick<TradeRequestParameters, 'price' | 'stopLimit' | 'sl' | 'tp'> {
  return {
    price: o.price,
    ...(o.type === 'buyStopLimit' || o.type === 'sellStopLimit' ? { stopLimit: o.stopLimitPrice } : {}),
    sl: o.sl,
    tp: o.tp,
  }
}

/** A new pending copy, tagged through its comment. */
export function placeRequest(o: OrderFields): TradeRequestParameters {
  return {
    action: TradeAction.Pending,
    symbol: o.symbol,
    type: orderTypeOf(o.type),
    volume: o.volume,
    ...prices(o),
    ...timing(o),
    comment: o.comment,
  }
}

/** A modification of copy `order` to the desired state `o`. */
export function modifyRequest(order: bigint, o: OrderFields): TradeRequestParameters {
  return {
    action: TradeAction.Modify,
    order,
    symbol: o.symbol,
    type: orderTypeOf(o.type),
    ...prices(o),
    ...timing(o),
  }
}

/** Removal of copy `order`. */
export function cancelRequest(order: bigint, symbol: string): TradeRequestParameters {
  return { action: TradeAction.Remove, order, symbol }
}

/**
 * JSON of a request for the state database and logs (bigints as strings; no secret is in a
 * request): the text of the SDK's `toJSON`. Its tickets (its only bigints) are turned into strings
 * first, in their places, so `JSON.stringify` runs without a replacer, on V8's fast path: a place
 * request's JSON costs about half as much (it is written for every intent inside the decision).
 */
export function requestJson(request: TradeRequestParameters): string {
  const { order, position, positionBy } = request
  if (order === undefined && position === undefined && positionBy === undefined)
    return JSON.stringify(request)
  return JSON.stringify({
    ...request,
    ...(order === undefined ? {} : { order: order.toString() }),
    ...(position === undefined ? {} : { position: position.toString() }),
    ...(positionBy === undefined ? {} : { positionBy: positionBy.toString() }),
  })
}
