/**
 * Symbol list cache: name ↔ id ↔ {@link SymbolInfo}, with an optional lifetime. `ttlMs` 0 means the
 * list never expires until {@link SymbolCache.invalidate}. The clock is injectable for tests.
 */
import type { SymbolInfo } from '../model/types.js'

/**
 * Ids below this (and below twice the list size plus 1,024) are looked up in an array: every tick
 * of a push looks its symbol up by id, and an array index is cheaper than a Map lookup. Real
 * servers number their symbols densely from 0; other ids go to a Map, so the array stays in
 * proportion to the list.
 */
const MAX_INDEXED_ID = 65_535

/** Name/id maps of the symbol list. */
export class SymbolCache {
  readonly #byName = new Map<string, SymbolInfo>()
  /** Symbols by id, for ids `< #indexed.length`; a slot of another id is `undefined`. */
  #indexed: (SymbolInfo | undefined)[] = []
  /** Symbols of the ids not in `#indexed`. */
  readonly #byId = new Map<number, SymbolInfo>()
  #loadedAtMs: number | undefined

  constructor(
    readonly ttlMs = 0,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a list is loaded and not expired. */
  get fresh(): boolean {
    if (this.#loadedAtMs === undefined) return false
    return this.ttlMs <= 0 || this.now() - this.#loadedAtMs < this.ttlMs
  }

  /** True when a list was ever loaded and not invalidated (expired lists still answer lookups). */
  get loaded(): boolean {
    return this.#loadedAtMs !== undefined
  }

  get size(): number {
    return this.#byName.size
  }

  /** Replaces the whole list. */
  replace(list: readonly SymbolInfo[]): void {
    this.#byName.clear()
    this.#byId.clear()
    const limit = Math.min(MAX_INDEXED_ID, list.length * 2 + 1024)
    let length = 0
    for (const info of list) {
      this.#byName.set(info.name, info)
      if (isIndexable(info.id, limit)) length = Math.max(length, info.id + 1)
    }
    // Filled slot by slot (not `new Array(n)`): a packed array, never a sparse dictionary.
    const indexed: (SymbolInfo | undefined)[] = []
    for (let i = 0; i < length; i++) indexed.push(undefined)
    for (const info of list) {
      if (isIndexable(info.id, limit)) indexed[info.id] = info
      else this.#byId.set(info.id, info)
    }
    this.#indexed = indexed
    this.#loadedAtMs = this.now()
  }

  byName(name: string): SymbolInfo | undefined {
    return this.#byName.get(name)
  }

  byId(id: number): SymbolInfo | undefined {
    // A negative or fractional id reads no array slot (`undefined`) and misses the Map too.
    return this.#indexed[id] ?? (this.#byId.size === 0 ? undefined : this.#byId.get(id))
  }

  #setById(id: number, info: SymbolInfo): void {
    if (this.#indexed[id] !== undefined) this.#indexed[id] = info
    else this.#byId.set(id, info)
  }

  /**
   * Updates the cached symbol with id `id` (a cmd 13 push): returns the merged entry, or `undefined`
   * when the id is not in the list (nothing is added). A renamed symbol keeps its list position.
   */
  merge(id: number, patch: Partial<Omit<SymbolInfo, 'id'>>): SymbolInfo | undefined {
    const previous = this.byId(id)
    if (!previous) return undefined
    const next: SymbolInfo = { ...previous, ...patch, id }
    this.#setById(id, next)
    if (next.name === previous.name) {
      this.#byName.set(next.name, next)
      return next
    }
    const entries = [...this.#byName.entries()].map(([name, info]): [string, SymbolInfo] =>
      name === previous.name ? [next.name, next] : [name, info],
    )
    this.#byName.clear()
    for (const [name, info] of entries) this.#byName.set(name, info)
    return next
  }

  /** Every symbol in list order. */
  list(): SymbolInfo[] {
    return [...this.#byName.values()]
  }

  /** Marks the list stale: the next load refetches it (lookups keep working meanwhile). */
  invalidate(): void {
    this.#loadedAtMs = undefined
  }
}

function isIndexable(id: number, limit: number): boolean {
  return Number.isInteger(id) && id >= 0 && id < limit
}
