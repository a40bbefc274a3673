/**
 * Which trade retcodes are worth another try. These all mean "not executed, try again shortly":
 * the request reached a decision and was turned down for a passing reason, so a retry cannot
 * duplicate anything. Every other failure is final for this intent and is recorded.
 */
import { TradeRetcode } from 'mt5web'

const transient: ReadonlySet<number> = new Set([
  TradeRetcode.Requote,
  TradeRetcode.Timeout,
  TradeRetcode.PriceChanged,
  TradeRetcode.PriceOff,
  TradeRetcode.TooManyRequests,
  TradeRetcode.Connection,
])

/** True for retcodes retried with backoff. */
export function isTransientRetcode(retcode: number): boolean {
  return transient.has(retcode)
}

/** Backoff before retry `attempt` (1-based): base × 2^(attempt-1), at most 8 × base. */
export function backoffMs(attempt: number, baseMs: number): number {
  return baseMs * 2 ** Math.min(3, Math.max(0, attempt - 1))
}
