/** `mt5web buy SYMBOL LOTS [...]`: a buy at market or a buy limit / stop / stop-limit order. */
import type { Command } from '../command.js'
import { describeOrder, orderOptions, parseOrderPlan, sendOrder } from '../orderPlan.js'
import { runTrade } from '../tradeOutcome.js'

export const buyCommand: Command = {
  name: 'buy',
  summary: 'buy at market, or place a buy limit / stop / stop-limit order',
  usage:
    'buy SYMBOL LOTS [--limit PRICE | --stop PRICE | --stop-limit LIMIT --price STOP] [--sl P] [--tp P] [--comment TEXT] [--yes]',
  details:
    'Stop-limit: when the ask reaches STOP (--price, the activation price), a buy limit at LIMIT (--stop-limit) is placed.\nAsks for confirmation on a terminal unless --yes; refuses without a terminal and without --yes.',
  options: orderOptions,
  positionals: { min: 2, max: 2 },
  trades: true,
  prepare: (args) => {
    const plan = parseOrderPlan('buy', args)
    return (ctx) => runTrade(ctx, describeOrder(plan), () => sendOrder(ctx.client, plan))
  },
}
