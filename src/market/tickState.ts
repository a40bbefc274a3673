/**
 * Turns decoded cmd 8 ticks into user ticks (commands.md cmd 8, official handling): drops stale
 * ticks (bid/ask older than the last applied bid/ask, last older than the last applied last),
 * carries absent or zero values forward from the previous tick of the same symbol, converts the
 * volume to lots. Delayed quotes (`flags & 0x200`) are tracked separately from live ones.
 */
import type { Tick as DecodedTick } from '../codec/messages/ticks.js'
import type { Tick } from '../model/types.js'
import { toLots } from './lots.js'

interface Carry {
  bid: number
  ask: number
  last: number
  volume: number
  quoteTimeMs: number
  lastTimeMs: number
}

/** Per-symbol carry-forward state. */
export class TickState {
  readonly #live = new Map<number, Carry>()
  readonly #delayed = new Map<number, Carry>()

  /** Applies one decoded tick; returns the user tick, or `undefined` when it is stale. */
  apply(decoded: DecodedTick, symbol: string): Tick | undefined {
    const store = decoded.delayed ? this.#delayed : this.#live
    let carry = store.get(decoded.symbolId)
    const { fields, timeMs } = decoded
    if (carry) {
      if (fields & 3 && timeMs < carry.quoteTimeMs) return undefined
      if (fields & 4 && timeMs < carry.lastTimeMs) return undefined
    } else {
      carry = { bid: 0, ask: 0, last: 0, volume: 0, quoteTimeMs: -Infinity, lastTimeMs: -Infinity }
      store.set(decoded.symbolId, carry)
    }
    if (fields & 1 && decoded.bid !== 0) carry.bid = decoded.bid
    if (fields & 2 && decoded.ask !== 0) carry.ask = decoded.ask
    if (fields & 4 && decoded.last !== 0) carry.last = decoded.last
    if (fields & 8) carry.volume = toLots(decoded.volume)
    if (fields & 3) carry.quoteTimeMs = timeMs
    if (fields & 4) carry.lastTimeMs = timeMs
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

  /** Forgets everything (after a symbol-list reload ids may be reassigned). */
  clear(): void {
    this.#live.clear()
    this.#delayed.clear()
  }
}
