/** `mt5web close TICKET [--volume LOTS]`: closes a position fully or partly at market. */
import { stringOption } from '../args.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatLots, positionTypeName } from '../format.js'
import { runTrade } from '../tradeOutcome.js'
import { parsePositive, parseTicket } from '../values.js'

export const closeCommand: Command = {
  name: 'close',
  summary: 'close a position (fully, or --volume LOTS of it)',
  usage: 'close TICKET [--volume LOTS] [--yes]',
  options: {
    volume: {
      type: 'string',
      valueName: 'LOTS',
      description: 'close only LOTS (default: the whole position)',
    },
  },
  positionals: { min: 1, max: 1 },
  trades: true,
  prepare: ({ positionals, values }) => {
    const ticket = parseTicket(positionals[0]!)
    const volumeText = stringOption(values, 'volume')
    const volume = volumeText === undefined ? undefined : parsePositive(volumeText, '--volume')
    return async (ctx) => {
      const position = (await ctx.client.positions()).find((p) => p.ticket === ticket)
      if (position === undefined) {
        ctx.io.stderr.write(`mt5web: no open position #${ticket}\n`)
        return ExitCode.Failure
      }
      const lots = volume === undefined ? 'all' : `${formatLots(volume)} of`
      const question = `Close ${lots} position #${ticket} (${positionTypeName(position.type)} ${formatLots(position.volume)} ${position.symbol})`
      return runTrade(ctx, question, () => ctx.client.closePosition({ ticket, volume }))
    }
  },
}
