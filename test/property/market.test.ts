import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RecordSchema } from '../../src/codec/defineRecord.js'
import { decodeBook, encodeBook, unscaleBook } from '../../src/codec/messages/book.js'
import { decodeCorporateLinks, encodeCorporateLinks } from '../../src/codec/messages/corporateLinks.js'
import {
  decodeFullSymbolPush,
  decodeFullSymbolRequest,
  decodeFullSymbols,
  encodeFullSymbolNameRequest,
  encodeFullSymbolPush,
  encodeFullSymbolRequest,
  encodeFullSymbols,
} from '../../src/codec/messages/fullSymbols.js'
import {
  decodeRateBars,
  decodeRatesRequest,
  encodeRateBars,
  encodeRatesRequest,
  ratesRequestSchema,
} from '../../src/codec/messages/rates.js'
import { decodeSpreads, encodeSpreads, type Spread } from '../../src/codec/messages/spreads.js'
import {
  decodeSymbolDetails,
  encodeSymbolDetails,
  unscaleSymbolDetails,
} from '../../src/codec/messages/symbolDetails.js'
import { decodeSymbolGroups, encodeSymbolGroups } from '../../src/codec/messages/symbolGroups.js'
import { decodeSymbolIdList, encodeSymbolIdList } from '../../src/codec/messages/symbolIdList.js'
import {
  decodeCompressedSymbolList,
  decodeSymbolList,
  encodeSymbolList,
} from '../../src/codec/messages/symbols.js'
import {
  decodeTickNumberRecords,
  decodeTickRecords,
  decodeTicks,
  encodeTickRecords,
} from '../../src/codec/messages/ticks.js'
import { bookHeaderSchema } from '../../src/codec/schemas/bookHeader.js'
import { bookLevelSchema } from '../../src/codec/schemas/bookLevel.js'
import { corporateLinkSchema } from '../../src/codec/schemas/corporateLink.js'
import { fullSymbolSchema } from '../../src/codec/schemas/fullSymbol.js'
import { rateBarSchema } from '../../src/codec/schemas/rateBar.js'
import { scheduleSchema, sessionSchema } from '../../src/codec/schemas/scheduleSession.js'
import { spreadHeaderSchema } from '../../src/codec/schemas/spreadHeader.js'
import { spreadLegSchema } from '../../src/codec/schemas/spreadLeg.js'
import { subscriptionSchema } from '../../src/codec/schemas/subscription.js'
import { symbolBasicSchema } from '../../src/codec/schemas/symbolBasic.js'
import { symbolDetailsSchema } from '../../src/codec/schemas/symbolDetails.js'
import { symbolGroupSchema } from '../../src/codec/schemas/symbolGroup.js'
import { symbolIdEntrySchema } from '../../src/codec/schemas/symbolIdList.js'
import { tickNumberSchema, tickSchema } from '../../src/codec/schemas/tick.js'
import { tradeSettingsSchema } from '../../src/codec/schemas/tradeSettings.js'
import { Timeframe } from '../../src/codec/timeframe.js'
import { ProtocolError } from '../../src/errors.js'
import { arbitraryOf, utf16Text } from '../helpers/arbitrary.js'

// biome-ignore lint/suspicious/noExplicitAny: schemas of different shapes share one table
type AnySchema = RecordSchema<any>

const SEED = 0x5eed
const runs = (numRuns: number) => ({ seed: SEED, numRuns })

const schemas: [string, AnySchema, number][] = [
  ['SymbolBasic', symbolBasicSchema, 100],
  ['SymbolGroup', symbolGroupSchema, 100],
  ['FullSymbol', fullSymbolSchema, 30],
  ['Session', sessionSchema, 100],
  ['Schedule', scheduleSchema, 30],
  ['Subscription', subscriptionSchema, 100],
  ['TradeSettings', tradeSettingsSchema, 100],
  ['SymbolDetails', symbolDetailsSchema, 100],
  ['SpreadHeader', spreadHeaderSchema, 100],
  ['SpreadLeg', spreadLegSchema, 100],
  ['RateBar', rateBarSchema, 100],
  ['BookHeader', bookHeaderSchema, 100],
  ['BookLevel', bookLevelSchema, 100],
  ['CorporateLink', corporateLinkSchema, 50],
  ['SymbolIdEntry', symbolIdEntrySchema, 100],
  ['Tick', tickSchema, 100],
  ['Tick (volume as number)', tickNumberSchema, 100],
  ['RatesRequest', ratesRequestSchema, 100],
]

/** Runs `fn` and fails unless it returns or throws a `ProtocolError`. */
async function onlyValueOrProtocolError(fn: () => unknown): Promise<void> {
  try {
    await fn()
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error
    expect(error.schema).toBeTruthy()
    expect(typeof error.offset).toBe('number')
  }
}

