/**
 * Account block (cmd 3 / cmd 14) → {@link AccountSummary}. The block has no margin fields: the
 * official client computes margin from positions and orders. This summary reports `margin` 0
 * unless a margin total is passed in (`marginFree` = equity − margin, `marginLevel` =
 * equity / margin × 100, 0 without margin).
 */
import type { AccountBlock } from '../codec/messages/account.js'
import type { AccountSummary } from '../model/types.js'

/** Extra inputs of {@link toAccountSummary}. */
export interface SummaryInputs {
  login: bigint
  /** Margin of open positions and orders, when the caller can compute it (default 0). */
  margin?: number
}

/** Builds the account summary from a decoded account block. */
export function toAccountSummary(block: AccountBlock, inputs: SummaryInputs): AccountSummary {
  const m = block.main
  const profit = m.accProfit
  const equity = m.balance + m.credit + profit
  const margin = inputs.margin ?? 0
  return {
    login: inputs.login,
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
    hedging: m.marginMode === 2,
    tradeAllowed: (m.rights & 4) === 0,
    investor: (m.rights & 8) !== 0,
    readOnly: (m.rights & 512) !== 0,
    serverOffsetSeconds: m.timezoneShift + 3600 * m.daylightmode,
    serverBuild: m.serverBuild,
  }
}
