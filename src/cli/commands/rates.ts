/** `mt5web rates SYMBOL TIMEFRAME --count N [--to TIME]`: the last N bars. */
import type { Bar } from '../../actions/market/rates.js'
import { timeframeMinutes } from '../../codec/timeframe.js'
import { stringOption } from '../args.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatPrice, formatTime, table, toJson } from '../format.js'
import { parseCount, parseTime, parseTimeframe } from '../values.js'

/** The human view of bars. */
export function formatBars(bars: readonly Bar[], digits: number): string {
  return table(
    [
      { header: 'TIME', value: (b) => formatTime(b.timeMs) },
      { header: 'OPEN', align: 'right', value: (b) => formatPrice(b.open, digits) },
      { header: 'HIGH', align: 'right', value: (b) => formatPrice(b.high, digits) },
      { header: 'LOW', align: 'right', value: (b) => formatPrice(b.low, digits) },
      { header: 'CLOSE', align: 'right', value: (b) => formatPrice(b.close, digits) },
      { header: 'TICKS', align: 'right', value: (b) => String(b.tickVolume) },
    ],
    bars,
    '(no bars)',
  )
}

/**
 * The first window to ask for N bars ending at `toMs`: twice N periods plus three days (weekends
 * and holidays), widened 4× per retry. Never before the Unix epoch.
 */
export function ratesWindow(count: number, minutes: number, toMs: number, attempt: number): number {
  const spanMs = (count * minutes * 60_000 * 2 + 3 * 86_400_000) * 4 ** attempt
  return Math.max(0, toMs - spanMs)
}

/** Retries with a wider window at most this many times. */
const MAX_ATTEMPTS = 4

export const ratesCommand: Command = {
  name: 'rates',
  summary: 'show the last N bars of a symbol',
  usage: 'rates SYMBOL TIMEFRAME [--count N] [--to TIME] [--json]',
  details:
    'TIMEFRAME: M1 M2 M3 M4 M5 M6 M10 M12 M15 M20 M30 H1 H2 H3 H4 H6 H8 H12 D1 W1 MN1. TIME: ISO date or Unix seconds.',
  options: {
    count: { type: 'string', valueName: 'N', description: 'number of bars (default 100, at most 100000)' },
    to: { type: 'string', valueName: 'TIME', description: 'last bar at or before TIME (default now)' },
  },
  positionals: { min: 2, max: 2 },
  prepare: ({ positionals, values }) => {
    const symbol = positionals[0]!
    const timeframe = parseTimeframe(positionals[1]!)
    const countText = stringOption(values, 'count')
    const count = countText === undefined ? 100 : parseCount(countText, '--count', 100_000)
    const toText = stringOption(values, 'to')
    const to = toText === undefined ? undefined : parseTime(toText, '--to')
    return async (ctx) => {
      const info = await ctx.client.symbol(symbol)
      const toMs = to?.getTime() ?? Date.now()
      let bars: Bar[] = []
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const fromMs = ratesWindow(count, timeframeMinutes[timeframe], toMs, attempt)
        bars = await ctx.client.rates(info.name, timeframe, fromMs, toMs)
        if (bars.length >= count || fromMs === 0) break
      }
      const last = bars.slice(-count)
      ctx.io.stdout.write(ctx.json ? toJson(last) : formatBars(last, info.digits))
      return ExitCode.Ok
    }
  },
}
