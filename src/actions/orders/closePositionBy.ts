import type { BaseClient } from '../../client/types.js'
import { OrderType, TradeAction } from '../../enums.js'
import type { TradeResult } from '../../model/types.js'
import { lastQuote } from '../../tradeState/context.js'
import { tradeRequest } from '../trading/tradeRequest.js'
import { findPosition, snapshot } from './findTarget.js'
import type { OrderHelperOptions } from './types.js'

/** Parameters of {@link closePositionBy}. */
export interface ClosePositionByParameters extends OrderHelperOptions {
  /** The position to close. */
  ticket: bigint
  /** The opposite position of the same symbol. */
  by: bigint
}

/**
 * Closes a position by an opposite one (action 10, hedging accounts): type opposite of the
 * position, `typeFlags` 3, filling 0, volume = the smaller of the two.
 *
 * @example
 * await closePositionBy(client, { ticket: 101n, by: 102n })
 * @param client a logged-in client
 * @param params both tickets, optional comment
 * @returns the trade result
 * @throws ValidationError when a position is not open; TradeError (10013 not hedging / same side); TradeOutcomeUnknownError
 */
export async function closePositionBy(
  client: BaseClient,
  params: ClosePositionByParameters,
): Promise<TradeResult> {
  const { ticket, by, comment, ...options } = params
  const snap = await snapshot(client)
  const a = findPosition(snap, ticket)
  const b = findPosition(snap, by, 'by')
  const type = a.type === 0 ? OrderType.Sell : OrderType.Buy
  const q = await lastQuote(client, a.symbol)
  return tradeRequest(
    client,
    {
      action: TradeAction.CloseBy,
      symbol: a.symbol,
      volume: Math.min(a.volume, b.volume),
      type,
      price: q ? (type === OrderType.Buy ? q.ask : q.bid) : a.priceCurrent,
      filling: 0,
      flags: 3,
      position: ticket,
      positionBy: by,
      comment,
    },
    { ...options, snapshot: snap },
  )
}
