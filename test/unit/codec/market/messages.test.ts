import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBook, encodeBook, unscaleBook } from '../../../../src/codec/messages/book.js'
import {
  decodeFullSymbolRequest,
  encodeFullSymbolNameRequest,
  encodeFullSymbolRequest,
} from '../../../../src/codec/messages/fullSymbols.js'
import {
  decodeRateBars,
  decodeRatesRequest,
  encodeRateBars,
  encodeRatesRequest,
} from '../../../../src/codec/messages/rates.js'
import { decodeSpreads, encodeSpreads, type Spread } from '../../../../src/codec/messages/spreads.js'
import { symbolDetailsFieldBits, unscaleSymbolDetails } from '../../../../src/codec/messages/symbolDetails.js'
import { decodeSymbolIdList, encodeSymbolIdList } from '../../../../src/codec/messages/symbolIdList.js'
import {
  decodeCompressedSymbolList,
  decodeSymbolList,
  encodeCompressedSymbolList,
  encodeSymbolList,
} from '../../../../src/codec/messages/symbols.js'
import { decodeTicks, encodeTickRecords } from '../../../../src/codec/messages/ticks.js'
import { fullSymbolSchema } from '../../../../src/codec/schemas/fullSymbol.js'
import type { RateBarRecord } from '../../../../src/codec/schemas/rateBar.js'
import { spreadLegSchema } from '../../../../src/codec/schemas/spreadLeg.js'
import { type SymbolBasicRecord, symbolBasicSchema } from '../../../../src/codec/schemas/symbolBasic.js'
import { symbolDetailsSchema } from '../../../../src/codec/schemas/symbolDetails.js'
import { tickSchema } from '../../../../src/codec/schemas/tick.js'
import { Timeframe } from '../../../../src/codec/timeframe.js'
import { ProtocolError, ValidationError } from '../../../../src/errors.js'

function catchError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

async function catchAsync(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('cmd 8 decodeTicks', () => {
  const tick = (over: Partial<ReturnType<typeof tickSchema.zero>>) => ({ ...tickSchema.zero(), ...over })
  const body = encodeTickRecords([
    tick({
      symbolId: 1,
      tickTime: 1_700_000_000,
      timeMsDelta: 123,
      fields: 3,
      bid: 108543,
      ask: 108551.5,
      last: 999,
    }),
    tick({ symbolId: 99, fields: 1, bid: 5 }),
    tick({
      symbolId: 2,
      tickTime: 1_700_000_001,
      fields: 12,
      last: 3901350,
      tickVolume: 12n,
      bid: 7,
      flags: 0x200,
    }),
  ])

  it('unscales present prices with the symbol digits, zeroes absent values, skips unknown symbols', () => {
    const digits = new Map([
      [1, 5],
      [2, 2],
    ])
    const ticks = decodeTicks(body, (id) => digits.get(id))
    expect(ticks).toEqual([
      {
        symbolId: 1,
        timeMs: 1_700_000_000_123,
        fields: 3,
        bid: 1.08543,
        ask: 1.08552,
        last: 0,
        volume: 0n,
        flags: 0,
        delayed: false,
      },
      {
        symbolId: 2,
        timeMs: 1_700_000_001_000,
        fields: 12,
        bid: 0,
        ask: 0,
        last: 39013.5,
        volume: 12n,
        flags: 0x200,
        delayed: true,
      },
    ])
  })

  it('ignores a trailing partial tick', () => {
    const padded = new Uint8Array(body.length + 49)
    padded.set(body)
    expect(decodeTicks(padded, () => 0)).toHaveLength(3)
    expect(decodeTicks(body.subarray(0, 49), () => 0)).toEqual([])
  })
})

describe('cmd 11 rates', () => {
  const bar = (time: number): RateBarRecord => ({
    time,
    open: 1.1,
    high: 1.2,
    low: 1.0,
    close: 1.15,
    tickVolume: 10,
    realVolume: 0,
  })

  it('round-trips the 74-byte request', () => {
    const request = { symbol: 'EURUSD', period: Timeframe.H1, from: 1_700_000_000, to: -5 }
    const payload = encodeRatesRequest(request)
    expect(payload).toHaveLength(74)
    expect(new DataView(payload.buffer).getUint16(64, true)).toBe(0x4001)
    expect(decodeRatesRequest(payload)).toEqual(request)
    expect(catchError(() => decodeRatesRequest(payload.subarray(0, 73)))).toBeInstanceOf(ProtocolError)
  })

  it('accepts aligned bars and an empty body', () => {
    expect(decodeRateBars(new Uint8Array(0), Timeframe.M1)).toEqual([])
    const bars = [bar(1_699_999_200), bar(1_700_002_800)]
    expect(decodeRateBars(encodeRateBars(bars), Timeframe.H1)).toEqual(bars)
    expect(decodeRateBars(encodeRateBars([bar(86400 * 19000)]), Timeframe.D1)).toHaveLength(1)
    expect(decodeRateBars(encodeRateBars([bar(86400 * 19000)]), Timeframe.W1)).toHaveLength(1)
    expect(decodeRateBars(encodeRateBars([bar(-3600)]), Timeframe.H1)).toHaveLength(1)
  })

  it('rejects the whole reply when one bar is not aligned', () => {
    const body = encodeRateBars([bar(1_700_000_100), bar(1_700_000_160)])
    expect(decodeRateBars(body, Timeframe.M1)).toHaveLength(2)
    const error = catchError(() => decodeRateBars(body, Timeframe.M5))
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error).toMatchObject({ schema: 'cmd 11 rates', field: 'time', offset: 48 })
    expect(
      catchError(() => decodeRateBars(encodeRateBars([bar(86400 + 3600)]), Timeframe.D1)),
    ).toBeInstanceOf(ProtocolError)
    expect(catchError(() => decodeRateBars(encodeRateBars([bar(3600)]), Timeframe.MN1))).toBeInstanceOf(
      ProtocolError,
    )
  })

  it('rejects an unknown period code as a ValidationError', () => {
    expect(catchError(() => decodeRateBars(new Uint8Array(0), 7))).toBeInstanceOf(ValidationError)
  })
})

