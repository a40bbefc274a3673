import type { BaseClient } from '../../client/types.js'
import type { TradeResult } from '../../model/types.js'
import { marketOrder } from './marketOrder.js'
import type { MarketOrderParameters } from './types.js'

/**
 * Buys at market (order type 0); action and filling follow the symbol's execution mode.
 *
 * @example
 * const r = await buyMarket(client, { symbol: 'EURUSD', volume: 0.1, sl: 1.07, comment: 'entry' })
 * @param client a logged-in client
 * @param params symbol, volume (lots), optional SL/TP, deviation, filling, price, comment
 * @returns the trade result
 * @throws ValidationError for bad input (e.g. a comment over 32 characters); TradeError for a failed
 *   retcode; TradeOutcomeUnknownError when a timeout left the outcome unknown
 */
export function buyMarket(client: BaseClient, params: MarketOrderParameters): Promise<TradeResult> {
  return marketOrder(client, 0, params)
}
