import { withPreLoginSession } from '../../account/preLogin.js'
import { loginOf } from '../../account/state.js'
import type { BaseClient } from '../../client/types.js'
import { buildOtpRequest, encodeOtpRequest } from '../../codec/messages/otp.js'
import { Command } from '../../protocol/commands.js'

/** Input of {@link disableOtp}. */
export interface DisableOtpParameters {
  /** The account's master password (or a 320-hex password token). */
  password: string
  /** The current TOTP code. */
  code: string
  signal?: AbortSignal
}

/**
 * Disables TOTP for the client's account (cmd 43 with the current code) on a fresh socket right
 * after the bootstrap, closed afterwards.
 *
 * @example
 * ```ts
 * await client.disableOtp({ password, code: '123456' })
 * ```
 * @param client - A client (connected or not); its server, login and WebSocket are used.
 * @param params - Password and current code.
 * @returns Nothing once disabled.
 * @throws {@link ServerError} when the server refuses; {@link MT5ConnectionError}; {@link MT5TimeoutError}.
 */
export async function disableOtp(client: BaseClient, params: DisableOtpParameters): Promise<void> {
  const signal = params.signal === undefined ? {} : { signal: params.signal }
  await withPreLoginSession(client, { init: false, ...signal }, async (transport, cid) => {
    const payload = encodeOtpRequest(
      buildOtpRequest({ login: loginOf(client), password: params.password, cid, otp: params.code }),
    )
    await transport.request(Command.otpSetup, payload, signal)
  })
}
