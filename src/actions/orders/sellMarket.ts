import type { BaseClient } from '../../client/types.js'
import type { TradeResult } from '../../model/types.js'
import { marketOrder } from './marketOrder.js'
import type { MarketOrderParameters } from './types.js'

/**
 * Sells at market (order type 1); action and filling follow the symbol's execution mode.
 *
 * @example
 * const r = await sellMarket(client, { symbol: 'EURUSD', volume: 0.1 })
 * @param client a logged-in client
 * @param params symbol, volume (lots), optional SL/TP, deviation, filling, price, comment
 * @returns the trade result
 * @throws ValidationError for bad input (e.g. a comment over 32 characters); TradeError for a failed
 *   retcode; TradeOutcomeUnknownError when a timeout left the outcome unknown
 */
export function sellMarket(client: BaseClient, params: MarketOrderParameters): Promise<TradeResult> {
  return marketOrder(client, 1, params)
}
