import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../../src/errors.js'
import { validateVolume, volumeProblem, volumeRetcode } from '../../../src/tradeRules/checkVolume.js'
import { checkFilling, chooseFilling } from '../../../src/tradeRules/chooseFilling.js'
import { marketAction } from '../../../src/tradeRules/marketAction.js'
import { normalizePrice } from '../../../src/tradeRules/normalizePrice.js'

describe('normalizePrice', () => {
  it('snaps to the tick grid then rounds to digits', () => {
    expect(normalizePrice(1.123456, 0.00001, 5)).toBe(1.12346)
    expect(normalizePrice(4321.37, 0.25, 2)).toBe(4321.25)
    expect(normalizePrice(4321.38, 0.25, 2)).toBe(4321.5)
    expect(normalizePrice(105.0049999, 0.005, 3)).toBe(105.005)
    expect(normalizePrice(1.5, 0, 0)).toBe(2)
    expect(normalizePrice(-1.5, 0, 0)).toBe(-2)
  })
})

describe('chooseFilling / checkFilling (official table)', () => {
  it('request and instant execution: FOK for market, RETURN for pending', () => {
    expect(chooseFilling(0, 7, false)).toBe(0)
    expect(chooseFilling(1, 2, false)).toBe(0)
    expect(chooseFilling(1, 2, true)).toBe(2)
    expect(checkFilling(0, 7, false, 1)).toBe(10030)
    expect(checkFilling(1, 7, true, 0)).toBe(10030)
  })
  it('market execution: IOC if allowed, else FOK, else RETURN', () => {
    expect(chooseFilling(2, 3, false)).toBe(1)
    expect(chooseFilling(2, 1, false)).toBe(0)
    expect(chooseFilling(2, 0, false)).toBe(2)
    expect(checkFilling(2, 1, false, 1)).toBe(10030)
    expect(checkFilling(2, 2, false, 1)).toBe(0)
    expect(checkFilling(2, 3, true, 2)).toBe(0)
    expect(checkFilling(2, 3, true, 0)).toBe(10030)
  })
  it('exchange execution: FOK/IOC/BOC only if allowed, RETURN always', () => {
    expect(checkFilling(3, 0, false, 2)).toBe(0)
    expect(checkFilling(3, 4, true, 3)).toBe(0)
    expect(checkFilling(3, 3, false, 3)).toBe(10030)
  })
})

describe('marketAction', () => {
  it('follows the execution mode', () => {
    const base = { volumeUnits: 10_000_000n, instantVolumeUnits: 0n, hasPrice: true }
    expect(marketAction({ ...base, exemode: 0 })).toBe(1)
    expect(marketAction({ ...base, exemode: 0, hasPrice: false })).toBe(0)
    expect(marketAction({ ...base, exemode: 1 })).toBe(2)
    expect(marketAction({ ...base, exemode: 1, instantVolumeUnits: 5_000_000n })).toBe(1)
    expect(marketAction({ ...base, exemode: 1, instantVolumeUnits: 10_000_000n })).toBe(2)
    expect(marketAction({ ...base, exemode: 2 })).toBe(3)
    expect(marketAction({ ...base, exemode: 3 })).toBe(4)
  })
})

describe('volume checks', () => {
  const limits = { volumeMin: 1_000_000n, volumeMax: 10_000_000_000n, volumeStep: 1_000_000n }
  it('converts 0.07 lots exactly', () => {
    expect(validateVolume(0.07, limits)).toBe(7_000_000n)
  })
  it('names the limits in the error', () => {
    const e = (() => {
      try {
        validateVolume(0.005, limits)
      } catch (err) {
        return err
      }
      return undefined
    })()
    expect(e).toBeInstanceOf(ValidationError)
    expect((e as ValidationError).message).toContain('0.01')
    expect((e as ValidationError).message).toContain('100')
    expect((e as ValidationError).field).toBe('volume')
  })
  it('names the one limit that fails: 0.015 is inside the range but off the 0.01 step', () => {
    const message = (lots: number) => {
      try {
        validateVolume(lots, limits)
      } catch (err) {
        return (err as ValidationError).message
      }
      return undefined
    }
    expect(message(0.015)).toBe('volume 0.015 lots is not a multiple of the step 0.01 lots')
    expect(message(0.005)).toMatch(/^volume 0\.005 lots is below the minimum 0\.01 lots/)
    expect(message(110)).toMatch(/^volume 110 lots is above the maximum 100 lots/)
    expect(volumeProblem(0n, limits)).toBe('volume 0 lots must be greater than 0')
    expect(volumeProblem(1_000_000n, limits)).toBeUndefined()
  })
  it('minimum does not apply to a full close', () => {
    expect(volumeRetcode(500_000n, limits, true)).toBe(0)
    expect(volumeRetcode(500_000n, limits)).toBe(10014)
    expect(volumeRetcode(11_000_000_000n, limits)).toBe(10014)
    expect(volumeRetcode(1_500_000n, limits)).toBe(10014)
  })
})
