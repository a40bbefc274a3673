import { checkNewPassword, PasswordCheck } from '../../account/password.js'
import { accountState } from '../../account/state.js'
import type { BaseClient } from '../../client/types.js'
import {
  decodeChangePasswordReply,
  encodeChangePasswordRequest,
} from '../../codec/messages/changePassword.js'
import { ServerError, ValidationError } from '../../errors.js'
import { Command } from '../../protocol/commands.js'
import { getAccount } from './getAccount.js'

/** Input of {@link changePassword}. */
export interface ChangePasswordParameters {
  /** The current password. */
  current: string
  /** The new password (≥ the account's minimum length; digit, upper, lower and other character). */
  next: string
  /** Change the investor (read-only) password instead of the master password. */
  investor?: boolean
}

/**
 * Changes the master or investor password (cmd 24). The new password is checked locally first, as
 * the official client does: empty (2007), shorter than the account's `authPasswordMin` (2000), or
 * missing a digit / upper-case / lower-case / other character (2001) fails without a request.
 *
 * When the master password this client logs in with changes, later re-logins use the new one.
 *
 * @example
 * ```ts
 * await client.changePassword({ current: 'Old-pass1', next: 'New-pass2' })
 * ```
 * @param client - A logged-in client.
 * @param params - Current and new password, `investor` for the investor password.
 * @returns Nothing once changed.
 * @throws {@link ValidationError} (`field: 'next'`, `value`: the check code) when a local check fails;
 * {@link ServerError} with `responseCode` = the non-zero i32 result (the official client reports
 * "current password is incorrect", 2005).
 */
export async function changePassword(client: BaseClient, params: ChangePasswordParameters): Promise<void> {
  const block = accountState(client).block ?? (await getAccount(client))
  const check = checkNewPassword(params.next, block.main.authPasswordMin)
  if (check !== PasswordCheck.Ok) {
    const reason =
      check === PasswordCheck.Empty
        ? 'is empty'
        : check === PasswordCheck.TooShort
          ? `is shorter than ${block.main.authPasswordMin} characters`
          : 'needs a digit, an upper-case letter, a lower-case letter and another character'
    throw new ValidationError(`new password ${reason} (code ${check})`, { field: 'next', value: check })
  }
  const body = await client.request(
    Command.changePassword,
    encodeChangePasswordRequest({
      isInvestor: params.investor ? 1 : 0,
      newPassword: params.next.slice(0, 32),
      oldPassword: params.current.slice(0, 32),
    }),
  )
  const result = decodeChangePasswordReply(body)
  if (result !== 0) {
    throw new ServerError(
      Command.changePassword,
      result,
      `password not changed (result ${result}): current password is incorrect`,
    )
  }
  // A later re-login of this client must use the new master password.
  if (!params.investor) client.state.passwordChanged?.(params.current, params.next)
}
