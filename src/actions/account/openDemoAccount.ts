import { type AccountOpeningParameters, toOpeningForm } from '../../account/openingForm.js'
import { withPreLoginSession } from '../../account/preLogin.js'
import type { BaseClient } from '../../client/types.js'
import { decodeOpenAccountResponse, encodeAccountOpeningForm } from '../../codec/messages/openAccount.js'
import { decodeVerificationStatus, encodeVerificationRequest } from '../../codec/messages/verification.js'
import type { AccountOpeningFormRecord } from '../../codec/schemas/accountOpeningForm.js'
import type { OpenAccountResponseRecord } from '../../codec/schemas/openAccountResponse.js'
import type { VerificationStatusRecord } from '../../codec/schemas/verificationStatus.js'
import { ServerError } from '../../errors.js'
import { Command } from '../../protocol/commands.js'
import type { Transport } from '../../transport/transport.js'

/** Codes the user received, returned by an `onVerification` callback. */
export interface VerificationCodes {
  emailCode?: number
  phoneCode?: number
}

/** Options of {@link openDemoAccount} / `openRealAccount`. */
export interface OpenAccountOptions {
  /**
   * When given, the server is asked for verification first (cmd 27); the callback receives the
   * status (which codes were sent) and returns the codes the user received, which are submitted
   * (cmd 40) and put into the form.
   */
  onVerification?: (status: VerificationStatusRecord) => Promise<VerificationCodes>
  /** Web-terminal build sent with cmd 27 (default 0). */
  build?: number
  signal?: AbortSignal
}

/** A newly opened account. */
export interface OpenedAccount {
  login: bigint
  password: string
  investorPassword: string
}

/** Runs the optional 27 → 40 verification and returns the form to send. @internal */
export async function verifyForm(
  transport: Transport,
  cid: Uint8Array,
  form: AccountOpeningFormRecord,
  options: OpenAccountOptions,
): Promise<AccountOpeningFormRecord> {
  if (!options.onVerification) return form
  const signal = options.signal === undefined ? {} : { signal: options.signal }
  const status = decodeVerificationStatus(
    (
      await transport.request(
        Command.requestVerification,
        encodeVerificationRequest({ build: options.build ?? 0, cid, form }),
        signal,
      )
    ).body,
  )
  const codes = await options.onVerification(status)
  const verified = { ...form, emailConfirmCode: codes.emailCode ?? 0, phoneConfirmCode: codes.phoneCode ?? 0 }
  await transport.request(Command.submitVerification, encodeAccountOpeningForm(verified), signal)
  return verified
}

/** Turns a cmd 30/39 reply into an {@link OpenedAccount} or a `ServerError`. @internal */
export function openedAccount(command: number, reply: OpenAccountResponseRecord): OpenedAccount {
  if (reply.code !== 0) throw new ServerError(command, reply.code, `account not opened (code ${reply.code})`)
  return { login: BigInt(reply.login), password: reply.password, investorPassword: reply.investorPassword }
}

/**
 * Opens a demo account on a pre-login socket of its own: bootstrap → cmd 29 → [cmd 27 → cmd 40
 * when `onVerification` is given] → cmd 30.
 *
 * @example
 * ```ts
 * const account = await client.openDemoAccount({ firstName: 'Ada', secondName: 'Lovelace', email: 'ada@example.com' })
 * console.log(account.login, account.password)
 * ```
 * @param client - A client (connected or not); its server URL and WebSocket are used.
 * @param form - Name, contact data, deposit, leverage, group.
 * @param options - Verification callback, build, abort signal.
 * @returns The new account's login and passwords.
 * @throws {@link ServerError} when the server refuses (response code or the reply's non-zero `code`);
 * {@link MT5ConnectionError}; {@link MT5TimeoutError}.
 */
export function openDemoAccount(
  client: BaseClient,
  form: AccountOpeningParameters,
  options: OpenAccountOptions = {},
): Promise<OpenedAccount> {
  const signal = options.signal === undefined ? {} : { signal: options.signal }
  return withPreLoginSession(client, { init: true, ...signal }, async (transport, cid) => {
    const record = await verifyForm(transport, cid, toOpeningForm(form), options)
    const reply = await transport.request(Command.openDemo, encodeAccountOpeningForm(record), signal)
    return openedAccount(Command.openDemo, decodeOpenAccountResponse(reply.body))
  })
}
