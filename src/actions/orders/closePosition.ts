import type { BaseClient } from '../../client/types.js'
import { lotsToUnits } from '../../codec/volume.js'
import { ExecutionMode, OrderType } from '../../enums.js'
import { ValidationError } from '../../errors.js'
import type { TradeResult } from '../../model/types.js'
import { requestVolumeUnits } from '../../tradeRules/buildRequest.js'
import { marketAction } from '../../tradeRules/marketAction.js'
import { lastQuote, symbolSpec } from '../../tradeState/context.js'
import { tradeRequest } from '../trading/tradeRequest.js'
import { findPosition, snapshot } from './findTarget.js'
import type { OrderHelperOptions } from './types.js'

/** Parameters of {@link closePosition}. */
export interface ClosePositionParameters extends OrderHelperOptions {
  /** Position ticket. */
  ticket: bigint
  /** Lots to close; default the whole position. */
  volume?: number | undefined
  /** Max deviation in points (default 1 on instant execution, as the official client). */
  deviation?: number | undefined
  filling?: number | undefined
}

/**
 * Closes a position fully or partially. The direction is taken from the position itself (a fresh
 * cmd 4 snapshot) — never guessed: a position that is not open raises `ValidationError` and nothing
 * is sent. Official filling: opposite type, `typeFlags` 3, `tradePosition` = ticket, `priceOrder` =
 * the position's current price.
 *
 * @example
 * await closePosition(client, { ticket: 123n })               // full
 * await closePosition(client, { ticket: 123n, volume: 0.05 }) // partial
 * @param client a logged-in client
 * @param params ticket, optional volume (lots), deviation, filling, comment
 * @returns the trade result
 * @throws ValidationError when the position is not open or the volume exceeds it; TradeError; TradeOutcomeUnknownError
 */
export async function closePosition(
  client: BaseClient,
  params: ClosePositionParameters,
): Promise<TradeResult> {
  const { ticket, volume, deviation, filling, comment, ...options } = params
  const snap = await snapshot(client)
  const pos = findPosition(snap, ticket)
  const lots = volume ?? pos.volume
  if (requestVolumeUnits(lots) > lotsToUnits(pos.volume))
    throw new ValidationError(`volume ${lots} exceeds position ${ticket} volume ${pos.volume}`, {
      field: 'volume',
      value: lots,
    })
  const spec = await symbolSpec(client, pos.symbol)
  const type = pos.type === 0 ? OrderType.Sell : OrderType.Buy
  const action = marketAction({
    exemode: spec.trade.tradeExemode,
    volumeUnits: requestVolumeUnits(lots),
    instantVolumeUnits: spec.trade.tradeInstantVolume,
    hasPrice: true,
  })
  const q = await lastQuote(client, pos.symbol)
  const price = q ? (type === OrderType.Buy ? q.ask : q.bid) : pos.priceCurrent
  return tradeRequest(
    client,
    {
      action,
      symbol: pos.symbol,
      volume: lots,
      type,
      price,
      deviation: deviation ?? (spec.trade.tradeExemode === ExecutionMode.Instant ? 1 : 0),
      filling,
      flags: 3,
      position: ticket,
      comment,
    },
    { ...options, snapshot: snap },
  )
}
