/**
 * The free-margin pre-flight of a place (`marginCheck`): the target's `orderCheck`, asked before the
 * request is sent. Nothing is traded by it, so a check that failed for a passing reason (a
 * transient retcode such as no quotes yet after a reconnect, or the check itself timing out or
 * losing its connection) is simply asked again with backoff; only a final retcode is a refusal,
 * which stops the copy until something relevant changes.
 */
import { isMt5Error, retcodeDescription, TradeRetcode, ValidationError } from 'mt5web'
import { backoffMs, isTransientRetcode } from './retcodes.js'
import type { TargetTrader, TradeRequestParameters } from './trader.js'

/** What the check decided. */
export type MarginVerdict =
  | { kind: 'ok' }
  /** A final retcode: recorded as a refusal. */
  | { kind: 'refuse'; reason: 'noMargin' | 'rejected'; why: string; retcode: number }
  /** Still failing for a passing reason after the retries (or bad input): not sent, tried again later. */
  | { kind: 'failed'; why: string; retcode?: number | undefined }

/** Retry settings (the executor's). */
export interface MarginCheckRetry {
  retries: number
  backoffBaseMs: number
  sleep: (ms: number) => Promise<void>
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Bad input: asking again gives the same answer. */
const isInputError = (e: unknown): boolean =>
  e instanceof ValidationError || (isMt5Error(e) && e.code === 'MT5_SYMBOL_NOT_FOUND')

/** Asks `orderCheck`, retrying transient retcodes and failures of the check itself. */
export async function checkMargin(
  trader: Pick<TargetTrader, 'orderCheck'>,
  request: TradeRequestParameters,
  retry: MarginCheckRetry,
): Promise<MarginVerdict> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt > retry.retries
    let failed: MarginVerdict
    try {
      const check = await trader.orderCheck(request)
      if (check.retcode === 0) return { kind: 'ok' }
      const why = `order check says ${check.retcode} ${check.comment || retcodeDescription(check.retcode)} (free margin ${check.marginFree})`
      if (!isTransientRetcode(check.retcode))
        return {
          kind: 'refuse',
          reason: check.retcode === TradeRetcode.NoMoney ? 'noMargin' : 'rejected',
          why,
          retcode: check.retcode,
        }
      failed = { kind: 'failed', why: `${why} after ${attempt} tries`, retcode: check.retcode }
    } catch (error) {
      failed = { kind: 'failed', why: `order check failed: ${messageOf(error)}` }
      if (isInputError(error)) return failed
    }
    if (last) return failed
    await retry.sleep(backoffMs(attempt, retry.backoffBaseMs))
  }
}
