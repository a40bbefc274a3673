/**
 * Young-generation collections between source changes instead of during one (issue #14).
 *
 * A copier is idle almost all the time and then busy for a few milliseconds per source change. V8
 * collects its young generation when it is full, so sooner or later the push path itself pays the
 * collection (a pause of 1–3 ms on a quiet machine, tens of ms when the 2 cores are shared, and its
 * parallel helper threads compete with PostgreSQL for the cores), and that is the slow sample of
 * the p99. This module looks at the event loop every `intervalMs`: when the loop ran callbacks for
 * less than `busyBelowMs` in all during the last interval (the change and its follow-up are over)
 * and the young generation holds garbage, it collects it then, so the next change starts with an
 * empty young generation and its allocation (a few hundred KB) fits without a collection. A loop
 * that stays busy (many changes a second) is left to V8's own scheduling.
 *
 * The bound is absolute, not a share of the interval: a change spends most of its time waiting for
 * PostgreSQL with the loop idle, so a change in flight can look 98 % idle; but it ran its push
 * handling and plan (0.5 ms and more) in the same interval, which the bound catches.
 *
 * It needs V8's `gc` function: the one of `node --expose-gc` when given, else exposed at start
 * (`v8.setFlagsFromString('--expose-gc')`, then read from a fresh context, as the `expose-gc`
 * package does); where neither works, {@link startIdleGc} returns undefined and V8 alone decides.
 */
import { type EventLoopUtilization, performance } from 'node:perf_hooks'
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** V8's `gc`, with the options of Node 20's V8 (11.3). */
type GcFunction = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void

/** Options of {@link startIdleGc}. */
export interface IdleGcOptions {
  /** How often the loop is looked at, ms (default 100). */
  intervalMs?: number
  /** The loop counts as idle when it ran callbacks for less than this, ms in all, during the interval (default 0.25). */
  busyBelowMs?: number
  /** Collect only when the young generation holds at least this many bytes (default 256 KiB). */
  minBytes?: number
}

/** A running idle collector. */
export interface IdleGc {
  /** Young-generation collections made so far, and their total time in ms. */
  stats(): { collections: number; ms: number }
  stop(): void
}

function gcFunction(): GcFunction | undefined {
  const own = (globalThis as { gc?: unknown }).gc
  if (typeof own === 'function') return own as GcFunction
  try {
    setFlagsFromString('--expose-gc')
    const exposed: unknown = runInNewContext('typeof gc === "function" ? gc : undefined')
    return typeof exposed === 'function' ? (exposed as GcFunction) : undefined
  } catch {
    // a runtime without V8 flags (another engine): V8's own scheduling, reported by the caller
    return undefined
  }
}

/** Bytes in use in the young generation now. */
export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0
}

/**
 * Starts collecting the young generation when the event loop is idle; undefined when V8's `gc`
 * cannot be reached. The timer does not keep the process alive.
 */
export function startIdleGc(options: IdleGcOptions = {}): IdleGc | undefined {
  const gc = gcFunction()
  if (!gc) return undefined
  const intervalMs = options.intervalMs ?? 100
  const busyBelowMs = options.busyBelowMs ?? 0.25
  const minBytes = options.minBytes ?? 256 * 1024
  let collections = 0
  let ms = 0
  let last: EventLoopUtilization = performance.eventLoopUtilization()
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization()
    const busy = performance.eventLoopUtilization(now, last).active
    last = now
    if (busy >= busyBelowMs || youngGenerationBytes() < minBytes) return
    const start = performance.now()
    gc({ type: 'minor' })
    ms += performance.now() - start
    collections++
    // the collection itself is loop time: not counted against the next interval's idleness
    last = performance.eventLoopUtilization()
  }, intervalMs)
  timer.unref()
  return {
    stats: () => ({ collections, ms }),
    stop: () => clearInterval(timer),
  }
}
