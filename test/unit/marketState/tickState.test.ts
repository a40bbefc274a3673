import { describe, expect, it } from 'vitest'
import type { Tick as DecodedTick } from '../../../src/codec/messages/ticks.js'
import { TickState } from '../../../src/marketState/tickState.js'

const decoded = (p: Partial<DecodedTick>): DecodedTick => ({
  symbolId: 1,
  timeMs: 1000,
  fields: 0,
  bid: 0,
  ask: 0,
  last: 0,
  volume: 0n,
  flags: 0,
  delayed: false,
  ...p,
})

describe('TickState (carry-forward)', () => {
  it('carries absent fields forward from the previous tick of the symbol', () => {
    const s = new TickState()
    expect(s.apply(decoded({ fields: 3, bid: 1.1, ask: 1.2 }), 'EURUSD')).toMatchObject({
      bid: 1.1,
      ask: 1.2,
    })
    const t = s.apply(decoded({ timeMs: 2000, fields: 1, bid: 1.15 }), 'EURUSD')
    expect(t).toMatchObject({ symbol: 'EURUSD', bid: 1.15, ask: 1.2, timeMs: 2000, fields: 1 })
    const v = s.apply(decoded({ timeMs: 3000, fields: 12, last: 1.14, volume: 150_000_000n }), 'EURUSD')
    expect(v).toMatchObject({ bid: 1.15, ask: 1.2, last: 1.14, volume: 1.5 })
  })

  it('keeps the previous value when a flagged price is zero', () => {
    const s = new TickState()
    s.apply(decoded({ fields: 3, bid: 2, ask: 3 }), 'X')
    expect(s.apply(decoded({ timeMs: 1001, fields: 3, bid: 0, ask: 3.5 }), 'X')).toMatchObject({
      bid: 2,
      ask: 3.5,
    })
  })

  it('drops stale ticks (bid/ask older than the last bid/ask, last older than the last last)', () => {
    const s = new TickState()
    s.apply(decoded({ timeMs: 5000, fields: 3, bid: 1, ask: 2 }), 'X')
    expect(s.apply(decoded({ timeMs: 4999, fields: 1, bid: 9 }), 'X')).toBeUndefined()
    // A last-only tick older than the last quote is fine: last has its own clock.
    expect(s.apply(decoded({ timeMs: 4000, fields: 4, last: 1.5 }), 'X')).toMatchObject({ bid: 1, last: 1.5 })
    expect(s.apply(decoded({ timeMs: 3999, fields: 4, last: 7 }), 'X')).toBeUndefined()
    expect(s.apply(decoded({ timeMs: 5000, fields: 1, bid: 1.01 }), 'X')).toMatchObject({ bid: 1.01 })
  })

  it('tracks delayed quotes separately from live ones', () => {
    const s = new TickState()
    s.apply(decoded({ timeMs: 5000, fields: 3, bid: 1, ask: 2 }), 'X')
    const d = s.apply(
      decoded({ timeMs: 1000, fields: 3, bid: 0.9, ask: 1.9, delayed: true, flags: 0x200 }),
      'X',
    )
    expect(d).toMatchObject({ bid: 0.9, flags: 0x200 })
  })
})
