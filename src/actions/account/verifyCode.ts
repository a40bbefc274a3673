import { type AccountOpeningParameters, toOpeningForm } from '../../account/openingForm.js'
import { withPreLoginSession } from '../../account/preLogin.js'
import type { BaseClient } from '../../client/types.js'
import { encodeAccountOpeningForm } from '../../codec/messages/openAccount.js'
import { decodeVerificationStatus } from '../../codec/messages/verification.js'
import type { VerificationStatusRecord } from '../../codec/schemas/verificationStatus.js'
import { Command } from '../../protocol/commands.js'

export type { VerificationStatusRecord }

/** Input of {@link verifyCode}. */
export interface VerifyCodeParameters {
  /** The account-opening form the codes were sent for. */
  form: AccountOpeningParameters
  /** Code received by e-mail (0 = none). */
  emailCode?: number
  /** Code received by SMS (0 = none). */
  phoneCode?: number
  signal?: AbortSignal
}

/**
 * Submits account-opening verification codes (cmd 40) on a pre-login socket (bootstrap → cmd 29
 * → cmd 40). Usually called through `openDemoAccount`/`openRealAccount`'s `onVerification`.
 *
 * @example
 * ```ts
 * const status = await client.verifyCode({ form, emailCode: 123456 })
 * ```
 * @param client - A client (connected or not); its server URL and WebSocket are used.
 * @param params - The form and the codes.
 * @returns The verification status (e-mail, phone).
 * @throws {@link ServerError} when the server refuses; {@link MT5ConnectionError}; {@link MT5TimeoutError}.
 */
export function verifyCode(
  client: BaseClient,
  params: VerifyCodeParameters,
): Promise<VerificationStatusRecord> {
  const signal = params.signal === undefined ? {} : { signal: params.signal }
  return withPreLoginSession(client, { init: true, ...signal }, async (transport) => {
    const form = toOpeningForm({
      ...params.form,
      emailConfirmCode: params.emailCode ?? 0,
      phoneConfirmCode: params.phoneCode ?? 0,
    })
    const reply = await transport.request(Command.submitVerification, encodeAccountOpeningForm(form), signal)
    return decodeVerificationStatus(reply.body)
  })
}
