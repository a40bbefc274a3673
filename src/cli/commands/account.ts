/** `mt5web account`: balance, equity, margin and the account's settings. */
import type { AccountSummary } from '../../model/types.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatMoney, keyValues, toJson } from '../format.js'

const accountTypes = ['real', 'demo', 'contest', 'preliminary']
const marginModes = ['netting', 'exchange', 'hedging']

/** The human view of an account summary. */
export function formatAccount(a: AccountSummary): string {
  const money = (v: number): string => `${formatMoney(v, a.currencyDigits)} ${a.currency}`
  return keyValues([
    ['login', a.login.toString()],
    ['name', a.name],
    ['server', a.server],
    ['company', a.company],
    ['type', accountTypes[a.type] ?? String(a.type)],
    ['margin mode', marginModes[a.marginMode] ?? String(a.marginMode)],
    ['leverage', `1:${a.leverage}`],
    ['balance', money(a.balance)],
    ['credit', money(a.credit)],
    ['profit', money(a.profit)],
    ['equity', money(a.equity)],
    ['margin', money(a.margin)],
    ['free margin', money(a.marginFree)],
    ['margin level', a.margin > 0 ? `${a.marginLevel.toFixed(2)} %` : '-'],
    ['trade allowed', a.tradeAllowed ? 'yes' : 'no'],
    ['investor', a.investor ? 'yes' : 'no'],
  ])
}

export const accountCommand: Command = {
  name: 'account',
  summary: 'show the account: balance, equity, margin, leverage',
  usage: 'account [--json]',
  options: {},
  positionals: { min: 0, max: 0 },
  prepare: () => async (ctx) => {
    const account = await ctx.client.accountInfo()
    ctx.io.stdout.write(ctx.json ? toJson(account) : formatAccount(account))
    return ExitCode.Ok
  },
}
