import { loginOf } from '../../account/state.js'
import type { BaseClient } from '../../client/types.js'
import type { AccountBlock } from '../../codec/messages/account.js'
import { MarginMode } from '../../enums.js'
import { toAccountSummary } from '../../model/toAccountSummary.js'
import type { AccountSummary, Position } from '../../model/types.js'
import { accountMargin, marginFigures } from '../../trading/accountMargin.js'
import { rateSource, symbolSpec } from '../../trading/context.js'
import type { SymbolSpec } from '../../trading/symbolSpec.js'
import type { PushStore } from '../push/pushStore.js'
import { positions as fetchPositions } from '../trading/positions.js'
import { getAccount } from './getAccount.js'

/** Key of the push module's store (`decorators/pushHandlers.ts`). */
const PUSH_MODULE = 'pushHandlers'

/**
 * Margin of the open positions (cmd 4) in the deposit currency, computed like the official client
 * (see `trading/accountMargin.ts`). Symbol specifications come from the marketData module
 * (`fullSymbolInfo`, cached per session) and conversion quotes from its tick cache; positions
 * whose specification or quotes cannot be obtained are left out (margin 0 without marketData).
 */
async function positionsMargin(client: BaseClient, block: AccountBlock): Promise<number> {
  const open: Position[] = await fetchPositions(client)
  if (open.length === 0) return 0
  const currency = block.main.accountCurrency
  const specs = new Map<string, SymbolSpec>()
  await Promise.all(
    [...new Set(open.map((p) => p.symbol))].map(async (name) => {
      try {
        specs.set(name, await symbolSpec(client, name))
      } catch {
        // left out below: no specification (no marketData module, or an unknown symbol)
      }
    }),
  )
  if (specs.size === 0) return 0
  const margins = [...specs.values()].map((s) => s.currencyMargin || currency)
  const rates = await rateSource(client, [...margins, currency])
  return accountMargin({
    positions: open,
    specs,
    leverage: block.main.marginLeverage,
    accountCurrency: currency,
    hedging: block.main.marginMode === MarginMode.RetailHedging,
    rates,
    currencyDigits: block.main.currencyDigits,
  }).margin
}

/**
 * A summary of the account (cmd 3): balance, credit, floating profit, equity = balance + credit +
 * profit, leverage, rights and server data, and the margin the client computes itself (the block
 * carries none): margin of the open positions (cmd 4) at their open prices, converted into the
 * deposit currency at current quotes — hedging accounts count the larger leg per symbol — then
 * `marginFree` = equity − margin and `marginLevel` = equity / margin × 100 (0 without margin).
 * Computing the margin needs the marketData module (symbol specifications and quotes); without it
 * the margin is 0.
 *
 * The margin is also stored for the push module: `account` events (cmd 14 / cmd 10 balance tails)
 * carry the margin of the last `accountInfo()` call, with free margin and level recomputed from
 * the new equity. Call `accountInfo()` again after positions change for a current margin.
 *
 * @example
 * ```ts
 * const info = await client.accountInfo()
 * console.log(`${info.equity} ${info.currency}, margin ${info.margin}, level ${info.marginLevel}%`)
 * ```
 * @param client - A logged-in client.
 * @returns The account summary.
 * @throws {@link SessionError} when not logged in; {@link MT5TimeoutError}; {@link ProtocolError}.
 */
export async function accountInfo(client: BaseClient): Promise<AccountSummary> {
  const block = await getAccount(client)
  const margin = await positionsMargin(client, block)
  const summary = toAccountSummary(block, { login: loginOf(client), margin })
  const store = client.state.modules.get(PUSH_MODULE) as PushStore | undefined
  if (store?.account) store.account = { ...store.account, ...marginFigures(store.account.equity, margin) }
  return summary
}
