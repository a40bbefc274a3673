import type { BaseClient } from '../../client/types.js'
import { TradeAction } from '../../enums.js'
import type { Order, TradeResult } from '../../model/types.js'
import type { TradeRequestParameters } from '../../tradeRules/requestTypes.js'
import { tradeRequest } from '../trading/tradeRequest.js'
import { findOrder, snapshot } from './findTarget.js'
import type { OrderHelperOptions } from './types.js'

/** Parameters of {@link cancelPendingOrder}. */
export interface CancelPendingOrderParameters extends Omit<OrderHelperOptions, 'comment'> {
  ticket: bigint
}

/**
 * Deletes a pending order (action 8) with the order's symbol, type, `volumeInitial`, prices, time
 * type and expiration copied from the order (as the official client).
 *
 * @example
 * await cancelPendingOrder(client, { ticket: 555n })
 * @param client a logged-in client
 * @param params the order ticket
 * @returns the trade result
 * @throws ValidationError when the order is not open; TradeError; TradeOutcomeUnknownError
 */
export async function cancelPendingOrder(
  client: BaseClient,
  params: CancelPendingOrderParameters,
): Promise<TradeResult> {
  const { ticket, ...options } = params
  const snap = await snapshot(client)
  return tradeRequest(client, removeRequestOf(findOrder(snap, ticket)), { ...options, snapshot: snap })
}

/**
 * The official delete request (action 8) for an open order: symbol, type, `volumeInitial`, prices,
 * time type and expiration copied from the order. Shared by {@link cancelPendingOrder} and the
 * compat `orderSend`.
 */
export function removeRequestOf(o: Order): TradeRequestParameters {
  return {
    action: TradeAction.Remove,
    symbol: o.symbol,
    volume: o.volumeInitial,
    type: o.type,
    order: o.ticket,
    price: o.priceOrder,
    stopLimit: o.priceTrigger,
    sl: o.sl,
    tp: o.tp,
    filling: 0,
    flags: 0,
    timeType: o.timeType,
    expiration: o.timeExpirationMs > 0 ? Math.round(o.timeExpirationMs / 1000) : undefined,
  }
}
