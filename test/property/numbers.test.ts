/**
 * Numbers users read carry no binary noise: price steps, the simulator's symbol specifications
 * and the calculators' money results are the doubles their decimal strings name.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AccountBlock } from '../../src/codec/messages/account.js'
import { pointOf, roundMoney } from '../../src/codec/scale.js'
import { accountMainSchema } from '../../src/codec/schemas/accountMain.js'
import { applyBalanceTail, toAccountSummary, withMargin } from '../../src/model/toAccountSummary.js'
import { defineSymbol, resolveSymbol } from '../../src/sim/engine/config.js'

/** True when `x` prints as at most `digits` decimals (no 0.000009999999999999999). */
function clean(x: number, digits: number): boolean {
  return Number(x.toFixed(digits)) === x
}

describe('float noise', () => {
  it('pointOf(d) is the decimal 10^-d', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), (d) => {
        const p = pointOf(d)
        expect(clean(p, d)).toBe(true)
        // the correctly rounded quotient of two exact integers is the same double
        expect(p).toBe(1 / 10 ** d)
      }),
    )
  })

  it('simulator specs: point, tick size and tick value are exact decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(1, 10, 100, 1000, 5000, 100_000, 1_000_000),
        (digits, contractSize) => {
          const spec = resolveSymbol(defineSymbol({ name: 'EURUSD', digits, contractSize }))
          expect(spec.point).toBe(pointOf(digits))
          expect(spec.config.tickSize).toBe(pointOf(digits))
          expect(clean(spec.config.tickValue, digits)).toBe(true)
          expect(spec.config.tickValue).toBe(Number(`${contractSize}e-${digits}`))
        },
      ),
    )
  })

  it('money rounded to the currency digits has no noise and moves by less than half a cent', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 8 }),
        (x, digits) => {
          const r = roundMoney(x, digits)
          expect(clean(r, digits)).toBe(true)
          expect(Math.abs(r - x)).toBeLessThanOrEqual(pointOf(digits) / 2 + Math.abs(x) * 1e-15)
        },
      ),
    )
  })

  it('account figures (equity, margin, free margin, level) are rounded and consistent', () => {
    const cents = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((c) => c / 100)
    fc.assert(
      fc.property(
        cents,
        cents,
        cents,
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        cents,
        (b, c, p, m, tail) => {
          const block = {
            main: { ...accountMainSchema.zero(), balance: b, credit: c, accProfit: p, currencyDigits: 2 },
            tradeSettings: [],
          } as unknown as AccountBlock
          const summaries = [toAccountSummary(block, { login: 1n, margin: m })]
          summaries.push(applyBalanceTail(summaries[0]!, { balance: tail, credit: c, profit: p }))
          summaries.push(withMargin(summaries[1]!, m * 2))
          for (const s of summaries) {
            for (const x of [s.equity, s.margin, s.marginFree]) expect(clean(x, 2), `${x}`).toBe(true)
            expect(clean(s.marginLevel, 2), `${s.marginLevel}`).toBe(true)
            expect(s.marginFree).toBe(roundMoney(s.equity - s.margin, 2))
            expect(s.margin > 0 ? s.marginLevel : 0).toBe(
              s.margin > 0 ? roundMoney((s.equity / s.margin) * 100, 2) : 0,
            )
          }
        },
      ),
    )
  })
})
