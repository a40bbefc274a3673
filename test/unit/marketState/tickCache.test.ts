import { describe, expect, it } from 'vitest'
import { TickCache } from '../../../src/marketState/tickCache.js'
import type { Tick } from '../../../src/model/types.js'

const tick = (symbol: string, timeMs: number, bid = timeMs): Tick => ({
  symbol,
  symbolId: 1,
  timeMs,
  bid,
  ask: bid + 1,
  last: 0,
  volume: 0,
  fields: 3,
  flags: 0,
})

describe('TickCache', () => {
  it('keeps at most `capacity` ticks per symbol, oldest evicted first', () => {
    const cache = new TickCache({ capacity: 3 })
    for (let t = 1; t <= 10; t++) cache.push(tick('A', t))
    expect(cache.count('A')).toBe(3)
    expect(cache.range('A', 0, 100).map((x) => x.timeMs)).toEqual([8, 9, 10])
    expect(cache.last('A')?.timeMs).toBe(10)
  })

  it('answers from/count and inclusive ranges in time order', () => {
    const cache = new TickCache({ capacity: 100 })
    for (let t = 0; t < 50; t++) cache.push(tick('A', t * 10))
    expect(cache.from('A', 95, 3).map((x) => x.timeMs)).toEqual([100, 110, 120])
    expect(cache.range('A', 100, 130).map((x) => x.timeMs)).toEqual([100, 110, 120, 130])
    expect(cache.from('B', 0, 10)).toEqual([])
    expect(cache.last('B')).toBeUndefined()
  })

  it('evicts the least recently updated symbol beyond maxSymbols', () => {
    const cache = new TickCache({ capacity: 2, maxSymbols: 2 })
    cache.push(tick('A', 1))
    cache.push(tick('B', 1))
    cache.push(tick('A', 2)) // A is now the most recent
    cache.push(tick('C', 1)) // evicts B
    expect(cache.symbols().sort()).toEqual(['A', 'C'])
    expect(cache.last('B')).toBeUndefined()
    expect(cache.symbolCount).toBe(2)
  })

  it('bounds memory for thousands of symbols', () => {
    const cache = new TickCache({ capacity: 5, maxSymbols: 1000 })
    for (let s = 0; s < 5000; s++) for (let t = 0; t < 10; t++) cache.push(tick(`S${s}`, t))
    expect(cache.symbolCount).toBe(1000)
    expect(cache.count('S4999')).toBe(5)
    expect(cache.count('S0')).toBe(0)
  })

  it('rejects a non-positive capacity', () => {
    expect(() => new TickCache({ capacity: 0 })).toThrow(RangeError)
  })
})
