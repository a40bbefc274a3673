import type { BaseClient, RequestOptions } from '../../client/types.js'
import { decodeHistory, encodeHistoryRequest } from '../../codec/messages/history.js'
import { ValidationError } from '../../errors.js'
import { toDeal } from '../../model/toDeal.js'
import { toOrder } from '../../model/toOrder.js'
import type { Deal, Order } from '../../model/types.js'
import { matchesFilter, type TradeFilter } from './filters.js'

/** Parameters of {@link history}. */
export interface HistoryParameters extends TradeFilter, RequestOptions {
  /** Start: Date or Unix seconds (default 0). */
  from?: Date | number | undefined
  /** End: Date or Unix seconds (default: the end of time, 2^31−1, so server-local stamps are never cut off). */
  to?: Date | number | undefined
  /** Only deals/orders of this position. */
  position?: bigint | undefined
}

/** Deals and history orders of a period. */
export interface TradeHistory {
  deals: Deal[]
  orders: Order[]
}

/** Date | Unix seconds → Unix seconds (i32). */
export function toUnixSeconds(value: Date | number, field: string): number {
  const s = value instanceof Date ? Math.floor(value.getTime() / 1000) : Math.floor(value)
  if (!Number.isFinite(s) || s < 0 || s > 0x7fff_ffff)
    throw new ValidationError(`${field} must be a Date or Unix seconds in 0…2^31−1`, { field, value })
  return s
}

/**
 * Deals and history orders between `from` and `to` (cmd 5), filtered by symbol, group mask,
 * ticket, magic and position (all combine; `ticket` matches the deal or order ticket).
 *
 * @example
 * const { deals } = await history(client, { from: new Date(Date.now() - 86_400_000) })
 * @param client a logged-in client
 * @param params period, filters and request options
 * @returns matching deals and history orders
 * @throws ValidationError for a bad date; MT5TimeoutError, SessionError, ServerError, ProtocolError
 */
export async function history(client: BaseClient, params: HistoryParameters = {}): Promise<TradeHistory> {
  const { from, to, symbol, group, ticket, magic, position, ...options } = params
  const fromS = from === undefined ? 0 : toUnixSeconds(from, 'from')
  const toS =
    to === undefined ? Math.min(0x7fff_ffff, Math.floor(Date.now() / 1000) + 86_400) : toUnixSeconds(to, 'to')
  const body = await client.request(5, encodeHistoryRequest({ from: fromS, to: toS }), options)
  const decoded = decodeHistory(body)
  const filter = { symbol, group, ticket, magic }
  return {
    deals: decoded.deals
      .map(toDeal)
      .filter((d) => matchesFilter(d, filter) && (position === undefined || d.positionId === position)),
    orders: decoded.orders
      .map(toOrder)
      .filter((o) => matchesFilter(o, filter) && (position === undefined || o.positionId === position)),
  }
}
