/**
 * Snapshot of open positions and orders (cmd 4), converted to domain objects.
 */
import type { BaseClient, RequestOptions } from '../../client/types.js'
import { decodePositionsAndOrders } from '../../codec/messages/positionsAndOrders.js'
import { toOrder } from '../../model/toOrder.js'
import { toPosition } from '../../model/toPosition.js'
import type { Order, Position } from '../../model/types.js'

/** Open positions and orders at one moment. */
export interface TradeSnapshot {
  positions: Position[]
  orders: Order[]
}

/**
 * Fetches open positions and orders in one request (cmd 4).
 *
 * @example
 * const { positions, orders } = await positionsAndOrders(client)
 * @param client a logged-in client
 * @param options request timeout / abort signal
 * @returns the positions and open orders
 * @throws MT5TimeoutError, SessionError, ServerError, ProtocolError
 */
export async function positionsAndOrders(
  client: BaseClient,
  options: RequestOptions = {},
): Promise<TradeSnapshot> {
  const decoded = decodePositionsAndOrders(await client.request(4, undefined, options))
  return { positions: decoded.positions.map(toPosition), orders: decoded.orders.map(toOrder) }
}
