/**
 * Young-generation collections between source changes instead of during one (issue #14).
 *
 * A copier is idle almost all the time and then busy for a few milliseconds per source change. V8
 * collects its young generation when it is full, so sooner or later the push path itself pays the
 * collection (a pause of 1–3 ms on a quiet machine, tens of ms when the 2 cores are shared, and its
 * parallel helper threads compete with PostgreSQL for the cores), and that is the slow sample of
 * the p99. The copier reports each action it records ({@link IdleGc.activity}: the last step of a
 * change, after its requests were sent); `quietMs` after the last one, the change and its follow-up
 * are over, and the young generation is collected then, so the next change starts with an empty
 * young generation and its allocation (a few hundred KB) fits without a collection. Changes closer
 * together than `quietMs` postpone the collection: a busy copier is left to V8's own scheduling.
 *
 * (Watching the event loop's idleness instead does not work: a change spends most of its time
 * waiting for PostgreSQL with the loop idle, and the fleet benchmark caught such a collection made
 * during a commit; an absolute bound on the loop's busy time missed nearly every idle moment on a
 * loaded machine, where the sessions' housekeeping alone passes it.)
 *
 * It needs V8's `gc` function: the one of `node --expose-gc` when given, else exposed at start
 * (`v8.setFlagsFromString('--expose-gc')`, then read from a fresh context, as the `expose-gc`
 * package does); where neither works, {@link startIdleGc} returns undefined and V8 alone decides.
 */
import { performance } from 'node:perf_hooks'
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** V8's `gc`, with the options of Node 20's V8 (11.3). */
type GcFunction = (options?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void

/** Options of {@link startIdleGc}. */
export interface IdleGcOptions {
  /** Collect this long after the last {@link IdleGc.activity}, ms (default 10). */
  quietMs?: number
  /** Collect only when the young generation holds at least this many bytes (default 256 KiB). */
  minBytes?: number
}

/** A running idle collector. */
export interface IdleGc {
  /** Work was done (the copier recorded an action): collect once `quietMs` pass without more. */
  activity(): void
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
 * Starts collecting the young generation after each burst of activity; undefined when V8's `gc`
 * cannot be reached. Its timer does not keep the process alive.
 */
export function startIdleGc(options: IdleGcOptions = {}): IdleGc | undefined {
  const gc = gcFunction()
  if (!gc) return undefined
  const quietMs = options.quietMs ?? 10
  const minBytes = options.minBytes ?? 256 * 1024
  let collections = 0
  let ms = 0
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const collect = () => {
    timer = undefined
    if (youngGenerationBytes() < minBytes) return
    const start = performance.now()
    gc({ type: 'minor' })
    ms += performance.now() - start
    collections++
  }
  return {
    activity() {
      if (stopped) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(collect, quietMs)
      timer.unref()
    },
    stats: () => ({ collections, ms }),
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
