/**
 * Per-client state of the `account` module (`client.state.modules.get('account')`): the last
 * decoded account block.
 *
 * @internal
 */
import type { BaseClient } from '../client/types.js'
import type { AccountBlock } from '../codec/messages/account.js'

/** Module key in `client.state.modules`. */
export const ACCOUNT_MODULE = 'account'

/** State of the `account` module. @internal */
export interface AccountState {
  block: AccountBlock | undefined
}

/** Returns (creating on first use) the account state of `client`. @internal */
export function accountState(client: BaseClient): AccountState {
  let state = client.state.modules.get(ACCOUNT_MODULE) as AccountState | undefined
  if (!state) {
    state = { block: undefined }
    client.state.modules.set(ACCOUNT_MODULE, state)
  }
  return state
}

/** The account number as a bigint. @internal */
export function loginOf(client: BaseClient): bigint {
  return BigInt(client.options.login)
}
