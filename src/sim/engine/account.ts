/** Account state (balance, credit, book) and its derived figures: profit, equity, margin, free margin, level. */

import { type Book, createBook } from './book.js'
import type { AccountConfig, SymbolSpec } from './config.js'
import { MarginMode, unitsToLots } from './constants.js'
import { rawMargin } from './margin.js'
import { roundMoney } from './profit.js'

/** Mutable state of one account. */
export interface Account {
  config: AccountConfig
  balance: number
  credit: number
  book: Book
}

/** Balance figures of an account at one moment (the cmd 10 balance tail plus computed figures). */
export interface AccountSummary {
  login: number
  currency: string
  leverage: number
  marginMode: number
  balance: number
  credit: number
  commissionDaily: number
  commissionMonthly: number
  /** Floating profit of open positions. */
  accProfit: number
  /** balance + credit + accProfit. */
  equity: number
  margin: number
  /** equity − margin. */
  marginFree: number
  /** equity / margin × 100, 0 without margin. */
  marginLevel: number
}

/** A fresh account from its config. */
export function createAccount(config: AccountConfig): Account {
  return { config, balance: config.balance, credit: config.credit, book: createBook() }
}

/** What margin needs of a position (a `PositionRecord` fits). */
export interface MarginLeg {
  tradeSymbol: string
  /** 0 buy, 1 sell. */
  tradeAction: number
  tradeVolume: bigint
  priceOpen: number
  /** Margin-currency → deposit-currency rate fixed at opening. */
  rateMargin: number
}

/**
 * Margin of positions: each one's margin at its open price × its `rateMargin`. On hedging accounts the
 * larger leg per symbol counts (MT5 default for hedged positions); otherwise legs add up.
 */
export function marginOf(
  legs: Iterable<MarginLeg>,
  specs: ReadonlyMap<string, SymbolSpec>,
  leverage: number,
  hedging: boolean,
): number {
  const sides = new Map<string, { buy: number; sell: number }>()
  for (const p of legs) {
    const spec = specs.get(p.tradeSymbol)
    if (!spec) continue
    const m = (rawMargin(spec, unitsToLots(p.tradeVolume), p.priceOpen, leverage) ?? 0) * p.rateMargin
    const side = sides.get(p.tradeSymbol) ?? { buy: 0, sell: 0 }
    if (p.tradeAction === 0) side.buy += m
    else side.sell += m
    sides.set(p.tradeSymbol, side)
  }
  let total = 0
  for (const side of sides.values()) total += hedging ? Math.max(side.buy, side.sell) : side.buy + side.sell
  return total
}

/** Margin used by the account's open positions. */
export function usedMargin(account: Account, specs: ReadonlyMap<string, SymbolSpec>): number {
  const hedging = account.config.marginMode === MarginMode.RetailHedging
  return marginOf(account.book.positions.values(), specs, account.config.leverage, hedging)
}

/** Computes the account figures from the positions' current `profit` values. */
export function summarize(account: Account, specs: ReadonlyMap<string, SymbolSpec>): AccountSummary {
  const digits = account.config.digits
  let profit = 0
  for (const p of account.book.positions.values()) profit += p.profit + p.storage + p.commission
  const accProfit = roundMoney(profit, digits)
  const equity = roundMoney(account.balance + account.credit + accProfit, digits)
  const margin = roundMoney(usedMargin(account, specs), digits)
  return {
    login: account.config.login,
    currency: account.config.currency,
    leverage: account.config.leverage,
    marginMode: account.config.marginMode,
    balance: roundMoney(account.balance, digits),
    credit: roundMoney(account.credit, digits),
    commissionDaily: 0,
    commissionMonthly: 0,
    accProfit,
    equity,
    margin,
    marginFree: roundMoney(equity - margin, digits),
    marginLevel: margin > 0 ? roundMoney((equity / margin) * 100, 2) : 0,
  }
}
