import type { BaseClient } from '../../client/types.js'
import { TradeAction } from '../../enums.js'
import type { Position, TradeResult } from '../../model/types.js'
import type { TradeRequestParameters } from '../../tradeRules/requestTypes.js'
import { tradeRequest } from '../trading/tradeRequest.js'
import { findPosition, snapshot } from './findTarget.js'
import type { OrderHelperOptions } from './types.js'

/** Parameters of {@link modifyPositionSltp}. */
export interface ModifyPositionSltpParameters extends Omit<OrderHelperOptions, 'comment'> {
  ticket: bigint
  /** New stop loss; omitted = unchanged, 0 = remove. */
  sl?: number | undefined
  /** New take profit; omitted = unchanged, 0 = remove. */
  tp?: number | undefined
}

/**
 * Changes a position's SL/TP (action 6): symbol, digits and volume from the position, unchanged
 * values re-sent; identical values fail locally with 10025.
 *
 * @example
 * await modifyPositionSltp(client, { ticket: 123n, sl: 1.075 })
 * @param client a logged-in client
 * @param params ticket and the new SL and/or TP
 * @returns the trade result
 * @throws ValidationError when the position is not open; TradeError (10016 invalid stops, 10025 no changes); TradeOutcomeUnknownError
 */
export async function modifyPositionSltp(
  client: BaseClient,
  params: ModifyPositionSltpParameters,
): Promise<TradeResult> {
  const { ticket, sl, tp, ...options } = params
  const snap = await snapshot(client)
  return tradeRequest(client, sltpRequestOf(findPosition(snap, ticket), { sl, tp }), {
    ...options,
    snapshot: snap,
  })
}

/**
 * The official SL/TP request (action 6) for an open position: symbol and volume from the position,
 * omitted SL/TP re-sent unchanged (0 removes). Shared by {@link modifyPositionSltp} and the compat
 * `orderSend`.
 */
export function sltpRequestOf(
  pos: Position,
  change: { sl?: number | undefined; tp?: number | undefined },
): TradeRequestParameters {
  return {
    action: TradeAction.SlTp,
    symbol: pos.symbol,
    volume: pos.volume,
    type: 0,
    sl: change.sl ?? pos.sl,
    tp: change.tp ?? pos.tp,
    filling: 0,
    flags: 0,
    position: pos.ticket,
  }
}
