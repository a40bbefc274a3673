import type { BaseClient, RequestOptions } from '../../client/types.js'
import type { Order } from '../../model/types.js'
import { matchesFilter, type TradeFilter } from './filters.js'
import { positionsAndOrders } from './positionsAndOrders.js'

/** Parameters of {@link orders}. */
export interface OrdersParameters extends TradeFilter, RequestOptions {}

/**
 * Open (pending) orders (cmd 4), optionally filtered by symbol, group mask, ticket and magic.
 *
 * @example
 * const pending = await orders(client, { symbol: 'EURUSD' })
 * @param client a logged-in client
 * @param params filters and request options
 * @returns the matching open orders
 * @throws MT5TimeoutError, SessionError, ServerError, ProtocolError
 */
export async function orders(client: BaseClient, params: OrdersParameters = {}): Promise<Order[]> {
  const { symbol, group, ticket, magic, ...options } = params
  const snap = await positionsAndOrders(client, options)
  return snap.orders.filter((o) => matchesFilter(o, { symbol, group, ticket, magic }))
}
