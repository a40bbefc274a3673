import type { BaseClient } from '../../client/types.js'
import { encodeNotifyRequest, NOTIFY_RISK_WARNING_ACCEPTED } from '../../codec/messages/notify.js'
import { Command } from '../../protocol/commands.js'

/**
 * Tells the server that the user accepted the risk warning (cmd 42, official payload `u32 1`).
 *
 * @example
 * ```ts
 * if ((await client.notifications()).riskWarning) await client.acceptRiskWarning()
 * ```
 * @param client - A logged-in client.
 * @returns Nothing.
 * @throws {@link SessionError} when not logged in; {@link ServerError}; {@link MT5TimeoutError}.
 */
export async function acceptRiskWarning(client: BaseClient): Promise<void> {
  await client.request(
    Command.notify,
    encodeNotifyRequest({ layout: 'official', code: NOTIFY_RISK_WARNING_ACCEPTED }),
  )
}