describe('cmd 20 spreads', () => {
  const leg = (tradeSymbol: string, spreadRatio: number) => ({
    ...spreadLegSchema.zero(),
    tradeSymbol,
    spreadRatio,
  })
  const spreads: Spread[] = [
    {
      spreadId: 7,
      flagMask: 1,
      marginInitial: 1000,
      marginMaintenance: 800,
      marginType: 2,
      legsA: [leg('BRN-3.26', 1), leg('BRN-4.26', 0.5)],
      legsB: [leg('BRN', -1)],
    },
    { spreadId: 0, flagMask: 0, marginInitial: 0, marginMaintenance: 0, marginType: 0, legsA: [], legsB: [] },
    { spreadId: 9, flagMask: 0, marginInitial: 1, marginMaintenance: 1, marginType: 0, legsA: [], legsB: [] },
  ]

  it('round-trips spreads with and without legs', () => {
    const body = encodeSpreads({ spreads })
    expect(body).toHaveLength(8 + 3 * 28 + (8 + 3 * 88) + 8)
    expect(decodeSpreads(body)).toEqual({ spreads })
    expect(decodeSpreads(new Uint8Array(0))).toEqual({ spreads: [] })
  })

  it('reads every block until the end of the body', () => {
    const one = encodeSpreads({ spreads: spreads.slice(0, 1) })
    const two = encodeSpreads({ spreads: spreads.slice(1) })
    const body = new Uint8Array(one.length + two.length)
    body.set(one)
    body.set(two, one.length)
    expect(decodeSpreads(body)).toEqual({ spreads })
  })

  it('refuses legs on a spread with id 0', () => {
    const bad = { ...spreads[1]!, legsA: [leg('X', 1)] }
    expect(catchError(() => encodeSpreads({ spreads: [bad] }))).toBeInstanceOf(ValidationError)
  })

  it('names the leg list when a body is cut inside it', () => {
    const body = encodeSpreads({ spreads: spreads.slice(0, 1) })
    const error = catchError(() => decodeSpreads(body.subarray(0, 8 + 28 + 4 + 88 + 10)))
    expect(error).toMatchObject({ schema: 'cmd 20 spreads', field: 'legsA', offset: 8 + 28 + 4 })
  })
})

