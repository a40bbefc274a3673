import type { BaseClient } from '../../client/types.js'
import { buildTradeRequest } from '../../trading/buildRequest.js'
import { calcMargin } from '../../trading/calcMargin.js'
import { accountBlock, lastQuote, rateSource, symbolSpec } from '../../trading/context.js'
import { type OrderCheckResult, orderCheckResult } from '../../trading/orderCheck.js'
import type { TradeRequestParameters } from '../../trading/requestTypes.js'
import type { SymbolSpec } from '../../trading/symbolSpec.js'
import { positionsAndOrders } from './positionsAndOrders.js'
import { checkTarget, parseTradeRequest } from './tradeRequest.js'

/**
 * Checks a trade request locally like MetaTrader 5's `order_check`: volume limits and step,
 * stops level and price side, trade mode, session open by the schedule, filling, expiration and
 * free margin (used margin = margin of the open positions by the local formulas). Nothing is sent.
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
  const currencies = new Set<string>([currency])
  const specs = new Map<string, SymbolSpec>()
  if (spec) specs.set(spec.name, spec)
  for (const pos of snap.positions) {
    if (!specs.has(pos.symbol)) {
      try {
        specs.set(pos.symbol, await symbolSpec(client, pos.symbol))
      } catch {
        // a symbol without a specification adds no margin
      }
    }
  }
  for (const s of specs.values()) currencies.add(s.currencyMargin || currency)
  const rates = await rateSource(client, [...currencies])
  let used = 0
  for (const pos of snap.positions) {
    const s = specs.get(pos.symbol)
    if (!s) continue
    const r = calcMargin({
      spec: s,
      type: pos.type,
      volume: pos.volume,
      price: pos.priceOpen,
      leverage: m.marginLeverage,
      accountCurrency: currency,
      rates,
    })
    if (r.ok) used += r.value
  }
  const equity = m.balance + m.credit + m.accProfit
  return orderCheckResult(
    record,
    {
      spec,
      quote,
      ...(quote && quote.timeMs > 0 ? { serverTimeMs: quote.timeMs } : {}),
      hedging: m.marginMode === 2,
      target: checkTarget(p, snap),
    },
    { balance: m.balance, equity, profit: m.accProfit, margin: used, leverage: m.marginLeverage, currency },
    rates,
  )
}
