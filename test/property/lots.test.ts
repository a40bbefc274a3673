import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { unitsToLots } from '../../src/codec/volume.js'
import { toLots, volumeToLots } from '../../src/model/lots.js'

const exact = fc.bigInt({ min: 0n, max: 2n ** 53n })

describe('push-path volume conversion (fast path keeps the exact decimal result)', () => {
  it('toLots and volumeToLots equal the decimal conversion up to 2^53 units', () => {
    fc.assert(
      fc.property(exact, (units) => {
        let decimal: number
        try {
          decimal = unitsToLots(units)
        } catch {
          decimal = Number(units) / 1e8
        }
        expect(toLots(units)).toBe(decimal)
        expect(volumeToLots(units)).toBe(decimal)
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps negative values in toLots and reads them as 0 in volumeToLots', () => {
    expect(toLots(-150_000_000n)).toBe(-1.5)
    expect(volumeToLots(-150_000_000n)).toBe(0)
  })
})
