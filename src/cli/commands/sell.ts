/** `mt5web sell SYMBOL LOTS [...]`: a sell at market or a sell limit / stop / stop-limit order. */
import type { Command } from '../command.js'
import { describeOrder, orderOptions, parseOrderPlan, sendOrder } from '../orderPlan.js'
import { runTrade } from '../tradeOutcome.js'

export const sellCommand: Command = {
  name: 'sell',
  summary: 'sell at market, or place a sell limit / stop / stop-limit order',
  usage:
    'sell SYMBOL LOTS [--limit PRICE | --stop PRICE | --stop-limit LIMIT --price STOP] [--sl P] [--tp P] [--comment TEXT] [--yes]',
  details:
    'Stop-limit: when the bid reaches STOP (--price, the activation price), a sell limit at LIMIT (--stop-limit) is placed.\nAsks for confirmation on a terminal unless --yes; refuses without a terminal and without --yes.',
  options: orderOptions,
  positionals: { min: 2, max: 2 },
  trades: true,
  prepare: (args) => {
    const plan = parseOrderPlan('sell', args)
    return (ctx) => runTrade(ctx, describeOrder(plan), () => sendOrder(ctx.client, plan))
  },
}
