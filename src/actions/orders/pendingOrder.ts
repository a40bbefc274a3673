import type { BaseClient } from '../../client/types.js'
import { isStopLimit, TradeAction } from '../../enums.js'
import { ValidationError } from '../../errors.js'
import type { TradeResult } from '../../model/types.js'
import { tradeRequest } from '../trading/tradeRequest.js'
import type { PendingOrderParameters } from './types.js'

/**
 * Places a pending order (action 5, types 2–7, filling RETURN unless given). For stop-limit types
 * `price` is the activation (stop) price and `stopLimit` the limit price (official roles, C14).
 *
 * @example
 * await pendingOrder(client, 2, { symbol: 'EURUSD', volume: 0.1, price: 1.08 })
 * @param client a logged-in client
 * @param type 2 buy limit … 7 sell stop limit
 * @param params symbol, volume, price, optional stopLimit, SL/TP, time type, expiration, comment
 * @returns the trade result (10008 placed)
 * @throws ValidationError, TradeError, TradeOutcomeUnknownError (see `tradeRequest`)
 */
export async function pendingOrder(
  client: BaseClient,
  type: 2 | 3 | 4 | 5 | 6 | 7,
  params: PendingOrderParameters & { stopLimit?: number | undefined },
): Promise<TradeResult> {
  const { symbol, volume, price, stopLimit, sl, tp, filling, timeType, expiration, comment, ...options } =
    params
  if (isStopLimit(type) && !(stopLimit !== undefined && stopLimit > 0))
    throw new ValidationError('a stop-limit order needs stopLimit (the limit price)', {
      field: 'stopLimit',
      value: stopLimit,
    })
  if (!isStopLimit(type) && stopLimit !== undefined && stopLimit !== 0)
    throw new ValidationError('stopLimit applies to stop-limit orders only', {
      field: 'stopLimit',
      value: stopLimit,
    })
  return tradeRequest(
    client,
    {
      action: TradeAction.Pending,
      symbol,
      volume,
      type,
      price,
      stopLimit,
      sl,
      tp,
      filling,
      timeType: timeType ?? 0,
      expiration,
      comment,
    },
    options,
  )
}
