import { loginOf } from '../../account/state.js'
import { toAccountSummary } from '../../account/summary.js'
import type { BaseClient } from '../../client/types.js'
import type { AccountSummary } from '../../model/types.js'
import { getAccount } from './getAccount.js'

/**
 * A summary of the account (cmd 3): balance, credit, floating profit, equity = balance + credit +
 * profit, leverage, rights and server data. The account block carries no margin; this summary
 * reports `margin` 0, `marginFree` = equity and `marginLevel` 0 (the trading module computes
 * margin from positions).
 *
 * @example
 * ```ts
 * const info = await client.accountInfo()
 * console.log(`${info.equity} ${info.currency}`)
 * ```
 * @param client - A logged-in client.
 * @returns The account summary.
 * @throws {@link SessionError} when not logged in; {@link MT5TimeoutError}; {@link ProtocolError}.
 */
export async function accountInfo(client: BaseClient): Promise<AccountSummary> {
  const block = await getAccount(client)
  return toAccountSummary(block, { login: loginOf(client) })
}
