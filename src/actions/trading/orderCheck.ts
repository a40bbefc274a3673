import type { BaseClient } from '../../client/types.js'
import { roundMoney } from '../../codec/scale.js'
import { buildTradeRequest } from '../../tradeRules/buildRequest.js'
import { type OrderCheckResult, orderCheckResult } from '../../tradeRules/orderCheck.js'
import type { TradeRequestParameters } from '../../tradeRules/requestTypes.js'
import { accountBlock, lastQuote, rateSource, symbolSpec } from '../../tradeState/context.js'
import { positionsMargin } from '../account/positionsMargin.js'
import { positionsAndOrders } from './positionsAndOrders.js'
import { checkTarget, parseTradeRequest } from './tradeRequest.js'

/**
 * Checks a trade request locally like MetaTrader 5's `order_check`: volume limits and step,
 * stops level and price side, trade mode, session open by the schedule, filling, expiration and
 * free margin (used margin = margin of the open positions as `accountInfo()` computes it; money
 * rounded to the deposit currency's digits). Nothing is sent.
 *
 * @example
 * const check = await orderCheck(client, { action: 3, symbol: 'EURUSD', type: 0, volume: 1 })
 * if (check.retcode !== 0) console.log(check.comment)
 * @param client a logged-in client
 * @param request the request as for `tradeRequest`
 * @returns `{ retcode (0 = OK), balance, equity, profit, margin, marginFree, marginLevel, comment }`
 * @throws ValidationError for malformed input; SymbolNotFoundError
 */
export async function orderCheck(
  client: BaseClient,
  request: TradeRequestParameters,
): Promise<OrderCheckResult> {
  const p = parseTradeRequest(request)
  const spec = p.symbol ? await symbolSpec(client, p.symbol) : undefined
  const record = buildTradeRequest(p, spec, 0)
  const [account, snap, quote] = await Promise.all([
    accountBlock(client),
    positionsAndOrders(client),
    p.symbol ? lastQuote(client, p.symbol) : Promise.resolve(undefined),
  ])
  const m = account.main
  const currency = m.accountCurrency
  // used margin: the open positions' margin as accountInfo() computes it (larger leg on hedging)
  const used = await positionsMargin(client, account, snap.positions)
  const rates = await rateSource(client, [spec?.currencyMargin || currency, currency], spec ? [spec] : [])
  const equity = roundMoney(m.balance + m.credit + m.accProfit, m.currencyDigits)
  return orderCheckResult(
    record,
    {
      spec,
      quote,
      ...(quote && quote.timeMs > 0 ? { serverTimeMs: quote.timeMs } : {}),
      hedging: m.marginMode === 2,
      target: checkTarget(p, snap),
    },
    {
      balance: m.balance,
      equity,
      profit: m.accProfit,
      margin: used,
      leverage: m.marginLeverage,
      currency,
      currencyDigits: m.currencyDigits,
    },
    rates,
  )
}
