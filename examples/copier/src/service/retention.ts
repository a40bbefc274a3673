/**
 * Retention of the state's history (`state.historyDays`): settled intents and action lines older
 * than that are deleted at start and then every {@link PRUNE_EVERY_MS}, so a copier that runs for
 * months keeps a bounded database. Deletion goes in batches of {@link PRUNE_BATCH} rows per table,
 * one transaction each, with a turn of the event loop between two: a decision (a push, its commit)
 * waits behind one small batch at most, never behind a long delete. Links, orphan counters and
 * refusals are state (they follow the live orders), not history: they are never pruned here.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Pruned, Store } from '../state/store.js'

/** Rows deleted per table and transaction. */
export const PRUNE_BATCH = 1_000
/** How often the running service prunes. */
export const PRUNE_EVERY_MS = 3_600_000
const DAY_MS = 86_400_000

/** Options of {@link pruneHistory}. */
export interface PruneOptions {
  historyDays: number
  now: () => number
  batch?: number
  /** Stops between two batches (the copier closing). */
  stopped?: () => boolean
}

/** Deletes the history older than `historyDays`, batch after batch; returns what was deleted. */
export async function pruneHistory(store: Store, options: PruneOptions): Promise<Pruned> {
  const limit = options.batch ?? PRUNE_BATCH
  const before = options.now() - options.historyDays * DAY_MS
  const total: Pruned = { intents: 0, actions: 0 }
  while (options.stopped?.() !== true) {
    const n = await store.prune(before, limit)
    total.intents += n.intents
    total.actions += n.actions
    if (n.intents < limit && n.actions < limit) break
    // let the decisions queued meanwhile run before the next batch
    await nextTurn()
  }
  return total
}

/** Options of {@link startPruning}. */
export interface PruningOptions extends PruneOptions {
  everyMs?: number
  onPruned?: (pruned: Pruned) => void
  onError: (error: unknown) => void
}

/** A running pruner. */
export interface Pruning {
  /** Stops the timer and resolves once the batch in flight (if any) is done. */
  stop(): Promise<void>
}

/** Prunes now, then every `everyMs`; a failed run is reported and the next one tries again. */
export function startPruning(store: Store, options: PruningOptions): Pruning {
  let stopped = false
  let running: Promise<void> | undefined
  const run = () => {
    if (stopped || running) return
    running = pruneHistory(store, { ...options, stopped: () => stopped })
      .then((pruned) => {
        if (pruned.intents + pruned.actions > 0) options.onPruned?.(pruned)
      }, options.onError)
      .finally(() => {
        running = undefined
      })
  }
  run()
  const timer = setInterval(run, options.everyMs ?? PRUNE_EVERY_MS)
  timer.unref()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
