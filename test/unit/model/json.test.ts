import fc from 'fast-check'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { type JsonForm, jsonReplacer, toJSON, toJsonValue } from '../../../src/index.js'

describe('JSON form of results', () => {
  const position = {
    ticket: 18_446_744_073_709_551_615n,
    symbol: 'EURUSD',
    volume: 0.1,
    openedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    legs: [{ deal: 7n }],
  }

  it('writes every bigint as a decimal string, exactly, and dates as ISO text', () => {
    expect(() => JSON.stringify(position)).toThrow(/BigInt/)
    expect(JSON.parse(toJSON(position))).toEqual({
      ticket: '18446744073709551615',
      symbol: 'EURUSD',
      volume: 0.1,
      openedAt: '2026-01-02T03:04:05.000Z',
      legs: [{ deal: '7' }],
    })
    expect(toJSON([1n], 2)).toBe('[\n  "1"\n]')
    expect(JSON.stringify({ a: -5n }, jsonReplacer)).toBe('{"a":"-5"}')
  })

  it('toJsonValue gives the plain copy, typed', () => {
    const plain = toJsonValue(position)
    expectTypeOf(plain).toEqualTypeOf<JsonForm<typeof position>>()
    expectTypeOf(plain.ticket).toBeString()
    expectTypeOf(plain.legs[0]!.deal).toBeString()
    expect(plain.ticket).toBe('18446744073709551615')
    expect(toJsonValue(undefined)).toBeUndefined()
  })

  it('round-trips any 64-bit ticket through BigInt(text)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }), (ticket) => {
        const back = JSON.parse(toJSON({ ticket })) as { ticket: string }
        expect(BigInt(back.ticket)).toBe(ticket)
      }),
      { seed: 13, numRuns: 200 },
    )
  })
})
