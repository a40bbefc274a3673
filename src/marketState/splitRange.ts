/**
 * Splits a bar request into chunks the server accepts: each chunk covers at most `maxBars` bars
 * of `barSeconds`. Bounds are Unix seconds, inclusive; chunks do not overlap.
 */

/** Default bars per cmd 11 request. */
export const DEFAULT_MAX_BARS_PER_REQUEST = 50_000

/** One cmd 11 time window, Unix seconds, inclusive. */
export interface TimeChunk {
  from: number
  to: number
}

/** Splits `[fromSec, toSec]` into windows of at most `maxBars × barSeconds` seconds. */
export function splitRange(fromSec: number, toSec: number, barSeconds: number, maxBars: number): TimeChunk[] {
  if (!(barSeconds > 0) || !(maxBars >= 1)) {
    throw new RangeError(`barSeconds and maxBars must be positive (got ${barSeconds}, ${maxBars})`)
  }
  const from = Math.floor(fromSec)
  const to = Math.floor(toSec)
  if (to < from) return []
  const span = Math.floor(barSeconds * maxBars)
  const chunks: TimeChunk[] = []
  for (let start = from; start <= to; start += span) {
    chunks.push({ from: start, to: Math.min(start + span - 1, to) })
  }
  return chunks
}
