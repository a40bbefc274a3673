/**
 * Bounded per-symbol tick history: one fixed-capacity ring buffer per symbol and, optionally, a
 * least-recently-updated eviction across symbols. Memory is bounded by
 * `capacity × maxSymbols` ticks (rings grow lazily up to `capacity`).
 */
import type { Tick } from '../model/types.js'

/** Options of {@link TickCache}. */
export interface TickCacheOptions {
  /** Ticks kept per symbol (≥ 1). */
  capacity: number
  /** Symbols kept; the least recently updated one is evicted beyond this. 0 = unlimited (default). */
  maxSymbols?: number
}

class TickRing {
  readonly #items: Tick[] = []
  #head = 0
  /** When the ring was last pushed to (the cache's update counter). */
  updated = 0
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#items.length
  }

  push(tick: Tick): void {
    if (this.#items.length < this.capacity) {
      this.#items.push(tick)
      return
    }
    this.#items[this.#head] = tick
    this.#head = (this.#head + 1) % this.capacity
  }

  /** i-th oldest tick. */
  at(i: number): Tick {
    return this.#items[(this.#head + i) % this.#items.length]!
  }

  last(): Tick | undefined {
    const n = this.#items.length
    return n === 0 ? undefined : this.at(n - 1)
  }
}

/** Per-symbol ring buffers of ticks, keyed by symbol name. */
export class TickCache {
  readonly capacity: number
  readonly maxSymbols: number
  readonly #rings = new Map<string, TickRing>()
  /** Update counter: a ring's `updated` is the value at its latest push. */
  #clock = 0

  constructor(options: TickCacheOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`tick cache capacity must be a positive integer, got ${options.capacity}`)
    }
    this.capacity = options.capacity
    this.maxSymbols = options.maxSymbols ?? 0
  }

  /** Number of symbols with cached ticks. */
  get symbolCount(): number {
    return this.#rings.size
  }

  /** Symbols with cached ticks, least recently updated first. */
  symbols(): string[] {
    return [...this.#rings.entries()].sort((a, b) => a[1].updated - b[1].updated).map(([symbol]) => symbol)
  }

  /** Ticks cached over every symbol. */
  get tickCount(): number {
    let n = 0
    for (const ring of this.#rings.values()) n += ring.size
    return n
  }

  /** Ticks cached for `symbol`. */
  count(symbol: string): number {
    return this.#rings.get(symbol)?.size ?? 0
  }

  /** Appends a tick (overwriting the oldest one of a full ring) and marks its symbol most recent. */
  push(tick: Tick): void {
    // Recency is an update counter on the ring, not the map's insertion order: no map delete + set
    // per tick (hot path); the least recently updated symbol is searched only on eviction.
    const ring = this.#rings.get(tick.symbol)
    if (ring) {
      ring.updated = ++this.#clock
      ring.push(tick)
      return
    }
    const fresh = new TickRing(this.capacity)
    fresh.updated = ++this.#clock
    fresh.push(tick)
    this.#rings.set(tick.symbol, fresh)
    if (this.maxSymbols > 0 && this.#rings.size > this.maxSymbols) {
      let oldest: string | undefined
      let oldestUpdated = Infinity
      for (const [symbol, r] of this.#rings) {
        if (r.updated < oldestUpdated) {
          oldest = symbol
          oldestUpdated = r.updated
        }
      }
      if (oldest !== undefined) this.#rings.delete(oldest)
    }
  }

  /** The most recent tick of `symbol`. */
  last(symbol: string): Tick | undefined {
    return this.#rings.get(symbol)?.last()
  }

  /** Up to `count` ticks with `timeMs ≥ fromMs`, oldest first. */
  from(symbol: string, fromMs: number, count: number): Tick[] {
    const ring = this.#rings.get(symbol)
    const out: Tick[] = []
    if (!ring || count <= 0) return out
    for (let i = 0; i < ring.size && out.length < count; i++) {
      const tick = ring.at(i)
      if (tick.timeMs >= fromMs) out.push(tick)
    }
    return out
  }

  /** Ticks with `fromMs ≤ timeMs ≤ toMs`, oldest first. */
  range(symbol: string, fromMs: number, toMs: number): Tick[] {
    const ring = this.#rings.get(symbol)
    const out: Tick[] = []
    if (!ring) return out
    for (let i = 0; i < ring.size; i++) {
      const tick = ring.at(i)
      if (tick.timeMs >= fromMs && tick.timeMs <= toMs) out.push(tick)
    }
    return out
  }

  /** Forgets one symbol's ticks. */
  delete(symbol: string): boolean {
    return this.#rings.delete(symbol)
  }

  /** Forgets everything. */
  clear(): void {
    this.#rings.clear()
  }
}
