/**
 * Turns decoded cmd 8 ticks into user ticks (docs/architecture.md#ticks, official handling): drops stale
 * ticks (bid/ask older than the last applied bid/ask, last older than the last applied last),
 * carries absent or zero values forward from the previous tick of the same symbol, converts the
 * volume to lots. Delayed quotes (`flags & 0x200`) are tracked separately from live ones.
 */
import { type Tick as DecodedTick, TICK_FLAG_DELAYED } from '../codec/messages/ticks.js'
import { unscalePrice } from '../codec/scale.js'
import { toLots } from '../model/lots.js'
import type { Tick } from '../model/types.js'
import type { TickRing } from './tickCache.js'

// Module locals, not the imported bindings: under vitest/tsx every read of an imported binding in
// the per-tick path is a getter call (bench/RESULTS.md, "Codec").
const unscale = unscalePrice
const lots = toLots
const DELAYED = TICK_FLAG_DELAYED
/** 2^53: below it, hi × 2^32 + lo is the exact value of an i64 (same double as `Number(bigint)`). */
const EXACT = 9_007_199_254_740_992

/**
 * The carried values of one symbol (a class: one shape for every carry), and the time, fields and
 * flags of the record applied last: together, the tick that record makes.
 */
export class Carry {
  bid = 0
  ask = 0
  last = 0
  volume = 0
  quoteTimeMs = -Infinity
  lastTimeMs = -Infinity
  timeMs = 0
  fields = 0
  flags = 0
  /**
   * The tick-cache ring this symbol's ticks were last written to (kept by the cmd 8 path, checked
   * before each use: `live`, same cache, same name), so a tick does not look its ring up.
   */
  ring: TickRing | undefined = undefined
}

/**
 * Symbol ids below this keep their carry in an array indexed by id (one array read per tick instead
 * of a Map lookup; servers number symbols densely from 0); larger ids use a Map. The array holds at
 * most this many slots (32 KB).
 */
const MAX_INDEXED_ID = 4095

/** Carries by symbol id: an array for small ids, a Map for the rest. */
class CarryStore {
  #indexed: (Carry | undefined)[] = []
  #other: Map<number, Carry> | undefined

  get(id: number): Carry | undefined {
    return this.#indexed[id] ?? this.#other?.get(id)
  }

  add(id: number): Carry {
    const carry = new Carry()
    if (Number.isInteger(id) && id >= 0 && id <= MAX_INDEXED_ID) {
      // Grown slot by slot, never past an id: a packed array, not a sparse dictionary.
      const indexed = this.#indexed
      while (indexed.length <= id) indexed.push(undefined)
      indexed[id] = carry
    } else {
      this.#other ??= new Map()
      this.#other.set(id, carry)
    }
    return carry
  }

  clear(): void {
    this.#indexed = []
    this.#other = undefined
  }
}

/** Per-symbol carry-forward state. */
export class TickState {
  readonly #live = new CarryStore()
  readonly #delayed = new CarryStore()

  /**
   * The carry of a symbol (created on first use), or `undefined` when a tick with these `fields`
   * at `timeMs` is stale.
   */
  #carry(symbolId: number, delayed: boolean, fields: number, timeMs: number): Carry | undefined {
    const store = delayed ? this.#delayed : this.#live
    let carry = store.get(symbolId)
    if (carry) {
      if (fields & 3 && timeMs < carry.quoteTimeMs) return undefined
      if (fields & 4 && timeMs < carry.lastTimeMs) return undefined
    } else {
      carry = store.add(symbolId)
    }
    if (fields & 3) carry.quoteTimeMs = timeMs
    if (fields & 4) carry.lastTimeMs = timeMs
    return carry
  }

  /** Applies one decoded tick; returns the user tick, or `undefined` when it is stale. */
  apply(decoded: DecodedTick, symbol: string): Tick | undefined {
    const { fields, timeMs } = decoded
    const carry = this.#carry(decoded.symbolId, decoded.delayed, fields, timeMs)
    if (!carry) return undefined
    if (fields & 1 && decoded.bid !== 0) carry.bid = decoded.bid
    if (fields & 2 && decoded.ask !== 0) carry.ask = decoded.ask
    if (fields & 4 && decoded.last !== 0) carry.last = decoded.last
    if (fields & 8) carry.volume = lots(decoded.volume)
    return {
      symbol,
      symbolId: decoded.symbolId,
      timeMs,
      bid: carry.bid,
      ask: carry.ask,
      last: carry.last,
      volume: carry.volume,
      fields,
      flags: decoded.flags,
    }
  }

  /**
   * Applies the 50-byte Tick record at `offset` of `view` (layout in `codec/schemas/tick.ts`)
   * straight from the wire: the same result as `apply(decodeTicks(...)[i], symbol)`, without the
   * intermediate decoded tick. Only flagged, non-stale values are read and unscaled with `digits`.
   * Returns a fresh user tick, or `undefined` when it is stale.
   */
  applyRecord(view: DataView, offset: number, digits: number, symbol: string): Tick | undefined {
    const carry = this.applyRecordToCarry(view, offset, digits)
    return carry === undefined ? undefined : tickOf(carry, symbol, view.getUint32(offset, true))
  }

  /**
   * {@link applyRecord} without the `Tick`: returns the symbol's carry, whose values, `timeMs`,
   * `fields` and `flags` are the tick's (read them before the next record of the symbol), or
   * `undefined` when the record is stale. The cmd 8 path builds a `Tick` only for listeners.
   */
  applyRecordToCarry(view: DataView, offset: number, digits: number): Carry | undefined {
    const fields = view.getUint32(offset + 8, true)
    const flags = view.getUint16(offset + 48, true)
    const timeMs = view.getInt32(offset + 4, true) * 1000 + view.getUint32(offset + 44, true)
    const carry = this.#carry(view.getUint32(offset, true), (flags & DELAYED) !== 0, fields, timeMs)
    if (!carry) return undefined
    if (fields & 1) {
      const bid = unscale(view.getFloat64(offset + 12, true), digits)
      if (bid !== 0) carry.bid = bid
    }
    if (fields & 2) {
      const ask = unscale(view.getFloat64(offset + 20, true), digits)
      if (ask !== 0) carry.ask = ask
    }
    if (fields & 4) {
      const last = unscale(view.getFloat64(offset + 28, true), digits)
      if (last !== 0) carry.last = last
    }
    if (fields & 8) {
      // hi × 2^32 + lo is exact below 2^53 (no bigint needed); beyond it, the lenient conversion.
      const units = view.getInt32(offset + 40, true) * 4_294_967_296 + view.getUint32(offset + 36, true)
      carry.volume = units < EXACT && units > -EXACT ? units / 1e8 : lots(view.getBigInt64(offset + 36, true))
    }
    carry.timeMs = timeMs
    carry.fields = fields
    carry.flags = flags
    return carry
  }

  /** Forgets everything (after a symbol-list reload ids may be reassigned). */
  clear(): void {
    this.#live.clear()
    this.#delayed.clear()
  }
}

/** The user tick of a carry just applied (one object shape for every tick). */
function tickOf(carry: Carry, symbol: string, symbolId: number): Tick {
  return {
    symbol,
    symbolId,
    timeMs: carry.timeMs,
    bid: carry.bid,
    ask: carry.ask,
    last: carry.last,
    volume: carry.volume,
    fields: carry.fields,
    flags: carry.flags,
  }
}
