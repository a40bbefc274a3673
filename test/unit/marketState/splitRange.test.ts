import { describe, expect, it } from 'vitest'
import { splitRange } from '../../../src/marketState/splitRange.js'

describe('splitRange', () => {
  it('covers the range with contiguous non-overlapping chunks of ≤ maxBars bars', () => {
    const chunks = splitRange(0, 60 * 250 - 1, 60, 100)
    expect(chunks).toEqual([
      { from: 0, to: 5999 },
      { from: 6000, to: 11999 },
      { from: 12000, to: 14999 },
    ])
    for (const c of chunks) expect((c.to - c.from + 1) / 60).toBeLessThanOrEqual(100)
  })

  it('returns one chunk for a short range and none for an empty one', () => {
    expect(splitRange(100, 200, 60, 50_000)).toEqual([{ from: 100, to: 200 }])
    expect(splitRange(200, 100, 60, 10)).toEqual([])
  })

  it('rejects bad sizes', () => {
    expect(() => splitRange(0, 10, 0, 10)).toThrow(RangeError)
    expect(() => splitRange(0, 10, 60, 0)).toThrow(RangeError)
  })
})
