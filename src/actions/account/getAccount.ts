import { accountState } from '../../account/state.js'
import type { BaseClient } from '../../client/types.js'
import { type AccountBlock, decodeAccount } from '../../codec/messages/account.js'
import { Command } from '../../protocol/commands.js'

export type { AccountBlock }

/**
 * Fetches the account (cmd 3) with every section of the block decoded: main block, trade-settings
 * group overrides, trade flags, symbol count, leverage flags, leverage rules with tiers and
 * commissions with tiers (official reader, quirks included).
 *
 * @example
 * ```ts
 * const block = await client.getAccount()
 * console.log(block.main.balance, block.symbolsCount, block.tradeSettings.length)
 * ```
 * @param client - A logged-in client.
 * @returns The raw decoded account block.
 * @throws {@link SessionError} when not logged in; {@link MT5TimeoutError}; {@link ProtocolError}
 * for a malformed block.
 */
export async function getAccount(client: BaseClient): Promise<AccountBlock> {
  const block = decodeAccount(await client.request(Command.account))
  accountState(client).block = block
  return block
}