describe('cmd 34 compressed symbol list', () => {
  const list: SymbolBasicRecord[] = [
    {
      ...symbolBasicSchema.zero(),
      tradeSymbol: 'EURUSD',
      digits: 5,
      symbolId: 1,
      symbolPath: 'Forex\\EURUSD',
    },
    {
      ...symbolBasicSchema.zero(),
      tradeSymbol: 'BTCUSD',
      digits: 2,
      symbolId: 2,
      symbolDescription: 'Bitcoin €',
    },
  ]

  async function compress(data: Uint8Array, format: CompressionFormat): Promise<Uint8Array> {
    const stream = new Blob([data as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new CompressionStream(format))
    return new Uint8Array(await new Response(stream).arrayBuffer())
  }

  it('round-trips and writes the inflated length first', async () => {
    const body = await encodeCompressedSymbolList(list)
    expect(new DataView(body.buffer).getUint32(0, true)).toBe(4 + 2 * 526)
    expect(body[4]).toBe(0x78) // zlib header
    expect(await decodeCompressedSymbolList(body)).toEqual(list)
    expect(decodeSymbolList(encodeSymbolList(list))).toEqual(list)
  })

  it('accepts a gzip stream too', async () => {
    const gz = await compress(encodeSymbolList(list), 'gzip')
    const body = new Uint8Array(4 + gz.length)
    body.set(gz, 4)
    expect(await decodeCompressedSymbolList(body)).toEqual(list)
  })

  it('turns bad or truncated streams into ProtocolErrors', async () => {
    const good = await encodeCompressedSymbolList(list)
    const cases = [
      new Uint8Array(3),
      Uint8Array.of(0, 0, 0, 0, 1, 2, 3, 4, 5),
      good.subarray(0, good.length - 6),
    ]
    for (const body of cases) {
      const error = await catchAsync(() => decodeCompressedSymbolList(body))
      expect(error).toBeInstanceOf(ProtocolError)
      expect((error as ProtocolError).schema).toBe('cmd 34 symbols')
    }
  })
})

describe('cmd 23 book', () => {
  const level = (bookType: number, price: bigint, volume = 100_000_000n) => ({
    flagMask: 0,
    bookType,
    price,
    volume,
  })
  const header = { symbolId: 4, booksTime: 1_700_000_000, timeMsc: 5, flagMask: 0, booksFlags: 2 }

  it('treats bodies of 4 bytes or fewer as no books', () => {
    for (let n = 0; n <= 4; n++) expect(decodeBook(new Uint8Array(n).fill(0xff))).toEqual([])
    expect(encodeBook([])).toEqual(new Uint8Array(4))
  })

  it('splits levels by side with plain prices', () => {
    const [entry] = decodeBook(
      encodeBook([
        {
          ...header,
          levels: [
            level(1, 108260n),
            level(3, 108265n),
            level(2, 108250n, 0n),
            level(4, 108240n),
            level(0, 1n),
          ],
        },
      ]),
    )
    expect(entry!.levelCount).toBe(5)
    expect(unscaleBook(entry!, 5)).toEqual({
      symbolId: 4,
      clear: true,
      asks: [
        { price: 1.0826, volume: 100_000_000n },
        { price: 1.08265, volume: 100_000_000n },
      ],
      bids: [
        { price: 1.0825, volume: 0n },
        { price: 1.0824, volume: 100_000_000n },
      ],
    })
    expect(unscaleBook({ ...entry!, booksFlags: 1 }, 5).clear).toBe(false)
  })

  it('refuses a levelCount that does not match the levels', () => {
    expect(
      catchError(() => encodeBook([{ ...header, levelCount: 2, levels: [level(1, 1n)] }])),
    ).toBeInstanceOf(ValidationError)
  })

  it('names the levels when a body is cut inside them', () => {
    const body = encodeBook([{ ...header, levels: [level(1, 1n), level(2, 2n)] }])
    const error = catchError(() => decodeBook(body.subarray(0, body.length - 1)))
    expect(error).toMatchObject({ schema: 'cmd 23 book', field: 'levels', offset: 4 + 22 })
  })
})

describe('cmd 17 unscaleSymbolDetails', () => {
  const raw = {
    ...symbolDetailsSchema.zero(),
    symbolId: 3,
    digits: 5,
    lasttime: 1_700_000_000,
    bidLast: 108543,
    bidHigh: 109000,
    askLast: 108551,
    volLast: 12n,
    tradeDeals: 4,
    priceChange: 123,
    priceVolatility: 2500,
    priceGreeksDelta: 55000n,
    priceSensitivity: -100000n,
    flags: 1,
  }

  it('keeps only the values whose bit is set, in plain units', () => {
    const b = symbolDetailsFieldBits
    const fields =
      b.bidLast |
      b.askLast |
      b.volLast |
      b.tradeDeals |
      b.priceChange |
      b.priceVolatility |
      b.priceGreeksDelta |
      b.priceSensitivity
    expect(unscaleSymbolDetails({ ...raw, fields })).toEqual({
      symbolId: 3,
      fields,
      lasttime: 1_700_000_000,
      lasttimeMsc: 0n,
      digits: 5,
      flags: 1,
      delayed: true,
      bidLast: 1.08543,
      askLast: 1.08551,
      volLast: 12n,
      tradeDeals: 4,
      priceChange: 1.23,
      priceVolatility: 2.5,
      priceGreeksDelta: 0.55,
      priceSensitivity: -1,
    })
  })

  it('drops everything with an empty mask', () => {
    const details = unscaleSymbolDetails({ ...raw, fields: 0n, flags: 0 })
    expect(Object.keys(details).sort()).toEqual(
      ['symbolId', 'fields', 'lasttime', 'lasttimeMsc', 'digits', 'flags', 'delayed'].sort(),
    )
    expect(details.delayed).toBe(false)
  })
})

describe('symbol-id lists and the cmd 18 request', () => {
  it('encodes count + ids and checks the count on decode', () => {
    expect(Array.from(encodeSymbolIdList([1, 258]))).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 2, 1, 0, 0])
    expect(decodeSymbolIdList(new Uint8Array(4))).toEqual([])
    for (const payload of [
      new Uint8Array(3),
      Uint8Array.of(2, 0, 0, 0, 1, 0, 0, 0),
      Uint8Array.of(0, 0, 0, 0, 9),
    ]) {
      expect(catchError(() => decodeSymbolIdList(payload))).toBeInstanceOf(ProtocolError)
    }
    expect(catchError(() => encodeSymbolIdList([-1]))).toBeInstanceOf(ValidationError)
    expect(catchError(() => encodeSymbolIdList([1.5]))).toMatchObject({ field: 'ids[0]' })
  })

  it('tells an id list from a pymt5 name', () => {
    const fifteen = Array.from({ length: 15 }, (_, i) => i + 100)
    expect(encodeFullSymbolRequest(fifteen)).toHaveLength(64)
    expect(decodeFullSymbolRequest(encodeFullSymbolRequest(fifteen))).toEqual({ kind: 'ids', ids: fifteen })
    expect(decodeFullSymbolRequest(encodeFullSymbolRequest([5]))).toEqual({ kind: 'ids', ids: [5] })
    expect(decodeFullSymbolRequest(encodeFullSymbolNameRequest('EURUSD'))).toEqual({
      kind: 'name',
      name: 'EURUSD',
    })
    expect(decodeFullSymbolRequest(encodeFullSymbolNameRequest(''))).toEqual({ kind: 'name', name: '' })
    expect(catchError(() => decodeFullSymbolRequest(new Uint8Array(10)))).toBeInstanceOf(ProtocolError)
  })
})

