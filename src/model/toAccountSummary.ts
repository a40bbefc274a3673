/**
 * Account block (cmd 3 / cmd 14) → {@link AccountSummary}. The block carries no login, equity or
 * margin: the login comes from the client's options and the margin from the caller (computed
 * from positions and orders; 0 when unknown). Rights: 4 trade disabled, 8 investor, 512 read-only.
 */
import type { AccountBlock } from '../codec/messages/account.js'
import { AccountRights, MarginMode } from '../enums.js'
import type { AccountSummary } from './types.js'

/** What the account block does not carry. */
export interface AccountSummaryContext {
  login: bigint
  /** Margin of open positions and orders (default 0). */
  margin?: number
}

/** Converts an account block into the summary. */
export function toAccountSummary(block: AccountBlock, context: AccountSummaryContext): AccountSummary {
  const m = block.main
  const profit = m.accProfit
  const equity = m.balance + m.credit + profit
  const margin = context.margin ?? 0
  return {
    login: context.login,
    name: m.accountName,
    server: m.serverName,
    company: m.company,
    currency: m.accountCurrency,
    currencyDigits: m.currencyDigits,
    leverage: m.marginLeverage,
    balance: m.balance,
    credit: m.credit,
    profit,
    equity,
    margin,
    marginFree: equity - margin,
    marginLevel: margin > 0 ? (equity / margin) * 100 : 0,
    type: m.accountType,
    marginMode: m.marginMode,
    hedging: m.marginMode === MarginMode.RetailHedging,
    tradeAllowed:
      (m.rights & (AccountRights.TradeDisabled | AccountRights.Investor | AccountRights.ReadOnly)) === 0,
    investor: (m.rights & AccountRights.Investor) !== 0,
    readOnly: (m.rights & AccountRights.ReadOnly) !== 0,
    serverOffsetSeconds: m.timezoneShift + 3600 * m.daylightmode,
    serverBuild: m.serverBuild,
  }
}

/** The summary with the deal-form balance tail of a cmd 10 push applied (official: transaction type 0). */
export function applyBalanceTail(
  summary: AccountSummary,
  tail: { balance: number; credit: number; profit: number },
): AccountSummary {
  const equity = tail.balance + tail.credit + tail.profit
  return {
    ...summary,
    balance: tail.balance,
    credit: tail.credit,
    profit: tail.profit,
    equity,
    marginFree: equity - summary.margin,
    marginLevel: summary.margin > 0 ? (equity / summary.margin) * 100 : 0,
  }
}
