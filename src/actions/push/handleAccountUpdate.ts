/** cmd 14 (and the cmd 3 reply) → `account`: the stored summary is replaced. */
import { decodeAccount } from '../../codec/messages/account.js'
import type { TradeSettings } from '../../codec/schemas/tradeSettings.js'
import { sharedTradeSettings } from '../../marketState/sharedTradeSettings.js'
import { toAccountSummary } from '../../model/toAccountSummary.js'
import type { AccountSummary } from '../../model/types.js'
import type { PushContext } from './pushStore.js'

/** Decodes an Account block, stores it and returns the summary to emit. */
export function handleAccountUpdate(body: Uint8Array, ctx: PushContext): Array<[account: AccountSummary]> {
  const block = decodeAccount(body)
  // Kept until the next push: share the group's overrides with the other clients of the process.
  block.tradeSettings = sharedTradeSettings(body, block.tradeSettings) as TradeSettings[]
  const margin = ctx.store.account?.margin ?? 0
  const account = toAccountSummary(block, { login: ctx.store.login, margin })
  ctx.store.accountBlock = block
  ctx.store.account = account
  return [[account]]
}
