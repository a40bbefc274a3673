import type { BaseClient } from '../../client/types.js'
import type { TradeResult } from '../../model/types.js'
import { pendingOrder } from './pendingOrder.js'
import type { StopLimitOrderParameters } from './types.js'

/**
 * Places a sell stop-limit order (type 7): when the bid reaches `price` (activation), a sell limit at `stopLimit` is placed. Official roles: `priceOrder` = `price`, `priceTrigger` = `stopLimit`.
 *
 * @example
 * await sellStopLimit(client, { symbol: 'EURUSD', volume: 0.1, price: 1.08, stopLimit: 1.085 })
 * @param client a logged-in client
 * @param params symbol, volume, price (activation), stopLimit (limit price), optional SL/TP, time type, expiration, comment
 * @returns the trade result
 * @throws ValidationError for bad input (e.g. a comment over 32 characters); TradeError for a failed
 *   retcode; TradeOutcomeUnknownError when a timeout left the outcome unknown
 */
export function sellStopLimit(client: BaseClient, params: StopLimitOrderParameters): Promise<TradeResult> {
  return pendingOrder(client, 7, params)
}
