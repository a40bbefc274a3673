import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lotsToUnits, unitsToLots } from '../../../../src/codec/volume.js'
import {
  isBuy,
  isPending,
  isRetcodeFinal,
  isRetcodeSuccess,
  isSell,
  isStopLimit,
  responseCodeMessage,
  retcodeDescription,
} from '../../../../src/enums.js'
import { ProtocolError, ValidationError } from '../../../../src/errors.js'
import { loadProtocolJson } from './_vectors.js'

describe('volume (lots ↔ lots × 10^8)', () => {
  const vectors = loadProtocolJson<{ volume: { lots: number; wire: string }[] }>(
    'vectors/conversions.json',
  ).volume
  for (const v of vectors) {
    it(`${v.lots} lots = ${v.wire} units`, () => {
      expect(lotsToUnits(v.lots)).toBe(BigInt(v.wire))
      expect(unitsToLots(BigInt(v.wire))).toBe(v.lots)
    })
  }
  it('has no float drift where lots × 1e8 has', () => {
    expect(0.07 * 1e8).not.toBe(7_000_000)
    expect(lotsToUnits(0.07)).toBe(7_000_000n)
    expect(lotsToUnits(0.29)).toBe(29_000_000n)
    expect(lotsToUnits(1e21)).toBe(10n ** 29n)
    expect(lotsToUnits(0)).toBe(0n)
  })
  it('rejects non-finite, negative and over-precise values, naming the value', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, -0.01, 1e-9, 0.1 + 0.2, 0.123456789]) {
      expect(() => lotsToUnits(bad)).toThrow(ValidationError)
    }
    expect(() => lotsToUnits(0.123456789)).toThrow(/0\.123456789/)
  })
  it('unitsToLots refuses to lose precision and rejects negatives', () => {
    expect(() => unitsToLots(2n ** 63n + 1n)).toThrow(ProtocolError)
    expect(() => unitsToLots(9007199254740993n)).toThrow(ProtocolError)
    expect(() => unitsToLots(-1n)).toThrow(ProtocolError)
    expect(unitsToLots(9007199254740992n)).toBe(90071992.54740992)
  })
  it('round-trips any lots value with up to 8 decimals and 15 significant digits (property)', () => {
    // 15 significant digits always survive a double; beyond that unitsToLots may throw.
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (units) => {
        const lots = unitsToLots(units)
        expect(lotsToUnits(lots)).toBe(units)
        // The decimal string with 8 decimals parses to the same lots.
        const text = `${units / 100_000_000n}.${(units % 100_000_000n).toString().padStart(8, '0')}`
        expect(lotsToUnits(Number(text))).toBe(units)
      }),
      { numRuns: 2000 },
    )
  })
  it('unitsToLots on any u64 is exact or a ProtocolError (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (units) => {
        let lots: number
        try {
          lots = unitsToLots(units)
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError)
          return
        }
        expect(lotsToUnits(lots)).toBe(units)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('enums', () => {
  it('order type helpers', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].filter(isBuy)).toEqual([0, 2, 4, 6])
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].filter(isSell)).toEqual([1, 3, 5, 7])
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].filter(isPending)).toEqual([2, 3, 4, 5, 6, 7])
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].filter(isStopLimit)).toEqual([6, 7])
  })
  it('retcodes', () => {
    expect([0, 10008, 10009, 10010, 11001, 10004].filter(isRetcodeSuccess)).toEqual([
      10008, 10009, 10010, 11001,
    ])
    expect([0, 10001, 10002, 10003, 10028, 10009].filter(isRetcodeFinal)).toEqual([10009])
    expect(retcodeDescription(10019)).toBe('not enough money')
    expect(retcodeDescription(4242)).toBe('unknown retcode 4242')
    expect(responseCodeMessage(3)).toBe('invalid account or password')
  })
})
