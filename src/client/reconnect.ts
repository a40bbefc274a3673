/**
 * Reconnect schedule (docs/architecture.md#heartbeat-and-reconnect): attempt n waits
 * `min(baseDelayMs × 2^(n−1) + uniform(0, baseDelayMs), maxDelayMs)`, cancellable.
 */
import { AbortedError } from '../errors.js'
import type { ReconnectPolicy } from './options.js'

/** Delay before attempt `attempt` (1-based); `random` returns a number in [0, 1). */
export function backoffDelayMs(
  attempt: number,
  policy: ReconnectPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30)
  const delay = policy.baseDelayMs * 2 ** exponent + random() * policy.baseDelayMs
  return Math.round(Math.min(delay, policy.maxDelayMs))
}

/** Waits `ms`, or rejects with `AbortedError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError('wait aborted', { cause: signal.reason }))
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new AbortedError('wait aborted', { cause: signal?.reason }))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
