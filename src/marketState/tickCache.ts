/**
 * Bounded per-symbol tick history: one fixed-capacity ring buffer per symbol and, optionally, a
 * least-recently-updated eviction across symbols. Memory is bounded by `capacity × maxSymbols`
 * ticks per cache and by the process-wide tick limit (`tickBudget.ts`) across all caches.
 *
 * A ring keeps its ticks as rows of one Float64Array (48 bytes per tick) rather than the `Tick`
 * objects handed to listeners (≈ 155 bytes each, and every one of them retained into the old
 * generation). Reads build fresh `Tick` objects.
 */
import type { Tick } from '../model/types.js'
import { releaseTickSlots, takeTickSlots } from './tickBudget.js'

/** Options of {@link TickCache}. */
export interface TickCacheOptions {
  /** Ticks kept per symbol (≥ 1). */
  capacity: number
  /** Symbols kept; the least recently updated one is evicted beyond this. 0 = unlimited (default). */
  maxSymbols?: number
}

/** Largest symbol id whose ring is also found by id (the id index holds at most 32 KB). */
const MAX_INDEXED_ID = 4095

/** Slots of a new ring; rings double up to their capacity as ticks arrive. */
const INITIAL_SLOTS = 8

/** Budget slots held by live rings, returned when a cache is collected without being cleared. */
const released = new FinalizationRegistry<{ slots: number }>((held) => releaseTickSlots(held.slots))

/**
 * Doubles per slot: time ms, bid, ask, last, volume (lots), and `fields × 2^16 + flags` (exact: at
 * most 2^48). One row per tick, 48 bytes, instead of three columns: a push writes one or two cache
 * lines, not three lines on three pages. A process keeping 1,000,000 ticks (46 MB) misses the CPU
 * cache on every write, which made the columns the largest cost of a tick (issue #12).
 */
const ROW = 6

/** 2^16: `fields` sits above the 16 bits of `flags` in the last double of a row. */
const FLAGS_SPAN = 65_536

export class TickRing {
  #rows: Float64Array
  #slots: number
  #size = 0
  #head = 0
  /** When the ring was last pushed to (the cache's update counter). */
  updated = 0
  /** Cleared when its cache forgets it: a ring kept elsewhere (a carry's `ring`) is then not written to. */
  live = true

  constructor(
    /** The cache holding this ring. */
    readonly owner: TickCache,
    readonly symbol: string,
    readonly symbolId: number,
    readonly capacity: number,
    /** Budget slots of the cache, updated as the ring grows. */
    readonly held: { slots: number },
  ) {
    // One slot always (outside the budget): the latest tick of a symbol is kept.
    this.#slots = 1 + takeTickSlots(Math.min(capacity, INITIAL_SLOTS) - 1)
    held.slots += this.#slots - 1
    this.#rows = new Float64Array(this.#slots * ROW)
  }

  get size(): number {
    return this.#size
  }

  /** Budget slots this ring holds. */
  get budgetSlots(): number {
    return this.#slots - 1
  }

