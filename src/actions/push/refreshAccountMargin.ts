/**
 * The stored account summary with the margin of the stored open positions, computed as
 * `accountInfo()` computes it ({@link positionsMargin}): the account block carries no margin, so
 * without this the `account` event and `accountSummary()` reported margin 0 (free margin = equity,
 * level 0) with positions open.
 */
import type { BaseClient } from '../../client/types.js'
import { withMargin } from '../../model/toAccountSummary.js'
import type { AccountSummary } from '../../model/types.js'
import { positionsMargin } from '../account/positionsMargin.js'
import type { PushStore } from './pushStore.js'

/** Recomputes the margin into `store.account` and returns it (`undefined` before the first account block). */
export async function refreshAccountMargin(
  client: BaseClient,
  store: PushStore,
): Promise<AccountSummary | undefined> {
  const block = store.accountBlock
  if (!block || !store.account) return store.account
  const margin = await positionsMargin(client, block, [...store.positions.values()])
  // a newer push may have replaced the summary meanwhile: the margin applies to the current one
  if (store.account) store.account = withMargin(store.account, margin)
  return store.account
}
