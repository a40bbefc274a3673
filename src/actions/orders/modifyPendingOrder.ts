import type { BaseClient } from '../../client/types.js'
import { isStopLimit, TradeAction } from '../../enums.js'
import type { Order, TradeResult } from '../../model/types.js'
import type { TradeRequestParameters } from '../../tradeRules/requestTypes.js'
import { tradeRequest } from '../trading/tradeRequest.js'
import { findOrder, snapshot } from './findTarget.js'
import type { OrderHelperOptions } from './types.js'

/** Parameters of {@link modifyPendingOrder}. Omitted values follow the official δ-shift rules. */
export interface ModifyPendingOrderParameters extends OrderHelperOptions {
  ticket: bigint
  /** New order price (stop-limit: the activation price). */
  price?: number | undefined
  /** New limit price of a stop-limit order. */
  stopLimit?: number | undefined
  sl?: number | undefined
  tp?: number | undefined
  timeType?: number | undefined
  expiration?: number | Date | undefined
}

/** New prices of a modified order after the official δ-shift rules (docs/architecture.md#trade-requests). */
export function shiftedPrices(
  order: Pick<Order, 'type' | 'priceOrder' | 'priceTrigger' | 'sl' | 'tp'>,
  change: {
    price?: number | undefined
    stopLimit?: number | undefined
    sl?: number | undefined
    tp?: number | undefined
  },
): { price: number; stopLimit: number; sl: number; tp: number } {
  const price = change.price ?? order.priceOrder
  const delta = price - order.priceOrder
  const stopLimitOrder = isStopLimit(order.type)
  let stopLimit =
    change.stopLimit ??
    (stopLimitOrder && order.priceTrigger !== 0 ? order.priceTrigger + delta : order.priceTrigger)
  if (!stopLimitOrder) stopLimit = 0
  // SL/TP follow the reference price: the order price, or for a stop-limit its limit price
  const refDelta = stopLimitOrder ? stopLimit - order.priceTrigger : delta
  const sl = change.sl ?? (order.sl !== 0 ? order.sl + refDelta : 0)
  const tp = change.tp ?? (order.tp !== 0 ? order.tp + refDelta : 0)
  return { price, stopLimit, sl, tp }
}

/**
 * Modifies a pending order (action 7): type and `volumeInitial` from the order; when the price
 * moves by δ, the existing SL/TP (and a stop-limit's limit price) move by δ unless given; when only
 * a stop-limit's limit price moves, SL/TP follow it. Prices are re-normalised to the tick grid.
 *
 * @example
 * await modifyPendingOrder(client, { ticket: 555n, price: 1.079 })
 * @param client a logged-in client
 * @param params ticket and the new price, stopLimit, SL, TP, time type, expiration, comment
 * @returns the trade result
 * @throws ValidationError when the order is not open; TradeError (10025 no changes, 10015/10016); TradeOutcomeUnknownError
 */
export async function modifyPendingOrder(
  client: BaseClient,
  params: ModifyPendingOrderParameters,
): Promise<TradeResult> {
  const { ticket, price, stopLimit, sl, tp, timeType, expiration, comment, ...options } = params
  const snap = await snapshot(client)
  const order = findOrder(snap, ticket)
  return tradeRequest(
    client,
    modifyRequestOf(order, { price, stopLimit, sl, tp, timeType, expiration, comment }),
    { ...options, snapshot: snap },
  )
}

/** What {@link modifyRequestOf} changes; omitted values follow the official δ-shift rules. */
export interface PendingOrderChange {
  price?: number | undefined
  stopLimit?: number | undefined
  sl?: number | undefined
  tp?: number | undefined
  timeType?: number | undefined
  expiration?: number | Date | undefined
  comment?: string | undefined
}

/**
 * The official modify request (action 7) for an open order: symbol, type, `volumeInitial`, trigger,
 * time type, expiration and comment copied from the order, prices after {@link shiftedPrices}.
 * Shared by {@link modifyPendingOrder} and the compat `orderSend`.
 */
export function modifyRequestOf(order: Order, change: PendingOrderChange): TradeRequestParameters {
  const next = shiftedPrices(order, change)
  const keepExpiration = order.timeExpirationMs > 0 ? Math.round(order.timeExpirationMs / 1000) : undefined
  return {
    action: TradeAction.Modify,
    symbol: order.symbol,
    volume: order.volumeInitial,
    type: order.type,
    order: order.ticket,
    price: next.price,
    stopLimit: next.stopLimit,
    sl: next.sl,
    tp: next.tp,
    filling: 0,
    flags: 0,
    timeType: change.timeType ?? order.timeType,
    expiration: change.expiration ?? keepExpiration,
    comment: change.comment ?? order.comment,
  }
}
