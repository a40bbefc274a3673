/**
 * Symbol list cache: name ↔ id ↔ {@link SymbolInfo}, with an optional lifetime. `ttlMs` 0 means the
 * list never expires until {@link SymbolCache.invalidate}. The clock is injectable for tests.
 */
import type { SymbolInfo } from '../model/types.js'

/** Name/id maps of the symbol list. */
export class SymbolCache {
  readonly #byName = new Map<string, SymbolInfo>()
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
    for (const info of list) {
      this.#byName.set(info.name, info)
      this.#byId.set(info.id, info)
    }
    this.#loadedAtMs = this.now()
  }

  byName(name: string): SymbolInfo | undefined {
    return this.#byName.get(name)
  }

  byId(id: number): SymbolInfo | undefined {
    return this.#byId.get(id)
  }

  /**
   * Updates the cached symbol with id `id` (a cmd 13 push): returns the merged entry, or `undefined`
   * when the id is not in the list (nothing is added). A renamed symbol keeps its list position.
   */
  merge(id: number, patch: Partial<Omit<SymbolInfo, 'id'>>): SymbolInfo | undefined {
    const previous = this.#byId.get(id)
    if (!previous) return undefined
    const next: SymbolInfo = { ...previous, ...patch, id }
    this.#byId.set(id, next)
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
