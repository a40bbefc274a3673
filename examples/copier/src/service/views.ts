/**
 * SDK objects → the planner's plain data: orders (`Order` → `CopyOrder`) and symbol specifications
 * (`FullSymbolInfo` → `SymbolSpec`). Pure; the only place that knows both shapes.
 */
import { type FullSymbolInfo, isPending, type Order, OrderType, unitsToLots } from 'mt5web'
import type { CopyOrder, OrderTimeType, PendingOrderType, SymbolSpec } from '../plan/types.js'

const pendingTypes: Readonly<Record<number, PendingOrderType>> = {
  [OrderType.BuyLimit]: 'buyLimit',
  [OrderType.SellLimit]: 'sellLimit',
  [OrderType.BuyStop]: 'buyStop',
  [OrderType.SellStop]: 'sellStop',
  [OrderType.BuyStopLimit]: 'buyStopLimit',
  [OrderType.SellStopLimit]: 'sellStopLimit',
}

const timeTypes: readonly OrderTimeType[] = ['gtc', 'day', 'specified', 'specifiedDay']

/** A pending order as the planner sees it; `undefined` for anything that is not one of the six pending types. */
export function toCopyOrder(o: Order): CopyOrder | undefined {
  const type = pendingTypes[o.type]
  if (type === undefined || !isPending(o.type)) return undefined
  return {
    ticket: o.ticket,
    symbol: o.symbol,
    type,
    volume: o.volumeInitial,
    price: o.priceOrder,
    stopLimitPrice: o.priceTrigger,
    sl: o.sl,
    tp: o.tp,
    timeType: timeTypes[o.timeType] ?? 'gtc',
    expirationMs: o.timeExpirationMs,
    comment: o.comment,
  }
}

/** The pending orders of a list (open orders of an account). */
export function toCopyOrders(orders: Iterable<Order>): CopyOrder[] {
  const out: CopyOrder[] = []
  for (const o of orders) {
    const c = toCopyOrder(o)
    if (c) out.push(c)
  }
  return out
}

/** A symbol's specification for the planner (the symbol's own trade settings). */
export function toSymbolSpec(s: FullSymbolInfo): SymbolSpec {
  const t = s.trade
  return {
    name: s.name,
    digits: s.digits,
    point: s.point,
    tickSize: s.tickSize,
    volumeMin: unitsToLots(t.volumeMin),
    volumeMax: unitsToLots(t.volumeMax),
    volumeStep: unitsToLots(t.volumeStep),
    tradeMode: t.tradeMode,
    stopsLevelPoints: Math.max(0, t.tradeStopsLevel),
    orderFlags: t.tradeOrderFlags,
    timeFlags: t.tradeTimeFlags,
    tradeSessions: s.tradeSessions,
  }
}
