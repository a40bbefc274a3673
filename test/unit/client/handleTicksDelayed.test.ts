import { describe, expect, it } from 'vitest'
import { handleTicks } from '../../../src/actions/push/handleTicks.js'
import { createPushStore, type PushContext } from '../../../src/actions/push/pushStore.js'
import { encodeTickRecords } from '../../../src/codec/messages/ticks.js'
import { tickSchema } from '../../../src/codec/schemas/tick.js'

function tick(tickTime: number, bid: number, ask: number, flags = 0): Uint8Array {
  const r = tickSchema.zero()
  r.symbolId = 1
  r.tickTime = tickTime
  r.fields = 3
  r.bid = bid
  r.ask = ask
  r.flags = flags
  return encodeTickRecords([r])
}

describe('handleTicks: delayed quotes (flags & 0x200) are kept in a separate store (docs/architecture.md#ticks)', () => {
  it('neither drops a delayed quote older than the live one nor lets it overwrite live values', () => {
    const ctx: PushContext = {
      store: createPushStore(1n),
      symbolsById: new Map([[1, { name: 'EURUSD', digits: 5 }]]),
      emit: () => undefined,
    }
    expect(handleTicks(tick(2000, 110000, 110010), ctx)).toHaveLength(1)
    const delayed = handleTicks(tick(1000, 100000, 100010, 0x200), ctx)
    expect(delayed.map(([t]) => [t.bid, t.ask, t.flags])).toEqual([[1, 1.0001, 0x200]])
    // a later live tick carrying only the bid keeps the live ask, not the delayed one
    const r = tickSchema.zero()
    r.symbolId = 1
    r.tickTime = 2001
    r.fields = 1
    r.bid = 110001
    const [[live] = []] = handleTicks(encodeTickRecords([r]), ctx)
    expect(live).toMatchObject({ bid: 1.10001, ask: 1.1001 })
  })
})
