import type { BaseClient } from '../../client/types.js'
import { roundMoney } from '../../codec/scale.js'
import { ValidationError } from '../../errors.js'
import { calcMargin } from '../../tradeRules/calcMargin.js'
import { accountBlock, rateSource, symbolSpec } from '../../tradeState/context.js'

/** Parameters of {@link orderCalcMargin}. */
export interface OrderCalcMarginParameters {
  /** Order type 0–7. */
  type: number
  symbol: string
  /** Lots. */
  volume: number
  price: number
}

/**
 * Margin an order would need, in the account currency, by the symbol's calculation mode (forex,
 * forex no leverage, CFD, CFD index, CFD leverage, futures, exchange stocks/options, bonds,
 * collateral), times the symbol's initial margin rate, converted through cross rates.
 *
 * @example
 * const margin = await orderCalcMargin(client, { type: 0, symbol: 'EURUSD', volume: 1, price: 1.1 })
 * @param client a logged-in client
 * @param params order type, symbol, volume (lots), price
 * @returns the margin in the deposit currency, rounded to its digits
 * @throws ValidationError when the mode is unsupported or no conversion quotes exist
 */
export async function orderCalcMargin(
  client: BaseClient,
  params: OrderCalcMarginParameters,
): Promise<number> {
  const spec = await symbolSpec(client, params.symbol)
  const account = await accountBlock(client)
  const currency = account.main.accountCurrency
  const rates = await rateSource(client, [spec.currencyMargin || currency, currency], [spec])
  const r = calcMargin({
    spec,
    ...params,
    leverage: account.main.marginLeverage,
    accountCurrency: currency,
    rates,
  })
  if (!r.ok)
    throw new ValidationError(`margin of ${params.symbol}: ${r.message} (code ${r.code})`, {
      field: 'symbol',
      value: params.symbol,
    })
  // money as users read it: rounded to the deposit currency's digits, without binary noise
  return roundMoney(r.value, account.main.currencyDigits)
}
