import type { BaseClient } from '../../client/types.js'
import { roundMoney } from '../../codec/scale.js'
import { ValidationError } from '../../errors.js'
import { calcProfit } from '../../tradeRules/calcProfit.js'
import { accountBlock, rateSource, symbolSpec } from '../../tradeState/context.js'

/** Parameters of {@link orderCalcProfit}. */
export interface OrderCalcProfitParameters {
  /** Order type 0–7 (buy types +1, sell types −1). */
  type: number
  symbol: string
  /** Lots. */
  volume: number
  priceOpen: number
  priceClose: number
}

/**
 * Profit of a trade from `priceOpen` to `priceClose` in the account currency, by the symbol's
 * calculation mode, converted through cross rates when the profit currency differs.
 *
 * @example
 * const pnl = await orderCalcProfit(client, { type: 0, symbol: 'EURUSD', volume: 1, priceOpen: 1.1, priceClose: 1.101 })
 * @param client a logged-in client
 * @param params order type, symbol, volume (lots), open and close prices
 * @returns the profit in the deposit currency, rounded to its digits
 * @throws ValidationError when inputs are missing or no conversion quotes exist
 */
export async function orderCalcProfit(
  client: BaseClient,
  params: OrderCalcProfitParameters,
): Promise<number> {
  const spec = await symbolSpec(client, params.symbol)
  const account = await accountBlock(client)
  const currency = account.main.accountCurrency
  const rates = await rateSource(client, [spec.currencyProfit, currency], [spec])
  const r = calcProfit({ spec, ...params, accountCurrency: currency, rates })
  if (!r.ok)
    throw new ValidationError(`profit of ${params.symbol}: ${r.message} (code ${r.code})`, {
      field: 'symbol',
      value: params.symbol,
    })
  // money as users read it: rounded to the deposit currency's digits, without binary noise
  return roundMoney(r.value, account.main.currencyDigits)
}