describe('truncation errors name schema, field and offset', () => {
  const full = fullSymbolSchema.encode(fullSymbolSchema.zero())

  it('for a FullSymbol cut anywhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: fullSymbolSchema.size - 1 }), fc.nat(3), (cut, at) => {
        const buf = new Uint8Array(at + cut)
        buf.set(full.subarray(0, cut), at)
        const error = catchError(() => fullSymbolSchema.decodeBytes(buf, at)) as ProtocolError
        expect(error).toBeInstanceOf(ProtocolError)
        const field = fullSymbolSchema.fields.find((f) => f.offset + f.field.size > cut)!
        expect(error.schema).toBe('FullSymbol')
        expect(error.field).toBe(field.name)
        expect(error.offset).toBe(at + field.offset)
        expect(error.message).toContain(field.name)
      }),
      { seed: 7, numRuns: 300 },
    )
  })

  it('for a counted list cut anywhere', () => {
    const body = encodeSymbolList([symbolBasicSchema.zero(), symbolBasicSchema.zero()])
    fc.assert(
      fc.property(fc.integer({ min: 0, max: body.length - 1 }), (cut) => {
        const error = catchError(() => decodeSymbolList(body.subarray(0, cut))) as ProtocolError
        expect(error).toBeInstanceOf(ProtocolError)
        expect(error.schema).toBe('cmd 6 symbols')
        if (cut < 4) expect([error.field, error.offset]).toEqual(['symbols count', 0])
        else expect([error.field, error.offset]).toEqual(['symbols', 4])
      }),
      { seed: 8, numRuns: 200 },
    )
  })
})
