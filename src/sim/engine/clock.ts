/** Injectable time source of the simulator. Times are server time in milliseconds since 1970 (UTC). */
export interface Clock {
  /** Current server time in ms. */
  now(): number
}

/** A clock that only moves when told to: deterministic tests. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` (≥ 0) and returns the new time. */
  advance(ms: number): number
  /** Sets the clock to `ms` (may go backwards; the engine does not rely on monotonicity). */
  set(ms: number): void
}

/** Creates a manual clock starting at `startMs` (default 2026-01-07T00:00:00Z, a Wednesday). */
export function createManualClock(startMs = Date.UTC(2026, 0, 7)): ManualClock {
  let t = startMs
  return {
    now: () => t,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`advance: ms must be ≥ 0, got ${ms}`)
      t += ms
      return t
    },
    set(ms) {
      t = ms
    },
  }
}

/** The wall clock (`Date.now()`). */
export const realClock: Clock = { now: () => Date.now() }

/** True when the clock can be advanced manually. */
export function isManualClock(clock: Clock): clock is ManualClock {
  return typeof (clock as Partial<ManualClock>).advance === 'function'
}