  push(
    timeMs: number,
    bid: number,
    ask: number,
    last: number,
    volume: number,
    fields: number,
    flags: number,
  ): void {
    if (this.#size === this.#slots && this.#slots < this.capacity) this.#grow()
    let slot: number
    if (this.#size < this.#slots) slot = this.#size++
    else {
      slot = this.#head
      // No `%` per tick (an integer division).
      this.#head = slot + 1 === this.#slots ? 0 : slot + 1
    }
    const n = slot * ROW
    const rows = this.#rows
    rows[n] = timeMs
    rows[n + 1] = bid
    rows[n + 2] = ask
    rows[n + 3] = last
    rows[n + 4] = volume
    // Truncated as the u32 / u16 columns did (wire values already fit).
    rows[n + 5] = (fields >>> 0) * FLAGS_SPAN + (flags & 0xffff)
  }

  /** Doubles the slots (within capacity and the process budget); the ring is full and in order from `head`. */
  #grow(): void {
    const more = takeTickSlots(Math.min(this.capacity, this.#slots * 2) - this.#slots)
    if (more === 0) return
    const slots = this.#slots + more
    const rows = new Float64Array(slots * ROW)
    // Full, so the order is [head, slots) then [0, head): two block copies (one subarray per tick
    // made growing the largest cost of a young ring, issue #12).
    const head = this.#head
    rows.set(this.#rows.subarray(head * ROW), 0)
    rows.set(this.#rows.subarray(0, head * ROW), (this.#slots - head) * ROW)
    this.#rows = rows
    this.#head = 0
    this.#slots = slots
    this.held.slots += more
  }

  /** Time of the i-th oldest tick. */
  timeAt(i: number): number {
    return this.#rows[((this.#head + i) % this.#slots) * ROW]!
  }

  /** The i-th oldest tick, as a fresh object. */
  at(i: number): Tick {
    const n = ((this.#head + i) % this.#slots) * ROW
    const rows = this.#rows
    const packed = rows[n + 5]!
    return {
      symbol: this.symbol,
      symbolId: this.symbolId,
      timeMs: rows[n]!,
      bid: rows[n + 1]!,
      ask: rows[n + 2]!,
      last: rows[n + 3]!,
      volume: rows[n + 4]!,
      fields: Math.floor(packed / FLAGS_SPAN),
      flags: packed % FLAGS_SPAN,
    }
  }

  last(): Tick | undefined {
    return this.#size === 0 ? undefined : this.at(this.#size - 1)
  }
}

/** Per-symbol ring buffers of ticks, keyed by symbol name. */
export class TickCache {
  readonly capacity: number
  readonly maxSymbols: number
  readonly #rings = new Map<string, TickRing>()
  /**
   * The rings again, by symbol id (ids up to {@link MAX_INDEXED_ID}): `push` reads an array slot
   * per tick instead of hashing the name. A slot is used only when its ring has the tick's name.
   */
  #byId: (TickRing | undefined)[] = []
  /** Update counter: a ring's `updated` is the value at its latest push. */
  #clock = 0
  /** Budget slots held by this cache's rings (shared with the finalizer). */
  readonly #held = { slots: 0 }

  constructor(options: TickCacheOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`tick cache capacity must be a positive integer, got ${options.capacity}`)
    }
    this.capacity = options.capacity
    this.maxSymbols = options.maxSymbols ?? 0
    released.register(this, this.#held)
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
    this.pushValues(
      undefined,
      tick.symbolId,
      tick.symbol,
      tick.timeMs,
      tick.bid,
      tick.ask,
      tick.last,
      tick.volume,
      tick.fields,
      tick.flags,
    )
  }

  /**
   * {@link push} of a tick given by its values (the cmd 8 path builds no `Tick` nobody listens to).
   * Returns the ring written to; a caller that keeps it passes it back as `known` with the symbol's
   * next tick, which then goes straight to it while it is still this cache's ring of that name
   * (not evicted, cleared or renamed): no lookup per tick.
   */
  pushValues(
    known: TickRing | undefined,
    id: number,
    symbol: string,
    timeMs: number,
    bid: number,
    ask: number,
    last: number,
    volume: number,
    fields: number,
    flags: number,
  ): TickRing {
    // Recency is an update counter on the ring, not the map's insertion order: no map delete + set
    // per tick (hot path); the least recently updated symbol is searched only on eviction.
    let ring = known?.live && known.owner === this && known.symbol === symbol ? known : this.#byId[id]
    if (ring === undefined || ring.symbol !== symbol) {
      ring = this.#rings.get(symbol)
      // Only under its own id, so `delete` finds the slot to empty (a renumbered symbol keeps
      // the name lookup).
      if (ring !== undefined && ring.symbolId === id) this.#index(id, ring)
    }
    if (ring) {
      ring.updated = ++this.#clock
      ring.push(timeMs, bid, ask, last, volume, fields, flags)
      return ring
    }
    const fresh = new TickRing(this, symbol, id, this.capacity, this.#held)
    fresh.updated = ++this.#clock
    fresh.push(timeMs, bid, ask, last, volume, fields, flags)
    this.#rings.set(symbol, fresh)
    this.#index(id, fresh)
    if (this.maxSymbols > 0 && this.#rings.size > this.maxSymbols) {
      let oldest: string | undefined
      let oldestUpdated = Infinity
      for (const [symbol, r] of this.#rings) {
        if (r.updated < oldestUpdated) {
          oldest = symbol
          oldestUpdated = r.updated
        }
      }
      if (oldest !== undefined) this.delete(oldest)
    }
    return fresh
  }

  /** Puts `ring` in the id slot `id` (when `id` is a small integer). */
  #index(id: number, ring: TickRing): void {
    if (!Number.isInteger(id) || id < 0 || id > MAX_INDEXED_ID) return
    // Grown slot by slot: a packed array, never a sparse dictionary.
    const byId = this.#byId
    while (byId.length <= id) byId.push(undefined)
    byId[id] = ring
  }

  /** The most recent tick of `symbol` (a fresh object). */
  last(symbol: string): Tick | undefined {
    return this.#rings.get(symbol)?.last()
  }

  /** Up to `count` ticks with `timeMs ≥ fromMs`, oldest first. */
  from(symbol: string, fromMs: number, count: number): Tick[] {
    const ring = this.#rings.get(symbol)
    const out: Tick[] = []
    if (!ring || count <= 0) return out
    for (let i = 0; i < ring.size && out.length < count; i++) {
      if (ring.timeAt(i) >= fromMs) out.push(ring.at(i))
    }
    return out
  }

  /** Ticks with `fromMs ≤ timeMs ≤ toMs`, oldest first. */
  range(symbol: string, fromMs: number, toMs: number): Tick[] {
    const ring = this.#rings.get(symbol)
    const out: Tick[] = []
    if (!ring) return out
    for (let i = 0; i < ring.size; i++) {
      const timeMs = ring.timeAt(i)
      if (timeMs >= fromMs && timeMs <= toMs) out.push(ring.at(i))
    }
    return out
  }

  /** Forgets one symbol's ticks (and returns its slots to the process budget). */
  delete(symbol: string): boolean {
    const ring = this.#rings.get(symbol)
    if (!ring) return false
    this.#rings.delete(symbol)
    ring.live = false
    if (this.#byId[ring.symbolId] === ring) this.#byId[ring.symbolId] = undefined
    this.#held.slots -= ring.budgetSlots
    releaseTickSlots(ring.budgetSlots)
    return true
  }

  /** Forgets everything. */
  clear(): void {
    for (const symbol of [...this.#rings.keys()]) this.delete(symbol)
  }
}
