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
  /**
   * Source tickets with a link on some target: a push about a source order none has (a new one)
   * skips every per-target link lookup.
   */
  linkedSources: Set<bigint>
}

/** A store whose state is also held in memory. */
export interface CachedStore extends Store {
  readonly state: CachedState
  /**
   * Reads the state of `targets` again from the store (a fleet copier that takes a target over: its
   * previous owner wrote it), leaving the other targets' entries as they are.
   */
  refresh(targets: readonly string[]): Promise<void>
}

/** Loads `store` into memory and wraps it. */
export async function cacheStore(store: Store): Promise<CachedStore> {
  const loaded = await store.load()
  const state: CachedState = {
    links: new Map(loaded.links.map((l) => [linkKey(l.target, l.sourceTicket), l])),
    orphanCounters: new Map(loaded.orphanCounters.map((c) => [linkKey(c.target, c.sourceTicket), c.count])),
    refusals: new Map(loaded.refusals.map((r: RefusalRecord) => [linkKey(r.target, r.sourceTicket), r])),
    lastOrphanCheck: new Map(loaded.lastOrphanCheck),
    linkedSources: new Set(loaded.links.map((l) => l.sourceTicket)),
  }
  const mirror = (c: StoreChange) => {
    for (const l of c.links ?? []) {
      state.links.set(linkKey(l.target, l.sourceTicket), l)
      state.linkedSources.add(l.sourceTicket)
    }
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
    async refresh(targets) {
      const ids = new Set(targets)
      const fresh = await store.load()
      // keys are linkKey(target, ticket): the target, NUL, the ticket
      const mine = (key: string) => ids.has(key.slice(0, key.lastIndexOf('\u0000')))
      for (const m of [state.links, state.orphanCounters, state.refusals])
        for (const key of m.keys()) if (mine(key)) m.delete(key)
      for (const id of ids) state.lastOrphanCheck.delete(id)
      state.linkedSources.clear()
      for (const l of state.links.values()) state.linkedSources.add(l.sourceTicket)
      mirror({
        links: fresh.links.filter((l) => ids.has(l.target)),
        orphanCounters: fresh.orphanCounters.filter((o) => ids.has(o.target)),
        refusals: fresh.refusals.filter((r) => ids.has(r.target)),
        orphanChecks: [...fresh.lastOrphanCheck]
          .filter(([target]) => ids.has(target))
          .map(([target, atMs]) => ({ target, atMs })),
      })
    },
    load: () => store.load(),
    async commit(change) {
      const ids = await store.commit(change)
      mirror(change)
      return ids
    },
    ...(store.commitSync
      ? {
          commitSync(change: StoreChange) {
            const ids = (store.commitSync as (c: StoreChange) => number[])(change)
            mirror(change)
            return ids
          },
        }
      : {}),
    openIntents: () => store.openIntents(),
    recentActions: (limit) => store.recentActions(limit),
    prune: (beforeMs, limit) => store.prune(beforeMs, limit),
    schemaVersion: () => store.schemaVersion(),
    close: () => store.close(),
  }
}
