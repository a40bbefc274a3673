/**
 * The desired subscription set of cmd 7 (ticks) or cmd 22 (books). Both commands REPLACE the
 * server's set, so the client always sends the union of everything subscribed. Ids are reference
 * counted: each `Unsubscribe` handle releases exactly what it added, and an explicit
 * `remove(ids)` drops ids whatever their count.
 */

/** Reference-counted set of symbol ids. */
export class SubscriptionSet {
  readonly #counts = new Map<number, number>()

  /** Adds one reference per id; returns true when the union changed. */
  add(ids: Iterable<number>): boolean {
    let changed = false
    for (const id of ids) {
      const n = this.#counts.get(id) ?? 0
      if (n === 0) changed = true
      this.#counts.set(id, n + 1)
    }
    return changed
  }

  /** Drops one reference per id (a handle's unsubscribe); returns true when the union changed. */
  release(ids: Iterable<number>): boolean {
    let changed = false
    for (const id of ids) {
      const n = this.#counts.get(id)
      if (n === undefined) continue
      if (n <= 1) {
        this.#counts.delete(id)
        changed = true
      } else {
        this.#counts.set(id, n - 1)
      }
    }
    return changed
  }

  /** Removes ids entirely; returns true when the union changed. */
  remove(ids: Iterable<number>): boolean {
    let changed = false
    for (const id of ids) if (this.#counts.delete(id)) changed = true
    return changed
  }

  /** Removes every id. */
  clear(): boolean {
    const changed = this.#counts.size > 0
    this.#counts.clear()
    return changed
  }

  has(id: number): boolean {
    return this.#counts.has(id)
  }

  get size(): number {
    return this.#counts.size
  }

  /** The union, sorted ascending (what cmd 7 / cmd 22 sends). */
  ids(): number[] {
    return [...this.#counts.keys()].sort((a, b) => a - b)
  }
}
