/**
 * Pre-login commands (after cmd 29 on their own socket): request verification (27), submit
 * verification codes (40), open demo (30) and real (39) accounts, trader params (41).
 * Verification: the simulator asks for an e-mail code; the expected code is `broker.verificationCode`
 * (default 123456). Opening an account creates a funded account on the broker and returns its
 * login and passwords (OpenAccountResponse).
 */
import {
  decodeAccountOpeningForm,
  decodeOpenRealAccountRequest,
  encodeOpenAccountResponse,
} from '../../../codec/messages/openAccount.js'
import { encodeTraderParams } from '../../../codec/messages/traderParams.js'
import { decodeVerificationRequest, encodeVerificationStatus } from '../../../codec/messages/verification.js'
import type { AccountOpeningFormRecord } from '../../../codec/schemas/accountOpeningForm.js'
import type { CommandHandler, SimConnection } from '../connection.js'
import type { HandlerContext } from './context.js'

/** cmd 30/39 `code` for a wrong or missing verification code (docs/architecture.md#requests-and-replies: 1031). */
export const INVALID_VERIFICATION_CODE = 1031

/**
 * cmd 30/39 `code` once the account-opening limits are reached: the official client's message table: 1025 "demo account
 * allocation disabled" (official), the closest documented answer to "no more accounts here".
 */
export const ACCOUNT_ALLOCATION_DISABLED = 1025

/** Builds the pre-login handlers of one broker. */
export function preLoginHandlers(broker: HandlerContext): Record<number, CommandHandler> {
  const verifiedEmails = new Set<string>()
  /** Accounts opened per connection (no login needed to open one, so bound it per socket too). */
  const openedBy = new WeakMap<SimConnection, number>()

  const refused = (code: number): Uint8Array =>
    encodeOpenAccountResponse({ code, login: 0n, password: '', investorPassword: '' })

  const codesOk = (form: AccountOpeningFormRecord): boolean =>
    !broker.requireVerification ||
    verifiedEmails.has(form.email) ||
    form.emailConfirmCode === broker.verificationCode

  const open = (conn: SimConnection, form: AccountOpeningFormRecord, real: boolean): Uint8Array => {
    if (!codesOk(form)) return refused(INVALID_VERIFICATION_CODE)
    const mine = openedBy.get(conn) ?? 0
    if (
      broker.openedAccounts >= broker.limits.maxOpenedAccounts ||
      mine >= broker.limits.maxOpenedAccountsPerConnection
    ) {
      broker.log('account-limit', { conn: conn.id, opened: broker.openedAccounts, byConnection: mine })
      return refused(ACCOUNT_ALLOCATION_DISABLED)
    }
    openedBy.set(conn, mine + 1)
    const created = broker.openAccount(form, real)
    return encodeOpenAccountResponse({
      code: 0,
      login: BigInt(created.login),
      password: created.password,
      investorPassword: created.investorPassword,
    })
  }

  const requestVerification: CommandHandler = (conn, payload) => {
    decodeVerificationRequest(payload)
    // email 1 = an e-mail code is required; phone 0 = no phone code.
    conn.reply(27, 0, encodeVerificationStatus({ email: broker.requireVerification ? 1 : 0, phone: 0 }))
  }

  const submitCodes: CommandHandler = (conn, payload) => {
    const form = decodeAccountOpeningForm(payload)
    const ok = form.emailConfirmCode === broker.verificationCode
    if (ok) verifiedEmails.add(form.email)
    // 1 = verified.
    conn.reply(
      40,
      ok ? 0 : INVALID_VERIFICATION_CODE,
      encodeVerificationStatus({ email: ok ? 1 : 0, phone: 0 }),
    )
  }

  const openDemo: CommandHandler = (conn, payload) => {
    conn.reply(30, 0, open(conn, decodeAccountOpeningForm(payload), false))
  }

  const openReal: CommandHandler = (conn, payload) => {
    conn.reply(39, 0, open(conn, decodeOpenRealAccountRequest(payload).form, true))
  }

  const traderParams: CommandHandler = (conn) => {
    conn.reply(41, 0, encodeTraderParams({ param1: broker.config.serverName, param2: broker.config.company }))
  }

  return { 27: requestVerification, 30: openDemo, 39: openReal, 40: submitCodes, 41: traderParams }
}
