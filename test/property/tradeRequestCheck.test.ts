/**
 * The hand-written fast check of a trade request never lets through what zod refuses (it only
 * spares the zod parse of a valid request), says yes to the requests callers really build, and a
 * bad request still fails with zod's `ValidationError` naming the field.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTradeRequest } from '../../src/actions/trading/tradeRequest.js'
import { ValidationError } from '../../src/errors.js'
import {
  certainlyValidTradeRequest,
  type TradeRequestParameters,
  tradeRequestParametersSchema,
} from '../../src/tradeRules/requestTypes.js'

const KEYS = [
  'action',
  'symbol',
  'volume',
  'digits',
  'order',
  'type',
  'filling',
  'timeType',
  'flags',
  'price',
  'stopLimit',
  'sl',
  'tp',
  'deviation',
  'comment',
  'position',
  'positionBy',
  'expiration',
] as const

/** Values at and around every bound of the schema, and of every wrong type. */
const anyValue = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    3,
    8,
    9,
    10,
    11,
    16,
    17,
    1e9,
    1e9 + 1,
    -1e9,
    -1e9 - 1,
    1e10,
    1e10 + 1,
    0xffff_ffff,
    0x1_0000_0000,
    0x7fff_ffff,
    0x8000_0000,
    Number.MAX_SAFE_INTEGER + 1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    0n,
    -1n,
    0xffff_ffff_ffff_ffffn,
    0x1_0000_0000_0000_0000n,
    '',
    'EURUSD',
    'x'.repeat(32),
    'x'.repeat(33),
    null,
    undefined,
    true,
    new Date(0),
    new Date(Number.NaN),
  ),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.string({ maxLength: 40 }),
)

describe('certainlyValidTradeRequest', () => {
  it('never accepts what the zod schema refuses (any keys, any values)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom('magic', 'toString', '__proto__')),
          anyValue,
          {
            maxKeys: 8,
          },
        ),
        (request) => {
          if (certainlyValidTradeRequest(request))
            expect(tradeRequestParametersSchema.safeParse(request).success).toBe(true)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('agrees with zod on requests as callers build them (numbers in range, no Date)', () => {
    const request = fc.record(
      {
        action: fc.constantFrom(1, 5, 6, 7, 8, 10),
        symbol: fc.string({ maxLength: 32 }),
        volume: fc.double({ min: 0, max: 1e10, noNaN: true }),
        order: fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn }),
        type: fc.integer({ min: 0, max: 8 }),
        timeType: fc.integer({ min: 0, max: 3 }),
        price: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        stopLimit: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        sl: fc.double({ min: 0, max: 1e9, noNaN: true }),
        tp: fc.double({ min: 0, max: 1e9, noNaN: true }),
        comment: fc.string({ maxLength: 32 }),
        expiration: fc.integer({ min: 0, max: 0x7fff_ffff }),
      },
      { requiredKeys: ['action'] },
    )
    fc.assert(
      fc.property(request, (r) => {
        expect(certainlyValidTradeRequest(r)).toBe(true)
        expect(tradeRequestParametersSchema.safeParse(r).success).toBe(true)
      }),
    )
  })

  it('leaves a Date expiration, a class instance and an unknown field to zod', () => {
    const base = { action: 5, symbol: 'EURUSD', type: 2, volume: 0.1, price: 1.07 }
    expect(certainlyValidTradeRequest({ ...base, expiration: new Date(0) })).toBe(false)
    expect(parseTradeRequest({ ...base, expiration: new Date(0) })).toMatchObject(base)
    expect(certainlyValidTradeRequest(Object.assign(Object.create({ extra: 1 }), base))).toBe(false)
    expect(certainlyValidTradeRequest({ ...base, magic: 7 })).toBe(false)
  })

  it('a bad field still fails with the ValidationError naming it', () => {
    const bad = { action: 5, symbol: 'EURUSD', type: 2, volume: 0.1, price: 1.07, comment: 'x'.repeat(33) }
    expect(() => parseTradeRequest(bad)).toThrow(ValidationError)
    try {
      parseTradeRequest(bad)
    } catch (e) {
      expect((e as ValidationError).message).toContain('comment')
      expect((e as ValidationError).field).toBe('comment')
    }
    const nan: TradeRequestParameters = { action: 5, symbol: 'EURUSD', type: 2, volume: Number.NaN }
    expect(() => parseTradeRequest(nan)).toThrow(/volume/)
  })
})