describe('schema round trips', () => {
  it.each(schemas)('%s: decode(encode(v)) = v', (_name, schema, numRuns) => {
    fc.assert(
      fc.property(arbitraryOf(schema), fc.nat(7), (value, pad) => {
        const bytes = schema.encode(value)
        expect(bytes.byteLength).toBe(schema.size)
        expect(schema.decodeBytes(bytes)).toEqual(value)
        // At an odd offset inside a bigger buffer too.
        const buf = new Uint8Array(schema.size + pad)
        schema.encodeInto(new DataView(buf.buffer), pad, value)
        expect(schema.decodeBytes(buf, pad)).toEqual(value)
      }),
      runs(numRuns),
    )
  })
})

const spreadArb: fc.Arbitrary<Spread> = fc
  .tuple(
    arbitraryOf(spreadHeaderSchema),
    fc.array(arbitraryOf(spreadLegSchema), { maxLength: 3 }),
    fc.array(arbitraryOf(spreadLegSchema), { maxLength: 3 }),
  )
  .map(([header, legsA, legsB]) =>
    header.spreadId === 0 ? { ...header, legsA: [], legsB: [] } : { ...header, legsA, legsB },
  )

const bookArb = fc
  .tuple(arbitraryOf(bookHeaderSchema), fc.array(arbitraryOf(bookLevelSchema), { maxLength: 5 }))
  .map(([header, levels]) => ({ ...header, levelCount: levels.length, levels }))

const barArb = arbitraryOf(rateBarSchema).chain((bar) =>
  fc.integer({ min: -35_000_000, max: 35_000_000 }).map((minute) => ({ ...bar, time: minute * 60 })),
)

describe('message round trips', () => {
  it('cmd 8 ticks with the volume as a number: Number(volume), exact below 2^53', () => {
    const volumeArb = fc.oneof(
      fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    )
    const tickArb = fc
      .tuple(arbitraryOf(tickSchema), volumeArb)
      .map(([tick, tickVolume]) => ({ ...tick, tickVolume }))
    fc.assert(
      fc.property(fc.array(tickArb, { maxLength: 8 }), (ticks) => {
        const body = encodeTickRecords(ticks)
        const expected = decodeTickRecords(body).map((t) => ({ ...t, tickVolume: Number(t.tickVolume) }))
        const numbers = decodeTickNumberRecords(body)
        expect(numbers).toEqual(expected)
        for (const [i, t] of numbers.entries()) {
          const units = ticks[i]!.tickVolume
          if (units > -(2n ** 53n) && units < 2n ** 53n) expect(BigInt(t.tickVolume)).toBe(units)
        }
      }),
      runs(200),
    )
  })

  it('cmd 8 ticks', () => {
    fc.assert(
      fc.property(fc.array(arbitraryOf(tickSchema), { maxLength: 8 }), (ticks) => {
        expect(decodeTickRecords(encodeTickRecords(ticks))).toEqual(ticks)
      }),
      runs(100),
    )
  })

  it('cmd 6 symbols, cmd 9 groups, cmd 44 links', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryOf(symbolBasicSchema), { maxLength: 4 }),
        fc.array(arbitraryOf(symbolGroupSchema), { maxLength: 4 }),
        fc.array(arbitraryOf(corporateLinkSchema), { maxLength: 3 }),
        (symbols, groups, links) => {
          expect(decodeSymbolList(encodeSymbolList(symbols))).toEqual(symbols)
          expect(decodeSymbolGroups(encodeSymbolGroups(groups))).toEqual(groups)
          expect(decodeCorporateLinks(encodeCorporateLinks(links))).toEqual(links)
        },
      ),
      runs(50),
    )
  })

  it('cmd 18 reply and cmd 13 push', () => {
    fc.assert(
      fc.property(fc.array(arbitraryOf(fullSymbolSchema), { maxLength: 2 }), (list) => {
        expect(decodeFullSymbols(encodeFullSymbols(list))).toEqual(list)
        expect(decodeFullSymbolPush(encodeFullSymbolPush(list))).toEqual(list)
      }),
      runs(15),
    )
  })

  it('cmd 18 request in both forms, symbol-id lists', () => {
    const ids = fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 40 })
    fc.assert(
      fc.property(ids, utf16Text(32), (list, name) => {
        expect(decodeSymbolIdList(encodeSymbolIdList(list))).toEqual(list)
        expect(decodeFullSymbolRequest(encodeFullSymbolRequest(list))).toEqual({ kind: 'ids', ids: list })
        expect(decodeFullSymbolRequest(encodeFullSymbolNameRequest(name))).toEqual({ kind: 'name', name })
      }),
      runs(100),
    )
  })

  it('cmd 17 symbol details', () => {
    fc.assert(
      fc.property(fc.array(arbitraryOf(symbolDetailsSchema), { maxLength: 4 }), (list) => {
        const decoded = decodeSymbolDetails(encodeSymbolDetails(list))
        expect(decoded).toEqual(list)
        for (const record of decoded) expect(unscaleSymbolDetails(record).symbolId).toBe(record.symbolId)
      }),
      runs(50),
    )
  })

  it('cmd 20 spreads', () => {
    fc.assert(
      fc.property(fc.array(spreadArb, { maxLength: 4 }), (spreads) => {
        expect(decodeSpreads(encodeSpreads({ spreads }))).toEqual({ spreads })
      }),
      runs(100),
    )
  })

  it('cmd 11 request and M1 bars', () => {
    fc.assert(
      fc.property(arbitraryOf(ratesRequestSchema), fc.array(barArb, { maxLength: 6 }), (request, bars) => {
        expect(decodeRatesRequest(encodeRatesRequest(request))).toEqual(request)
        expect(decodeRateBars(encodeRateBars(bars), Timeframe.M1)).toEqual(bars)
      }),
      runs(100),
    )
  })

  it('cmd 23 book', () => {
    fc.assert(
      fc.property(fc.array(bookArb, { maxLength: 4 }), (entries) => {
        expect(decodeBook(encodeBook(entries))).toEqual(entries)
      }),
      runs(100),
    )
  })
})

