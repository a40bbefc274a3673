/** `mt5web ticks SYMBOL...`: streams quotes until Ctrl-C (SIGINT) or SIGTERM, then closes cleanly. */
import type { Tick } from '../../model/types.js'
import { stringOption } from '../args.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatPrice, formatTime, toJsonLine } from '../format.js'
import { parseCount } from '../values.js'

/** One human line per tick: `2026-01-07 12:00:00.250  EURUSD  1.08012  1.08020`. */
export function formatTick(tick: Tick, digits: number): string {
  const last = tick.last !== 0 ? `  last ${formatPrice(tick.last, digits)}` : ''
  return `${formatTime(tick.timeMs, true)}  ${tick.symbol}  bid ${formatPrice(tick.bid, digits)}  ask ${formatPrice(tick.ask, digits)}${last}\n`
}

export const ticksCommand: Command = {
  name: 'ticks',
  summary: 'stream quotes until Ctrl-C',
  usage: 'ticks SYMBOL... [--count N] [--json]',
  details:
    'Prints one line per tick. With --json, one JSON object per line (JSON Lines). Ctrl-C or SIGTERM ends the stream and exits 0.',
  options: { count: { type: 'string', valueName: 'N', description: 'stop after N ticks' } },
  positionals: { min: 1, max: 100 },
  streams: true,
  prepare: ({ positionals, values }) => {
    const countText = stringOption(values, 'count')
    const limit = countText === undefined ? Number.POSITIVE_INFINITY : parseCount(countText, '--count')
    return async (ctx) => {
      const infos = await Promise.all(positionals.map((name) => ctx.client.symbol(name)))
      const digits = new Map(infos.map((s) => [s.id, s.digits]))
      let seen = 0
      for await (const tick of ctx.client.ticks(
        infos.map((s) => s.name),
        { signal: ctx.signal },
      )) {
        ctx.io.stdout.write(ctx.json ? toJsonLine(tick) : formatTick(tick, digits.get(tick.symbolId) ?? 5))
        if (++seen >= limit) break
      }
      return ExitCode.Ok
    }
  },
}
