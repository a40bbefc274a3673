import type { BaseClient } from '../../client/types.js'
import { decodeRateBars, encodeRatesRequest } from '../../codec/messages/rates.js'
import { minutesFromPeriodCode, Timeframe, type TimeframeName } from '../../codec/timeframe.js'
import { ValidationError } from '../../errors.js'
import { DEFAULT_MAX_BARS_PER_REQUEST, splitRange } from '../../marketState/splitRange.js'
import type { Bar } from '../../model/types.js'
import { Command } from '../../protocol/commands.js'
import { resolveSymbol } from './resolveSymbol.js'

/** Progress of a {@link rates} download. */
export interface RatesProgress {
  /** Requests answered so far. */
  done: number
  /** Requests in total. */
  total: number
  /** Bars received so far. */
  bars: number
}

/** Options of {@link rates}. */
export interface RatesOptions {
  /** Called after each chunk. */
  onProgress?: (progress: RatesProgress) => void
  /** Bars per cmd 11 request (default 50 000). */
  maxBarsPerRequest?: number
  signal?: AbortSignal
}

/** A timeframe name (`'H1'`) or wire period code (`Timeframe.H1`). */
export type TimeframeInput = TimeframeName | number

function periodCode(timeframe: TimeframeInput): number {
  const code = typeof timeframe === 'string' ? Timeframe[timeframe] : timeframe
  if (code === undefined)
    throw new ValidationError(`unknown timeframe ${String(timeframe)}`, {
      field: 'timeframe',
      value: timeframe,
    })
  minutesFromPeriodCode(code)
  return code
}

function toSeconds(value: Date | number, field: string): number {
  const ms = value instanceof Date ? value.getTime() : value
  if (!Number.isFinite(ms)) throw new ValidationError(`${field} must be a finite time`, { field, value })
  return Math.floor(ms / 1000)
}

/**
 * OHLC bars of `symbol` in `[from, to]` for any timeframe (cmd 11). Long ranges are split into
 * requests of at most `maxBarsPerRequest` bars, sent one after the other; `onProgress` reports each
 * answered chunk. Bars come back sorted by time without duplicates.
 *
 * @example
 * ```ts
 * const bars = await client.rates('EURUSD', 'H1', Date.now() - 86_400_000, Date.now(), {
 *   onProgress: ({ done, total }) => console.log(`${done}/${total}`),
 * })
 * ```
 * @param client - A logged-in client.
 * @param symbol - Symbol name.
 * @param timeframe - Timeframe name or period code.
 * @param from - Start, `Date` or Unix ms (floored to seconds).
 * @param to - End (inclusive), `Date` or Unix ms.
 * @param options - Progress callback, chunk size, abort signal.
 * @returns The bars, oldest first.
 * @throws {@link ValidationError} for an unknown timeframe or bad times; {@link SymbolNotFoundError};
 * {@link ProtocolError} when a bar is not aligned to the period; {@link MT5TimeoutError}.
 */
export async function rates(
  client: BaseClient,
  symbol: string,
  timeframe: TimeframeInput,
  from: Date | number,
  to: Date | number,
  options: RatesOptions = {},
): Promise<Bar[]> {
  const period = periodCode(timeframe)
  const fromSec = toSeconds(from, 'from')
  const toSec = toSeconds(to, 'to')
  const maxBars = options.maxBarsPerRequest ?? DEFAULT_MAX_BARS_PER_REQUEST
  if (!Number.isInteger(maxBars) || maxBars < 1) {
    throw new ValidationError('maxBarsPerRequest must be a positive integer', {
      field: 'maxBarsPerRequest',
      value: maxBars,
    })
  }
  const info = await resolveSymbol(client, symbol)
  const chunks = splitRange(fromSec, toSec, minutesFromPeriodCode(period) * 60, maxBars)
  const byTime = new Map<number, Bar>()
  let done = 0
  for (const chunk of chunks) {
    const payload = encodeRatesRequest({ symbol: info.name, period, from: chunk.from, to: chunk.to })
    const body = await client.request(
      Command.rates,
      payload,
      options.signal ? { signal: options.signal } : {},
    )
    for (const bar of decodeRateBars(body, period)) {
      if (bar.time < fromSec || bar.time > toSec) continue
      byTime.set(bar.time, {
        timeMs: bar.time * 1000,
        open: bar.open,
        high: bar.high,
        low: bar.low,
        close: bar.close,
        tickVolume: bar.tickVolume,
        realVolume: bar.realVolume,
      })
    }
    done += 1
    options.onProgress?.({ done, total: chunks.length, bars: byTime.size })
  }
  return [...byTime.values()].sort((a, b) => a.timeMs - b.timeMs)
}

export type { Bar } from '../../model/types.js'
