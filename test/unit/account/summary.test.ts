import { describe, expect, it } from 'vitest'
import type { AccountBlock } from '../../../src/codec/messages/account.js'
import { accountMainSchema } from '../../../src/codec/schemas/accountMain.js'
import { toAccountSummary } from '../../../src/model/toAccountSummary.js'
import { openingFormFor } from './helpers.js'

const block = (main: Partial<AccountBlock['main']>): AccountBlock => ({
  main: { ...accountMainSchema.zero(), ...main },
  authPasswordMinRaw: 0,
  tradeSettings: [],
  tradeFlags: 0,
  symbolsCount: 0,
  leverageFlags: 0n,
  leverageRules: [],
  commissions: [],
})

describe('toAccountSummary', () => {
  it('computes equity = balance + credit + profit and derives flags', () => {
    const s = toAccountSummary(
      block({
        balance: 1000,
        credit: 50,
        accProfit: -25,
        rights: 8 | 512,
        marginMode: 2,
        timezoneShift: 7200,
        daylightmode: 1,
      }),
      { login: 42n },
    )
    expect(s).toMatchObject({
      login: 42n,
      equity: 1025,
      margin: 0,
      marginFree: 1025,
      marginLevel: 0,
      hedging: true,
      investor: true,
      readOnly: true,
      // An investor or read-only login cannot trade even when the trade-disabled bit (4) is clear.
      tradeAllowed: false,
      serverOffsetSeconds: 10800,
    })
    expect(toAccountSummary(block({ rights: 0 }), { login: 1n }).tradeAllowed).toBe(true)
    expect(toAccountSummary(block({ rights: 4 }), { login: 1n }).tradeAllowed).toBe(false)
  })

  it('uses a given margin for free margin and level', () => {
    const s = toAccountSummary(block({ balance: 1000, rights: 4 }), { login: 1n, margin: 250 })
    expect(s.marginFree).toBe(750)
    expect(s.marginLevel).toBe(400)
    expect(s.tradeAllowed).toBe(false)
  })

  it('builds a truncated opening form', () => {
    const form = openingFormFor('x'.repeat(100))
    expect(form.firstName).toHaveLength(64)
    expect(form.fullName).toHaveLength(128)
    expect(form.reservedOne).toBe(1)
    expect(form.deposit).toBe(100_000)
  })
})
