import type { BaseClient, RequestOptions } from '../../client/types.js'
import type { Position } from '../../model/types.js'
import { matchesFilter, type TradeFilter } from './filters.js'
import { positionsAndOrders } from './positionsAndOrders.js'

/** Parameters of {@link positions}. */
export interface PositionsParameters extends TradeFilter, RequestOptions {}

/**
 * Open positions (cmd 4), optionally filtered by symbol, group mask, ticket and magic (all combine).
 *
 * @example
 * const eur = await positions(client, { group: 'EUR*' })
 * @param client a logged-in client
 * @param params filters and request options
 * @returns the matching positions
 * @throws MT5TimeoutError, SessionError, ServerError, ProtocolError
 */
export async function positions(client: BaseClient, params: PositionsParameters = {}): Promise<Position[]> {
  const { symbol, group, ticket, magic, ...options } = params
  const snap = await positionsAndOrders(client, options)
  return snap.positions.filter((p) => matchesFilter(p, { symbol, group, ticket, magic }))
}