const decoders: [string, (body: Uint8Array) => unknown][] = [
  ...schemas.map(
    ([name, schema]) =>
      [name, (b: Uint8Array) => schema.decodeBytes(b)] as [string, (b: Uint8Array) => unknown],
  ),
  ['decodeTickRecords', decodeTickRecords],
  ['decodeTicks', (b) => decodeTicks(b, (id) => (id % 2 === 0 ? id % 12 : undefined))],
  ['decodeSymbolList', decodeSymbolList],
  ['decodeSymbolGroups', decodeSymbolGroups],
  ['decodeFullSymbols', decodeFullSymbols],
  ['decodeFullSymbolPush', decodeFullSymbolPush],
  ['decodeFullSymbolRequest', decodeFullSymbolRequest],
  ['decodeSymbolDetails', (b) => decodeSymbolDetails(b).map(unscaleSymbolDetails)],
  ['decodeSpreads', decodeSpreads],
  ['decodeRateBars M1', (b) => decodeRateBars(b, Timeframe.M1)],
  ['decodeRateBars W1', (b) => decodeRateBars(b, Timeframe.W1)],
  ['decodeRatesRequest', decodeRatesRequest],
  ['decodeBook', (b) => decodeBook(b).map((e) => unscaleBook(e, 5))],
  ['decodeCorporateLinks', decodeCorporateLinks],
  ['decodeSymbolIdList', decodeSymbolIdList],
  ['decodeCompressedSymbolList', decodeCompressedSymbolList],
]

/** Random bytes, biased towards small leading counts so decoders get past the first read. */
const fuzzBody = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc
    .tuple(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 600 }))
    .map(([n, rest]) => Uint8Array.of(n, 0, 0, 0, ...rest)),
  fc
    .tuple(
      fc.integer({ min: 0, max: 3 }),
      fc.uint8Array({ minLength: 4, maxLength: 4 }),
      fc.uint8Array({ maxLength: 600 }),
    )
    .map(([n, skip, rest]) => Uint8Array.of(...skip, n, 0, 0, 0, ...rest)),
)

describe('arbitrary bytes', () => {
  it.each(decoders)('%s yields a value or a ProtocolError', async (_name, decode) => {
    await fc.assert(
      fc.asyncProperty(fuzzBody, async (body) => onlyValueOrProtocolError(() => decode(body))),
      runs(200),
    )
  })

  it('valid bodies cut short or with a flipped byte yield a value or a ProtocolError', async () => {
    const valid = [
      encodeBook([
        {
          symbolId: 1,
          booksTime: 2,
          timeMsc: 3,
          flagMask: 0,
          booksFlags: 2,
          levels: [
            { flagMask: 0, bookType: 1, price: 108_250n, volume: 100_000_000n },
            { flagMask: 0, bookType: 2, price: 108_240n, volume: 100_000_000n },
          ],
        },
      ]),
      encodeSpreads({
        spreads: [
          {
            spreadId: 3,
            flagMask: 0,
            marginInitial: 1,
            marginMaintenance: 1,
            marginType: 0,
            legsA: [spreadLegSchema.zero()],
            legsB: [spreadLegSchema.zero(), spreadLegSchema.zero()],
          },
        ],
      }),
      encodeSymbolList([symbolBasicSchema.zero()]),
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 }))),
        async (body, cut, flip) => {
          const mutated = body.slice(0, cut % (body.length + 1))
          if (flip && mutated.length > 0) mutated[flip[0] % mutated.length]! ^= flip[1]
          for (const [, decode] of decoders) await onlyValueOrProtocolError(() => decode(mutated))
        },
      ),
      runs(100),
    )
  })
})
