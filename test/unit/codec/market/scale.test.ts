import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { roundToDigits, scalePrice, unscalePrice } from '../../../../src/codec/scale.js'

describe('roundToDigits (official rounding)', () => {
  it('rounds half away from zero with the 1e-7 epsilon', () => {
    expect(roundToDigits(1.005, 2)).toBe(1.01) // 100.49999999999999 + 0.5000001 floors to 101
    expect(roundToDigits(-1.005, 2)).toBe(-1.01)
    expect(roundToDigits(2.5, 0)).toBe(3)
    expect(roundToDigits(-2.5, 0)).toBe(-3)
    expect(roundToDigits(2.4999, 0)).toBe(2)
    expect(roundToDigits(1.234567891, 5)).toBe(1.23457)
    expect(roundToDigits(0, 5)).toBe(0)
  })

  it('clamps digits to 0…8', () => {
    expect(roundToDigits(1.123456789123, 12)).toBe(1.12345679)
    expect(roundToDigits(1.6, -3)).toBe(2)
  })

  it('leaves non-finite and unscalable values alone', () => {
    expect(roundToDigits(Number.POSITIVE_INFINITY, 5)).toBe(Number.POSITIVE_INFINITY)
    expect(roundToDigits(Number.NaN, 5)).toBeNaN()
    expect(roundToDigits(1.7976931348623157e308, 5)).toBe(1.7976931348623157e308)
  })
})

describe('unscalePrice / scalePrice', () => {
  it('divides by 10^min(digits, 8) and rounds to digits', () => {
    expect(unscalePrice(108543, 5)).toBe(1.08543)
    expect(unscalePrice(87154.5, 4)).toBe(8.7155)
    expect(unscalePrice(234512, 2)).toBe(2345.12)
    expect(unscalePrice(-123456, 3)).toBe(-123.456)
    expect(unscalePrice(39013, 0)).toBe(39013)
    expect(unscalePrice(123456789012, 10)).toBe(1234.56789012)
    expect(scalePrice(1.08543, 5)).toBe(108543)
    expect(scalePrice(2345.12, 2)).toBe(234512)
    expect(scalePrice(1234.56789012, 10)).toBe(123456789012)
  })

  it('scalePrice inverts unscalePrice for integer wire values', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 8 }), (raw, digits) => {
        const price = unscalePrice(raw, digits)
        expect(price).toBe(raw / 10 ** digits)
        expect(scalePrice(price, digits)).toBe(raw)
      }),
      { seed: 42, numRuns: 500 },
    )
  })
})
