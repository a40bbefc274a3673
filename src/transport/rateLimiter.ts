/**
 * Token bucket applied to every frame sent (docs/architecture.md#rate-limit): capacity `burst`, starts full,
 * refills continuously at `ratePerSecond`. Sending takes one token; with fewer than one token the
 * sender waits `(1 − tokens) / ratePerSecond` seconds. Waiters are served strictly in arrival
 * order (FIFO) and each wait can be cancelled with an `AbortSignal`.
 */
import { AbortedError, ValidationError } from '../errors.js'
import { type Clock, systemClock } from './clock.js'

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Tokens per second; 0 disables the limiter. */
  ratePerSecond: number
  /** Bucket capacity; default `max(1, ceil(ratePerSecond))`. */
  burst?: number
  /** Time source, for tests. */
  clock?: Clock
}

/** A token bucket. */
export interface RateLimiter {
  /** Resolves when a token is taken; rejects with `AbortedError` if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>
  /** Tokens available now (refilled up to the current time). */
  readonly tokens: number
  /** Callers waiting for a token. */
  readonly waiting: number
}

interface Waiter {
  resolve(): void
  reject(error: unknown): void
  signal: AbortSignal | undefined
  onAbort: (() => void) | undefined
}

/** A limiter that never waits (the default: rate limiting is off). */
export const unlimited: RateLimiter = {
  acquire(signal) {
    if (signal?.aborted) return Promise.reject(abortError(signal))
    return Promise.resolve()
  },
  tokens: Number.POSITIVE_INFINITY,
  waiting: 0,
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error && signal.reason.name !== 'AbortError'
    ? signal.reason
    : new AbortedError('rate limiter wait aborted', { cause: signal.reason })
}

/** Creates a token bucket, or {@link unlimited} when `ratePerSecond` is 0. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const rate = options.ratePerSecond
  if (!(Number.isFinite(rate) && rate >= 0)) {
    throw new ValidationError('ratePerSecond must be a finite number ≥ 0', {
      field: 'ratePerSecond',
      value: rate,
    })
  }
  if (rate === 0) return unlimited
  const burst = options.burst ?? Math.max(1, Math.ceil(rate))
  if (!(Number.isFinite(burst) && burst >= 1)) {
    throw new ValidationError('burst must be a finite number ≥ 1', { field: 'burst', value: burst })
  }
  const clock = options.clock ?? systemClock
  let tokens = burst
  let last = clock.now()
  const queue: Waiter[] = []
  let timer: unknown
  let timerSet = false

  function refill(): void {
    const now = clock.now()
    if (now > last) {
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate)
      last = now
    }
  }

  function detach(waiter: Waiter): void {
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
  }

  function pump(): void {
    if (timerSet) {
      clock.clearTimeout(timer)
      timerSet = false
    }
    refill()
    while (queue.length > 0 && tokens >= 1) {
      tokens -= 1
      const waiter = queue.shift()!
      detach(waiter)
      waiter.resolve()
    }
    if (queue.length > 0) {
      const waitMs = Math.max(1, Math.ceil(((1 - tokens) / rate) * 1000))
      timerSet = true
      timer = clock.setTimeout(() => {
        timerSet = false
        pump()
      }, waitMs)
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortError(signal))
      refill()
      if (queue.length === 0 && tokens >= 1) {
        tokens -= 1
        return Promise.resolve()
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject, signal, onAbort: undefined }
        if (signal) {
          waiter.onAbort = () => {
            const index = queue.indexOf(waiter)
            if (index < 0) return
            queue.splice(index, 1)
            detach(waiter)
            reject(abortError(signal))
            // The head may have left: recompute the wait for the new head.
            if (index === 0) pump()
          }
          signal.addEventListener('abort', waiter.onAbort, { once: true })
        }
        queue.push(waiter)
        if (queue.length === 1) pump()
      })
    },
    get tokens() {
      refill()
      return tokens
    },
    get waiting() {
      return queue.length
    },
  }
}
