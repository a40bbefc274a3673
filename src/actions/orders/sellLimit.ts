import type { BaseClient } from '../../client/types.js'
import type { TradeResult } from '../../model/types.js'
import { pendingOrder } from './pendingOrder.js'
import type { PendingOrderParameters } from './types.js'

/**
 * Places a sell limit order (type 3) above the bid.
 *
 * @example
 * await sellLimit(client, { symbol: 'EURUSD', volume: 0.1, price: 1.1 })
 * @param client a logged-in client
 * @param params symbol, volume, price, optional SL/TP, time type, expiration, comment
 * @returns the trade result
 * @throws ValidationError for bad input (e.g. a comment over 32 characters); TradeError for a failed
 *   retcode; TradeOutcomeUnknownError when a timeout left the outcome unknown
 */
export function sellLimit(client: BaseClient, params: PendingOrderParameters): Promise<TradeResult> {
  return pendingOrder(client, 3, params)
}
