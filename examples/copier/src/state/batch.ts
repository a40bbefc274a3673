/**
 * Group commit: the changes handed in during one turn of the event loop are written in ONE
 * transaction (each one whole, in order). The outcomes of a decision's requests arrive together —
 * a hundred targets answer within a millisecond — and one transaction per outcome was the largest
 * cost after a push (a WAL write per commit). Each caller still waits until its change is durable.
 *
 * For changes that must be durable before anything else happens (an intent before its request is
 * sent), call the store directly.
 */
import type { StoreChange } from './store.js'

/** A commit function (`Store.commit`). */
type Commit = (change: StoreChange) => Promise<number[]>

interface Waiting {
  change: StoreChange
  resolve: (ids: number[]) => void
  reject: (error: unknown) => void
}

/** Changes to write in one transaction, with the refusal keys they set and clear. */
interface Batch {
  waiting: Waiting[]
  set: Set<string>
  cleared: Set<string>
}

const keysOf = (change: StoreChange, list: 'refusals' | 'clearRefusals'): string[] =>
  (change[list] ?? []).map((r) => `${r.target}\u0000${r.sourceTicket}`)

/**
 * Adds `waiting` to `batch` unless it would be written out of order: the merged transaction writes
 * all refusals before all clears, so a refusal set after a clear of the same key (or the reverse)
 * starts a new batch.
 */
function add(batch: Batch, waiting: Waiting): boolean {
  const set = keysOf(waiting.change, 'refusals')
  const cleared = keysOf(waiting.change, 'clearRefusals')
  if (set.some((k) => batch.cleared.has(k)) || cleared.some((k) => batch.set.has(k))) return false
  for (const k of set) batch.set.add(k)
  for (const k of cleared) batch.cleared.add(k)
  batch.waiting.push(waiting)
  return true
}

function merge(batch: readonly Waiting[]): StoreChange {
  const all = <K extends keyof StoreChange>(key: K) => batch.flatMap((w) => (w.change[key] ?? []) as never[])
  return {
    openIntents: all('openIntents'),
    closeIntents: all('closeIntents'),
    links: all('links'),
    orphanCounters: all('orphanCounters'),
    refusals: all('refusals'),
    clearRefusals: all('clearRefusals'),
    orphanChecks: all('orphanChecks'),
    actions: all('actions'),
  }
}

/** A commit function that groups the changes of one event-loop turn into one transaction of `commit`. */
export function batchCommits(commit: Commit): Commit {
  const batches: Batch[] = []
  /** A flush is scheduled or running: it takes every batch queued until none is left. */
  let scheduled = false

  async function flush(): Promise<void> {
    // batches are written one after the other, in order (never two transactions at once)
    for (let next = batches.shift(); next !== undefined; next = batches.shift()) {
      const batch = next.waiting
      try {
        const ids = await commit(batch.length === 1 ? (batch[0] as Waiting).change : merge(batch))
        let at = 0
        for (const w of batch) {
          const n = w.change.openIntents?.length ?? 0
          w.resolve(ids.slice(at, at + n))
          at += n
        }
      } catch (error) {
        for (const w of batch) w.reject(error)
      }
    }
    scheduled = false
  }

  return (change) =>
    new Promise<number[]>((resolve, reject) => {
      const last = batches.at(-1)
      const waiting = { change, resolve, reject }
      if (last === undefined || !add(last, waiting)) {
        const batch: Batch = { waiting: [], set: new Set(), cleared: new Set() }
        add(batch, waiting)
        batches.push(batch)
      }
      if (!scheduled) {
        scheduled = true
        setImmediate(() => void flush())
      }
    })
}
