import type { BaseClient } from '../../client/types.js'
import { decodeSymbolGroups } from '../../codec/messages/symbolGroups.js'
import { Command } from '../../protocol/commands.js'

/**
 * The symbol groups of the server (cmd 9): backslash-separated paths such as `Forex\Majors`.
 *
 * @example
 * ```ts
 * for (const group of await client.symbolGroups()) console.log(group.split('\\'))
 * ```
 * @param client - A logged-in client.
 * @returns Group paths in server order.
 * @throws {@link SessionError} when not logged in; {@link MT5TimeoutError}; {@link ProtocolError}.
 */
export async function symbolGroups(client: BaseClient): Promise<string[]> {
  const body = await client.request(Command.symbolGroups)
  return decodeSymbolGroups(body).map((g) => g.groupName)
}
