import { withPreLoginSession } from '../../account/preLogin.js'
import type { BaseClient } from '../../client/types.js'
import { decodeTraderParams } from '../../codec/messages/traderParams.js'
import type { TraderParamsRecord } from '../../codec/schemas/traderParams.js'
import { Command } from '../../protocol/commands.js'

export type { TraderParamsRecord }

/**
 * The server's trader parameters (cmd 41) on a short-lived pre-login socket of its own
 * (bootstrap → cmd 29 init → cmd 41). Works without logging in. The meaning of the two strings
 * is not documented. Avoid rapid repeated calls: servers may close the connection.
 *
 * @example
 * ```ts
 * const { param1, param2 } = await client.traderParams()
 * ```
 * @param client - A client (connected or not); its server URL and WebSocket are used.
 * @param options - `signal` to cancel.
 * @returns The two parameter strings.
 * @throws {@link MT5ConnectionError} when the socket or bootstrap fails; {@link ServerError};
 * {@link MT5TimeoutError}.
 */
export function traderParams(
  client: BaseClient,
  options: { signal?: AbortSignal } = {},
): Promise<TraderParamsRecord> {
  return withPreLoginSession(client, { init: true, ...options }, async (transport) => {
    const reply = await transport.request(Command.traderParams, new Uint8Array(0))
    return decodeTraderParams(reply.body)
  })
}
