/**
 * Operations over the broker's accounts: lookup, the trading-rights check, balance operations
 * (deal type 2), adding an account and the full-state snapshot.
 */
import { type Account, createAccount } from './account.js'
import { copyRecord } from './book.js'
import type { AccountConfig } from './config.js'
import { DealType, Reason, Retcode } from './constants.js'
import type { Ctx, EngineCore } from './core.js'
import type { Positions } from './positions.js'
import { roundMoney } from './profit.js'
import type { Records } from './records.js'
import type { AccountSnapshot, EngineResult } from './types.js'

/** Account operations of an engine, bound to its shared state. */
export type Accounts = ReturnType<typeof createAccounts>

export function createAccounts(core: EngineCore, records: Records, positions: Positions) {
  const { specs, accounts, summary, emitAccount, result } = core
  const { newDeal } = records
  const { revalue } = positions

  const accountBlocked = (acc: Account): boolean => (acc.config.rights & (4 | 8 | 512)) !== 0

  const getAccount = (login: number): Account => {
    const acc = accounts.get(login)
    if (!acc) throw new RangeError(`engine: unknown login ${login}`)
    return acc
  }

  /** Balance operation (deal type 2): positive deposits, negative withdraws (10019 above free margin). */
  const balance = (
    login: number,
    amount: number,
    comment = amount >= 0 ? 'Deposit' : 'Withdrawal',
  ): EngineResult => {
    const acc = getAccount(login)
    const ctx: Ctx = { acc, events: [], reason: Reason.Client }
    if (!Number.isFinite(amount) || amount === 0)
      return { result: result(Retcode.Invalid, undefined), events: [] }
    if (amount < 0 && -amount > summary(acc).marginFree + 1e-9)
      return { result: result(Retcode.NoMoney, undefined), events: [] }
    acc.balance = roundMoney(acc.balance + amount, acc.config.digits)
    const deal = newDeal(acc, undefined, {
      tradeAction: DealType.Balance,
      profit: amount,
      comment: comment.slice(0, 31),
    })
    acc.book.deals.push(deal)
    const s = summary(acc)
    ctx.events.push({
      type: 'deal',
      login,
      deal: copyRecord(deal),
      position: null,
      positionClosed: false,
      account: s,
    })
    emitAccount(ctx)
    return { result: result(Retcode.Done, undefined, { deal: deal.deal }), events: ctx.events }
  }

  const addAccount = (config: AccountConfig): void => {
    if (accounts.has(config.login)) throw new RangeError(`engine: login ${config.login} exists`)
    accounts.set(config.login, createAccount(config))
  }

  const snapshot = (login: number): AccountSnapshot => {
    const acc = getAccount(login)
    for (const spec of specs.values()) revalue(acc, spec)
    return {
      summary: summary(acc),
      orders: [...acc.book.orders.values()].map(copyRecord),
      positions: [...acc.book.positions.values()].map(copyRecord),
      historyOrders: acc.book.historyOrders.map(copyRecord),
      deals: acc.book.deals.map(copyRecord),
    }
  }

  return { accountBlocked, getAccount, balance, addAccount, snapshot }
}
