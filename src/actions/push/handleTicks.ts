/**
 * cmd 8 → `tick` events (commands.md cmd 8, official handling): unknown symbol ids are ignored; a
 * tick carrying bid/ask older than the last applied bid/ask (or carrying last older than the last
 * applied last) is dropped; absent or zero prices keep the symbol's previous value.
 */
import { decodeTicks } from '../../codec/messages/ticks.js'
import type { Tick } from '../../model/types.js'
import { lotsOf } from './lots.js'
import type { PushContext } from './pushStore.js'

/** Decodes and merges a cmd 8 body; returns the ticks to emit. */
export function handleTicks(body: Uint8Array, ctx: PushContext): Array<[tick: Tick]> {
  const { store, symbolsById } = ctx
  const out: Array<[Tick]> = []
  for (const raw of decodeTicks(body, (id) => symbolsById.get(id)?.digits)) {
    const symbol = symbolsById.get(raw.symbolId)
    if (!symbol) continue
    const hasQuote = (raw.fields & 3) !== 0
    const hasLast = (raw.fields & 4) !== 0
    if (hasQuote && raw.timeMs < (store.bidAskTimeMs.get(raw.symbolId) ?? Number.NEGATIVE_INFINITY)) continue
    if (hasLast && raw.timeMs < (store.lastTimeMs.get(raw.symbolId) ?? Number.NEGATIVE_INFINITY)) continue
    if (hasQuote) store.bidAskTimeMs.set(raw.symbolId, raw.timeMs)
    if (hasLast) store.lastTimeMs.set(raw.symbolId, raw.timeMs)
    const previous = store.ticks.get(raw.symbolId)
    const tick: Tick = {
      symbol: symbol.name,
      symbolId: raw.symbolId,
      timeMs: raw.timeMs,
      bid: raw.fields & 1 && raw.bid !== 0 ? raw.bid : (previous?.bid ?? 0),
      ask: raw.fields & 2 && raw.ask !== 0 ? raw.ask : (previous?.ask ?? 0),
      last: raw.fields & 4 && raw.last !== 0 ? raw.last : (previous?.last ?? 0),
      volume: raw.fields & 8 ? lotsOf(raw.volume) : (previous?.volume ?? 0),
      fields: raw.fields,
      flags: raw.flags,
    }
    store.ticks.set(raw.symbolId, tick)
    out.push([tick])
  }
  return out
}
