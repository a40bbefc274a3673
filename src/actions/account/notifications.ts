import type { BaseClient } from '../../client/types.js'
import { getAccount } from './getAccount.js'

/** What the account asks the user to act on (from the cmd 3 block). */
export interface AccountNotifications {
  /** `permissionsFlags & 16`: the risk warning must be accepted (`acceptRiskWarning()`). */
  riskWarning: boolean
  /** `rights & 1024`: the password must be changed (`changePassword()`). */
  passwordReset: boolean
  /** Raw `otpStatus` of the account. */
  otpStatus: number
}

/**
 * What the account asks the user to act on: risk-warning acceptance, a required password change,
 * the OTP status (fetches cmd 3).
 *
 * @example
 * ```ts
 * const n = await client.notifications()
 * if (n.riskWarning) await client.acceptRiskWarning()
 * ```
 * @param client - A logged-in client.
 * @returns The pending notifications.
 * @throws {@link SessionError} when not logged in; {@link MT5TimeoutError}.
 */
export async function notifications(client: BaseClient): Promise<AccountNotifications> {
  const { main } = await getAccount(client)
  return {
    riskWarning: (main.permissionsFlags & 16) !== 0,
    passwordReset: (main.rights & 1024) !== 0,
    otpStatus: main.otpStatus,
  }
}
