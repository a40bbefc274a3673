import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { roundToDigits } from '../../src/codec/scale.js'
import { lotsToUnits, unitsToLots } from '../../src/codec/volume.js'
import { calcProfit } from '../../src/tradeRules/calcProfit.js'
import { volumeRetcode } from '../../src/tradeRules/checkVolume.js'
import { checkFilling, chooseFilling } from '../../src/tradeRules/chooseFilling.js'
import { matchesPathMask } from '../../src/tradeRules/masks.js'
import { normalizePrice } from '../../src/tradeRules/normalizePrice.js'
import { spec } from '../unit/tradeRules/helpers.js'

describe('trading properties', () => {
  it('lots ↔ units is exact and the step check agrees with integer arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom(1n, 100_000n, 1_000_000n, 10_000_000n, 100_000_000n),
        (n, step) => {
          const units = BigInt(n) * 1000n
          const lots = unitsToLots(units)
          expect(lotsToUnits(lots)).toBe(units)
          const code = volumeRetcode(units, { volumeMin: step, volumeMax: 0n, volumeStep: step })
          expect(code === 0).toBe(units >= step && units % step === 0n)
        },
      ),
    )
  })

  it('normalized prices lie on the tick grid, within half a tick, and are idempotent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(1, 2, 5, 10, 25),
        fc.double({ min: 0.0001, max: 100_000, noNaN: true }),
        (digits, ticks, price) => {
          const tick = roundToDigits(ticks * 10 ** -digits, digits)
          const p = normalizePrice(price, tick, digits)
          expect(normalizePrice(p, tick, digits)).toBe(p)
          expect(Math.abs(p - price)).toBeLessThanOrEqual(tick / 2 + 10 ** -digits)
          const k = Math.round(p / tick)
          expect(Math.abs(p - k * tick)).toBeLessThan(10 ** -digits / 2)
        },
      ),
    )
  })

  it('the chosen filling always passes the check when the symbol allows something', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 7 }),
        fc.boolean(),
        (exemode, flags, pending) => {
          const f = chooseFilling(exemode, flags, pending)
          const marketExecNoFok = exemode === 2 && !pending && (flags & 3) === 0
          if (!marketExecNoFok) expect(checkFilling(exemode, flags, pending, f)).toBe(0)
        },
      ),
    )
  })

  it('profit is antisymmetric in direction and linear in volume (same currency)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3, 4, 5, 32, 1, 33, 34, 35, 36),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (mode, centiLots, open, close) => {
          const s = spec({ calcMode: mode, currencyProfit: 'USD', tickSize: 0.01, tickValue: 0.5 })
          const rates = { symbols: [], quote: () => undefined }
          const args = {
            spec: s,
            volume: centiLots / 100,
            priceOpen: open,
            priceClose: close,
            accountCurrency: 'USD',
            rates,
          }
          const buy = calcProfit({ ...args, type: 0 })
          const sell = calcProfit({ ...args, type: 1 })
          const dbl = calcProfit({ ...args, type: 0, volume: (2 * centiLots) / 100 })
          if (!buy.ok || !sell.ok || !dbl.ok) throw new Error('unexpected failure')
          expect(buy.value + sell.value).toBeCloseTo(0, 6)
          expect(dbl.value).toBeCloseTo(2 * buy.value, 4)
        },
      ),
    )
  })

  it('path masks: a pattern list with an exclusion never matches an excluded path', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,6}$/), fc.stringMatching(/^[A-Z]{1,6}$/), (group, name) => {
        const path = `${group}\\${name}`
        expect(matchesPathMask(`*,!${group}\\*`, path)).toBe(false)
        expect(matchesPathMask(`${group}\\*`, path)).toBe(true)
        expect(matchesPathMask(`*\\${name}`, path)).toBe(true)
      }),
    )
  })
})
