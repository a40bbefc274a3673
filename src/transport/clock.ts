/** Time source and timers, injectable so tests can drive time by hand. */
export interface Clock {
  /** Milliseconds, monotonic enough for intervals. */
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** The real clock (`performance.now()` where available, global timers). */
export const systemClock: Clock = {
  now: () => (typeof performance === 'undefined' ? Date.now() : performance.now()),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
}
