import type { BaseClient } from '../../client/types.js'
import type { TradeResult } from '../../model/types.js'
import { pendingOrder } from './pendingOrder.js'
import type { PendingOrderParameters } from './types.js'

/**
 * Places a buy limit order (type 2) below the ask.
 *
 * @example
 * await buyLimit(client, { symbol: 'EURUSD', volume: 0.1, price: 1.08 })
 * @param client a logged-in client
 * @param params symbol, volume, price, optional SL/TP, time type, expiration, comment
 * @returns the trade result
 * @throws ValidationError for bad input (e.g. a comment over 32 characters); TradeError for a failed
 *   retcode; TradeOutcomeUnknownError when a timeout left the outcome unknown
 */
export function buyLimit(client: BaseClient, params: PendingOrderParameters): Promise<TradeResult> {
  return pendingOrder(client, 2, params)
}
