import type { BaseClient } from '../../client/types.js'
import { MarginMode, OrderType, TradeAction } from '../../enums.js'
import type { TradeResult } from '../../model/types.js'
import { requestVolumeUnits } from '../../tradeRules/buildRequest.js'
import { marketAction } from '../../tradeRules/marketAction.js'
import { accountBlock, lastQuote, symbolSpec } from '../../tradeState/context.js'
import { positions } from '../trading/positions.js'
import { tradeRequest } from '../trading/tradeRequest.js'
import type { MarketOrderParameters } from './types.js'

/**
 * Opens a market position (buy type 0 / sell type 1) with the official request filling: the
 * action from the symbol's execution mode (1 request, 2 instant, 3 market, 4 exchange), the
 * filling from its filling flags, the quoted price for request/instant execution, and on netting
 * accounts the SL/TP of an existing same-direction position when none are given.
 *
 * @example
 * await marketOrder(client, 0, { symbol: 'EURUSD', volume: 0.1 })
 * @param client a logged-in client
 * @param type 0 buy, 1 sell
 * @param params symbol, volume (lots), optional SL/TP, deviation, filling, price, comment
 * @returns the trade result
 * @throws ValidationError, TradeError, TradeOutcomeUnknownError (see `tradeRequest`)
 */
export async function marketOrder(
  client: BaseClient,
  type: 0 | 1,
  params: MarketOrderParameters,
): Promise<TradeResult> {
  const { symbol, volume, sl, tp, deviation, filling, price, comment, ...options } = params
  const market = await marketPricing(client, symbol, type, volume, price)
  let stopLoss = sl
  let takeProfit = tp
  if (sl === undefined || tp === undefined) {
    // official client: each omitted value is taken from a same-direction netting position
    const account = await accountBlock(client)
    if (account.main.marginMode !== MarginMode.RetailHedging) {
      const same = (await positions(client, { symbol })).find((p) => p.type === type)
      if (same) {
        stopLoss = sl ?? same.sl
        takeProfit = tp ?? same.tp
      }
    }
  }
  return tradeRequest(
    client,
    {
      action: market.action,
      symbol,
      volume,
      type,
      price: market.price,
      sl: stopLoss,
      tp: takeProfit,
      deviation: deviation ?? 0,
      filling,
      timeType: 0,
      comment,
    },
    options,
  )
}

/**
 * The official market-order action and price for a symbol (docs/architecture.md#trade-requests): the action
 * from the
 * execution mode and `tradeInstantVolume` ({@link marketAction}), and for request/instant execution
 * the given price or else the current ask (buy) / bid (sell); 0 (server price) otherwise. Shared by
 * {@link marketOrder} and the compat `orderSend`.
 * @param client a logged-in client
 * @param symbol symbol name
 * @param type 0 buy, 1 sell
 * @param volume lots
 * @param price the caller's price, if any
 */
export async function marketPricing(
  client: BaseClient,
  symbol: string,
  type: number,
  volume: number,
  price: number | undefined,
): Promise<{ action: TradeAction; price: number }> {
  const t = (await symbolSpec(client, symbol)).trade
  const action = marketAction({
    exemode: t.tradeExemode,
    volumeUnits: requestVolumeUnits(volume),
    instantVolumeUnits: t.tradeInstantVolume,
    hasPrice: true,
  })
  if (action !== TradeAction.Request && action !== TradeAction.Instant) return { action, price: 0 }
  if (price !== undefined && price !== 0) return { action, price }
  const q = await lastQuote(client, symbol)
  return { action, price: q ? (type === OrderType.Buy ? q.ask : q.bid) : 0 }
}
