import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lotsToUnits } from '../../../src/codec/volume.js'
import { ValidationError } from '../../../src/errors.js'
import { roundVolumeToStep } from '../../../src/tradeRules/roundVolume.js'
import { isSessionOpen } from '../../../src/tradeRules/sessions.js'

describe('roundVolumeToStep', () => {
  it('rounds to the step in each direction', () => {
    expect(roundVolumeToStep(0.237, 0.01)).toBe(0.24)
    expect(roundVolumeToStep(0.237, 0.01, 'down')).toBe(0.23)
    expect(roundVolumeToStep(0.231, 0.01, 'up')).toBe(0.24)
    expect(roundVolumeToStep(0.25, 0.1)).toBe(0.3)
    expect(roundVolumeToStep(7, 5, 'down')).toBe(5)
    expect(roundVolumeToStep(0.004, 0.01, 'down')).toBe(0)
    expect(roundVolumeToStep(0.123456789, 0)).toBe(0.12345679)
  })

  it('absorbs float noise instead of dropping a whole step', () => {
    expect(roundVolumeToStep(0.1 * 3, 0.1, 'down')).toBe(0.3)
    expect(roundVolumeToStep(0.07 * 100, 0.01, 'down')).toBe(7)
    expect(roundVolumeToStep(0.29999999999, 0.01, 'down')).toBe(0.3)
  })

  it('always lands on the step grid, within one step, in the asked direction', () => {
    const stepArb = fc.constantFrom(0.01, 0.1, 1, 0.05, 0.001, 2.5)
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), stepArb, (lots, step) => {
        const down = roundVolumeToStep(lots, step, 'down')
        const up = roundVolumeToStep(lots, step, 'up')
        const nearest = roundVolumeToStep(lots, step)
        for (const v of [down, up, nearest]) {
          expect(lotsToUnits(v) % lotsToUnits(step)).toBe(0n)
          expect(Math.abs(v - lots)).toBeLessThanOrEqual(step + 1e-8)
        }
        expect(down).toBeLessThanOrEqual(lots + 1e-8)
        expect(up).toBeGreaterThanOrEqual(lots - 1e-8)
        expect([down, up]).toContain(nearest)
      }),
    )
  })

  it('throws ValidationError naming the field', () => {
    expect(() => roundVolumeToStep(-1, 0.01)).toThrow(ValidationError)
    expect(() => roundVolumeToStep(Number.NaN, 0.01)).toThrow(/volume must be/)
    expect(() => roundVolumeToStep(1, -0.01)).toThrow(/volumeStep must be/)
  })
})

describe('isSessionOpen', () => {
  // 2026-12-07 is a Monday; times are on the server clock.
  const monday = (hh: number, mm = 0) => Date.UTC(2026, 11, 7, hh, mm)
  const week = [[], [{ openMinutes: 60, closeMinutes: 1380 }], [], [], [], [], []]

  it('is open inside a session of the day, closed outside and on other days', () => {
    expect(isSessionOpen(week, monday(1))).toBe(true)
    expect(isSessionOpen(week, monday(22, 59))).toBe(true)
    expect(isSessionOpen(week, monday(23))).toBe(false)
    expect(isSessionOpen(week, monday(0, 59))).toBe(false)
    expect(isSessionOpen(week, monday(12) + 86_400_000)).toBe(false)
  })

  it('treats a schedule without sessions as always open', () => {
    expect(isSessionOpen([], monday(3))).toBe(true)
    expect(isSessionOpen([[], [], [], [], [], [], []], monday(3))).toBe(true)
  })
})
