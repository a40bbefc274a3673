import { withPreLoginSession } from '../../account/preLogin.js'
import { loginOf } from '../../account/state.js'
import type { BaseClient } from '../../client/types.js'
import { buildOtpRequest, encodeOtpRequest } from '../../codec/messages/otp.js'
import { Command } from '../../protocol/commands.js'

/** Input of {@link enableOtp}. */
export interface EnableOtpParameters {
  /** The account's master password (or a 320-hex password token). */
  password: string
  /** The new base32 TOTP secret. */
  secret: string
  /** A code generated from `secret`, proving the authenticator is set up. */
  code: string
  signal?: AbortSignal
}

/**
 * Enables TOTP for the client's account (cmd 43 with `otpSecret` + `otpSecretCheck`) on a fresh
 * socket right after the bootstrap (no login, no init), closed afterwards.
 *
 * @example
 * ```ts
 * await client.enableOtp({ password, secret: 'JBSWY3DPEHPK3PXP', code: totp('JBSWY3DPEHPK3PXP') })
 * ```
 * @param client - A client (connected or not); its server, login and WebSocket are used.
 * @param params - Password, secret and a code generated from it.
 * @returns Nothing once enabled.
 * @throws {@link ServerError} when the server refuses; {@link MT5ConnectionError}; {@link MT5TimeoutError}.
 */
export async function enableOtp(client: BaseClient, params: EnableOtpParameters): Promise<void> {
  const signal = params.signal === undefined ? {} : { signal: params.signal }
  await withPreLoginSession(client, { init: false, ...signal }, async (transport, cid) => {
    const payload = encodeOtpRequest(
      buildOtpRequest({
        login: loginOf(client),
        password: params.password,
        cid,
        otpSecret: params.secret,
        otpSecretCheck: params.code,
      }),
    )
    await transport.request(Command.otpSetup, payload, signal)
  })
}
