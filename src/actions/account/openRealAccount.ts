import { type AccountOpeningParameters, toOpeningForm, truncateStrings } from '../../account/openingForm.js'
import { withPreLoginSession } from '../../account/preLogin.js'
import type { BaseClient } from '../../client/types.js'
import {
  type AccountDocument,
  decodeOpenAccountResponse,
  encodeOpenRealAccountRequest,
} from '../../codec/messages/openAccount.js'
import {
  type RealAccountExtensionRecord,
  realAccountExtensionSchema,
} from '../../codec/schemas/realAccountExtension.js'
import { Command } from '../../protocol/commands.js'
import { type OpenAccountOptions, type OpenedAccount, openedAccount, verifyForm } from './openDemoAccount.js'

export type { AccountDocument }

/** Input of {@link openRealAccount}. */
export interface OpenRealAccountParameters {
  form: AccountOpeningParameters
  /** Personal and financial details (cmd 39 extension); missing fields are zero/empty. */
  extension?: Partial<RealAccountExtensionRecord>
  /** Identity documents with their file bytes. */
  documents?: AccountDocument[]
}

/**
 * Opens a real account on a pre-login socket of its own: bootstrap → cmd 29 → [cmd 27 → cmd 40
 * when `onVerification` is given] → cmd 39 (form + extension + documents).
 *
 * @example
 * ```ts
 * const account = await client.openRealAccount({
 *   form: { firstName: 'Ada', secondName: 'Lovelace', email: 'ada@example.com' },
 *   extension: { citizenship: 'GB' },
 * })
 * ```
 * @param client - A client (connected or not); its server URL and WebSocket are used.
 * @param params - Form, extension and documents.
 * @param options - Verification callback, build, abort signal.
 * @returns The new account's login and passwords.
 * @throws {@link ServerError} when the server refuses; {@link ValidationError} for out-of-range
 * extension values; {@link MT5ConnectionError}; {@link MT5TimeoutError}.
 */
export function openRealAccount(
  client: BaseClient,
  params: OpenRealAccountParameters,
  options: OpenAccountOptions = {},
): Promise<OpenedAccount> {
  const signal = options.signal === undefined ? {} : { signal: options.signal }
  return withPreLoginSession(client, { init: true, ...signal }, async (transport, cid) => {
    const form = await verifyForm(transport, cid, toOpeningForm(params.form), options)
    const extension = truncateStrings(realAccountExtensionSchema, {
      ...realAccountExtensionSchema.zero(),
      ...params.extension,
    })
    const payload = encodeOpenRealAccountRequest({ form, extension, documents: params.documents ?? [] })
    const reply = await transport.request(Command.openReal, payload, signal)
    return openedAccount(Command.openReal, decodeOpenAccountResponse(reply.body))
  })
}
