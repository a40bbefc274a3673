/**
 * Account block (cmd 3 / cmd 14) → {@link AccountSummary}. The block carries no login, equity or
 * margin: the login comes from the client's options and the margin from the caller (computed
 * from positions and orders; 0 when unknown). Rights: 4 trade disabled, 8 investor, 512 read-only.
 */
import type { AccountBlock } from '../codec/messages/account.js'
import { roundMoney } from '../codec/scale.js'
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
  const summary: AccountSummary = {
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
    equity: roundMoney(m.balance + m.credit + profit, m.currencyDigits),
    margin: 0,
    marginFree: 0,
    marginLevel: 0,
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
  return withMargin(summary, context.margin ?? 0)
}

/** Margin, free margin and margin level of an account. */
export interface MarginFigures {
  margin: number
  /** equity − margin. */
  marginFree: number
  /** equity / margin × 100, 0 without margin. */
  marginLevel: number
}

/**
 * Margin, free margin (equity − margin) and margin level (equity / margin × 100, 0 without margin):
 * the one place these are derived (`accountInfo()`, the `account` event, `accountSummary()`,
 * `orderCheck()`). Money is rounded to the currency digits and the level to 2 decimals, as the
 * server rounds its own figures.
 */
export function marginFigures(equity: number, margin: number, currencyDigits: number): MarginFigures {
  const rounded = roundMoney(margin, currencyDigits)
  return {
    margin: rounded,
    marginFree: roundMoney(equity - rounded, currencyDigits),
    marginLevel: rounded > 0 ? roundMoney((equity / rounded) * 100, 2) : 0,
  }
}

/** The summary with `margin` and the free margin and level derived from it ({@link marginFigures}). */
export function withMargin(summary: AccountSummary, margin: number): AccountSummary {
  return { ...summary, ...marginFigures(summary.equity, margin, summary.currencyDigits) }
}

/** The summary with the deal-form balance tail of a cmd 10 push applied (official: transaction type 0). */
export function applyBalanceTail(
  summary: AccountSummary,
  tail: { balance: number; credit: number; profit: number },
): AccountSummary {
  const equity = roundMoney(tail.balance + tail.credit + tail.profit, summary.currencyDigits)
  const next = { ...summary, balance: tail.balance, credit: tail.credit, profit: tail.profit, equity }
  return withMargin(next, summary.margin)
}
