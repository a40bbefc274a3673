/**
 * cmd 8 → `tick` events (docs/architecture.md#ticks, official handling): unknown symbol ids are ignored; a
 * tick carrying bid/ask older than the last applied bid/ask (or carrying last older than the last
 * applied last) is dropped; absent or zero prices keep the symbol's previous value. Delayed quotes
 * (`flags & 0x200`) are tracked apart from live ones (`TickState`).
 */
import type { Tick } from '../../model/types.js'
import type { PushContext } from './pushStore.js'

/**
 * Decodes and merges a cmd 8 body (50-byte Tick records back to back, a shorter tail ignored);
 * returns the ticks to emit. Each record is merged straight into one fresh tick
 * (`TickState.applyRecord`), with no intermediate decoded object.
 */
export function handleTicks(body: Uint8Array, ctx: PushContext): Array<[tick: Tick]> {
  const { store, symbolsById } = ctx
  const tickState = store.tickState
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const end = body.byteLength - 50
  const out: Array<[Tick]> = []
  for (let o = 0; o <= end; o += 50) {
    const symbol = symbolsById.get(view.getUint32(o, true))
    if (!symbol) continue
    const tick = tickState.applyRecord(view, o, symbol.digits, symbol.name)
    if (tick) out.push([tick])
  }
  return out
}
