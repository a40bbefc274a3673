/** `mt5web cancel TICKET`: deletes a pending order. */
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatLots, orderTypeName } from '../format.js'
import { runTrade } from '../tradeOutcome.js'
import { parseTicket } from '../values.js'

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'delete a pending order',
  usage: 'cancel TICKET [--yes]',
  options: {},
  positionals: { min: 1, max: 1 },
  trades: true,
  prepare: ({ positionals }) => {
    const ticket = parseTicket(positionals[0]!)
    return async (ctx) => {
      const order = (await ctx.client.orders()).find((o) => o.ticket === ticket)
      if (order === undefined) {
        ctx.io.stderr.write(`mt5web: no open order #${ticket}\n`)
        return ExitCode.Failure
      }
      const question = `Cancel order #${ticket} (${orderTypeName(order.type)} ${formatLots(order.volumeCurrent)} ${order.symbol} at ${order.priceOrder})`
      return runTrade(ctx, question, () => ctx.client.cancelPendingOrder({ ticket }))
    }
  },
}
