/**
 * A write-through cache over a {@link Store}: the planner reads links, counters, refusals and orphan
 * checks from memory on every push (no database read on the hot path); every commit goes to the
 * store first and is mirrored in memory only once it is durable.
 */
import type { Link, Refusal } from '../plan/types.js'
import { linkKey } from '../plan/types.js'
import type { RefusalRecord, Store, StoreChange } from './store.js'

/** The planner's view of the state, kept in memory. */
export interface CachedState {
  links: Map<string, Link>
  orphanCounters: Map<string, number>
  refusals: Map<string, Refusal & { detail: string; atMs: number }>
  lastOrphanCheck: Map<string, number>
}

/** A store whose state is also held in memory. */
export interface CachedStore extends Store {
  readonly state: CachedState
}

/** Loads `store` into memory and wraps it. */
export async function cacheStore(store: Store): Promise<CachedStore> {
  const loaded = await store.load()
  const state: CachedState = {
    links: new Map(loaded.links.map((l) => [linkKey(l.target, l.sourceTicket), l])),
    orphanCounters: new Map(loaded.orphanCounters.map((c) => [linkKey(c.target, c.sourceTicket), c.count])),
    refusals: new Map(loaded.refusals.map((r: RefusalRecord) => [linkKey(r.target, r.sourceTicket), r])),
    lastOrphanCheck: new Map(loaded.lastOrphanCheck),
  }
  const mirror = (c: StoreChange) => {
    for (const l of c.links ?? []) state.links.set(linkKey(l.target, l.sourceTicket), l)
    for (const o of c.orphanCounters ?? []) {
      const key = linkKey(o.target, o.sourceTicket)
      if (o.count > 0) state.orphanCounters.set(key, o.count)
      else state.orphanCounters.delete(key)
    }
    for (const r of c.refusals ?? []) state.refusals.set(linkKey(r.target, r.sourceTicket), r)
    for (const r of c.clearRefusals ?? []) state.refusals.delete(linkKey(r.target, r.sourceTicket))
    for (const k of c.orphanChecks ?? []) state.lastOrphanCheck.set(k.target, k.atMs)
  }
  return {
    state,
    load: () => store.load(),
    async commit(change) {
      const ids = await store.commit(change)
      mirror(change)
      return ids
    },
    openIntents: () => store.openIntents(),
    recentActions: (limit) => store.recentActions(limit),
    schemaVersion: () => store.schemaVersion(),
    close: () => store.close(),
  }
}
