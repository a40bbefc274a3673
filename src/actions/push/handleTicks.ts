/**
 * cmd 8 → `tick` events (commands.md cmd 8, official handling): unknown symbol ids are ignored; a
 * tick carrying bid/ask older than the last applied bid/ask (or carrying last older than the last
 * applied last) is dropped; absent or zero prices keep the symbol's previous value. Delayed quotes
 * (`flags & 0x200`) are tracked apart from live ones (`TickState`).
 */
import { decodeTicks } from '../../codec/messages/ticks.js'
import type { Tick } from '../../model/types.js'
import type { PushContext } from './pushStore.js'

/** Decodes and merges a cmd 8 body; returns the ticks to emit. */
export function handleTicks(body: Uint8Array, ctx: PushContext): Array<[tick: Tick]> {
  const { store, symbolsById } = ctx
  const out: Array<[Tick]> = []
  for (const raw of decodeTicks(body, (id) => symbolsById.get(id)?.digits)) {
    const symbol = symbolsById.get(raw.symbolId)
    if (!symbol) continue
    const tick = store.tickState.apply(raw, symbol.name)
    if (tick) out.push([tick])
  }
  return out
}
