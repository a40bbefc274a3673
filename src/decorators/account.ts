/** The `account` feature: account data, notifications, password, OTP, account opening. */

import type { AccountOpeningParameters } from '../account/openingForm.js'
import { acceptRiskWarning } from '../actions/account/acceptRiskWarning.js'
import { accountInfo } from '../actions/account/accountInfo.js'
import { type ChangePasswordParameters, changePassword } from '../actions/account/changePassword.js'
import { type CorporateLink, corporateLinks } from '../actions/account/corporateLinks.js'
import { type DisableOtpParameters, disableOtp } from '../actions/account/disableOtp.js'
import { type EnableOtpParameters, enableOtp } from '../actions/account/enableOtp.js'
import { type AccountBlock, getAccount } from '../actions/account/getAccount.js'
import { type AccountNotifications, notifications } from '../actions/account/notifications.js'
import {
  type OpenAccountOptions,
  type OpenedAccount,
  openDemoAccount,
} from '../actions/account/openDemoAccount.js'
import { type OpenRealAccountParameters, openRealAccount } from '../actions/account/openRealAccount.js'
import { type TraderParamsRecord, traderParams } from '../actions/account/traderParams.js'
import {
  type VerificationStatusRecord,
  type VerifyCodeParameters,
  verifyCode,
} from '../actions/account/verifyCode.js'
import type { BaseClient } from '../client/types.js'
import type { AccountSummary } from '../model/types.js'
import { bindMethods, type Methods } from './methods.js'

/** Account methods of a client. */
export interface AccountActions {
  /** The decoded cmd 3 block. See {@link getAccount}. */
  getAccount(): Promise<AccountBlock>
  /** Account summary. See {@link accountInfo}. */
  accountInfo(): Promise<AccountSummary>
  /** Pre-login trader parameters. See {@link traderParams}. */
  traderParams(options?: { signal?: AbortSignal }): Promise<TraderParamsRecord>
  /** Pending notifications. See {@link notifications}. */
  notifications(): Promise<AccountNotifications>
  /** Accepts the risk warning. See {@link acceptRiskWarning}. */
  acceptRiskWarning(): Promise<void>
  /** Broker links. See {@link corporateLinks}. */
  corporateLinks(): Promise<CorporateLink[]>
  /** Changes a password. See {@link changePassword}. */
  changePassword(params: ChangePasswordParameters): Promise<void>
  /** Submits verification codes. See {@link verifyCode}. */
  verifyCode(params: VerifyCodeParameters): Promise<VerificationStatusRecord>
  /** Enables TOTP. See {@link enableOtp}. */
  enableOtp(params: EnableOtpParameters): Promise<void>
  /** Disables TOTP. See {@link disableOtp}. */
  disableOtp(params: DisableOtpParameters): Promise<void>
  /** Opens a demo account. See {@link openDemoAccount}. */
  openDemoAccount(form: AccountOpeningParameters, options?: OpenAccountOptions): Promise<OpenedAccount>
  /** Opens a real account. See {@link openRealAccount}. */
  openRealAccount(params: OpenRealAccountParameters, options?: OpenAccountOptions): Promise<OpenedAccount>
}

/** The methods of {@link accountActions}, shared by every client of `createClient` (see `./methods.ts`). */
export const accountMethods: Methods<AccountActions> = {
  getAccount() {
    return getAccount(this)
  },
  accountInfo() {
    return accountInfo(this)
  },
  traderParams(options) {
    return traderParams(this, options)
  },
  notifications() {
    return notifications(this)
  },
  acceptRiskWarning() {
    return acceptRiskWarning(this)
  },
  corporateLinks() {
    return corporateLinks(this)
  },
  changePassword(params) {
    return changePassword(this, params)
  },
  verifyCode(params) {
    return verifyCode(this, params)
  },
  enableOtp(params) {
    return enableOtp(this, params)
  },
  disableOtp(params) {
    return disableOtp(this, params)
  },
  openDemoAccount(form, options) {
    return openDemoAccount(this, form, options)
  },
  openRealAccount(params, options) {
    return openRealAccount(this, params, options)
  },
}

/** Account decorator: `createBaseClient(options).extend(accountActions)`. */
export function accountActions(client: BaseClient): AccountActions {
  return bindMethods(client, accountMethods)
}
