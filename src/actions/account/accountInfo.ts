import { loginOf } from '../../account/state.js'
import type { BaseClient } from '../../client/types.js'
import { toAccountSummary, withMargin } from '../../model/toAccountSummary.js'
import type { AccountSummary } from '../../model/types.js'
import type { PushStore } from '../push/pushStore.js'
import { positions as fetchPositions } from '../trading/positions.js'
import { getAccount } from './getAccount.js'
import { positionsMargin } from './positionsMargin.js'

/** Key of the push module's store (`decorators/pushHandlers.ts`). */
const PUSH_MODULE = 'pushHandlers'

/**
 * A summary of the account (cmd 3): balance, credit, floating profit, equity = balance + credit +
 * profit, leverage, rights and server data, and the margin the client computes itself (the block
 * carries none): margin of the open positions (cmd 4) at their open prices, converted into the
 * deposit currency at current quotes — hedging accounts count the larger leg per symbol — then
 * `marginFree` = equity − margin and `marginLevel` = equity / margin × 100 (0 without margin).
 * Computing the margin needs the marketData module (symbol specifications and quotes); without it
 * the margin is 0.
 *
 * Money is rounded to the deposit currency's digits, the level to 2 decimals. The push module's
 * `account` event and `accountSummary()` compute the margin the same way (`positionsMargin`)
 * from the positions kept from the pushes; this call also refreshes the stored summary's margin.
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
  const margin = await positionsMargin(client, block, await fetchPositions(client))
  const summary = toAccountSummary(block, { login: loginOf(client), margin })
  const store = client.state.modules.get(PUSH_MODULE) as PushStore | undefined
  if (store?.account) store.account = withMargin(store.account, margin)
  return summary
}
