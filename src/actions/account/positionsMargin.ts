/**
 * The account margin of a list of open positions, computed like the official client (see
 * `trading/accountMargin.ts`): the one computation behind `accountInfo()` (positions from cmd 4)
 * and the push module's `account` event and `accountSummary()` (positions kept from the pushes).
 */
import type { BaseClient } from '../../client/types.js'
import type { AccountBlock } from '../../codec/messages/account.js'
import { MarginMode } from '../../enums.js'
import type { Position } from '../../model/types.js'
import { accountMargin } from '../../tradeRules/accountMargin.js'
import type { SymbolSpec } from '../../tradeRules/symbolSpec.js'
import { rateSource, symbolSpec } from '../../tradeState/context.js'

/**
 * Margin of `positions` in the deposit currency, rounded to its digits. Symbol specifications come
 * from the marketData module (`fullSymbolInfo`, cached per session) and conversion quotes from its
 * tick cache; positions whose specification or quotes cannot be obtained are left out (margin 0
 * without marketData).
 */
export async function positionsMargin(
  client: BaseClient,
  block: AccountBlock,
  positions: readonly Position[],
): Promise<number> {
  if (positions.length === 0) return 0
  const currency = block.main.accountCurrency
  const specs = new Map<string, SymbolSpec>()
  await Promise.all(
    [...new Set(positions.map((p) => p.symbol))].map(async (name) => {
      try {
        specs.set(name, await symbolSpec(client, name))
      } catch {
        // left out below: no specification (no marketData module, or an unknown symbol)
      }
    }),
  )
  if (specs.size === 0) return 0
  const margins = [...specs.values()].map((s) => s.currencyMargin || currency)
  const rates = await rateSource(client, [...margins, currency], [...specs.values()])
  return accountMargin({
    positions,
    specs,
    leverage: block.main.marginLeverage,
    accountCurrency: currency,
    hedging: block.main.marginMode === MarginMode.RetailHedging,
    rates,
    currencyDigits: block.main.currencyDigits,
  }).margin
}
