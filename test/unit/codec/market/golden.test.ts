import { describe, expect, it } from 'vitest'
import type { RecordSchema } from '../../../../src/codec/defineRecord.js'
import { decodeBook, encodeBook } from '../../../../src/codec/messages/book.js'
import { decodeTickRecords, decodeTicks, encodeTickRecords } from '../../../../src/codec/messages/ticks.js'
import { bookHeaderSchema } from '../../../../src/codec/schemas/bookHeader.js'
import { bookLevelSchema } from '../../../../src/codec/schemas/bookLevel.js'
import { corporateLinkSchema } from '../../../../src/codec/schemas/corporateLink.js'
import { fullSymbolSchema } from '../../../../src/codec/schemas/fullSymbol.js'
import { scheduleSchema, sessionSchema } from '../../../../src/codec/schemas/scheduleSession.js'
import { spreadHeaderSchema } from '../../../../src/codec/schemas/spreadHeader.js'
import { spreadLegSchema } from '../../../../src/codec/schemas/spreadLeg.js'
import { subscriptionSchema } from '../../../../src/codec/schemas/subscription.js'
import { symbolBasicSchema } from '../../../../src/codec/schemas/symbolBasic.js'
import { symbolDetailsSchema } from '../../../../src/codec/schemas/symbolDetails.js'
import { tickSchema } from '../../../../src/codec/schemas/tick.js'
import { tradeSettingsSchema } from '../../../../src/codec/schemas/tradeSettings.js'
import {
  bytesToHex,
  hexToBytes,
  loadOfficialMessageVectors,
  loadOfficialRecordVectors,
  type RecordFromVectorOptions,
  recordFromVector,
  type VectorField,
} from '../../../helpers/vectors.js'

// biome-ignore lint/suspicious/noExplicitAny: schemas of different shapes share one table
type AnySchema = RecordSchema<any>

const tradeSettingsVectorSchema = loadOfficialRecordVectors('account_trade_settings').schema
const subscriptionVectorSchema = loadOfficialRecordVectors('full_symbol_subscription').schema
const scheduleVectorSchema: VectorField[] = [
  { name: 'quote_sessions', offset: 0 },
  { name: 'trade_sessions', offset: scheduleSchema.size / 2 },
]

const officialRecords: [string, AnySchema, RecordFromVectorOptions['nested']?][] = [
  ['symbol_basic', symbolBasicSchema],
  [
    'full_symbol',
    fullSymbolSchema,
    {
      trade: tradeSettingsVectorSchema,
      schedule: scheduleVectorSchema,
      subscription: subscriptionVectorSchema,
    },
  ],
  ['full_symbol_session', sessionSchema],
  ['full_symbol_subscription', subscriptionSchema],
  ['symbol_details', symbolDetailsSchema],
  ['spread_header', spreadHeaderSchema],
  ['spread', spreadLegSchema],
  ['book_header', bookHeaderSchema],
  ['book_level', bookLevelSchema],
  ['corporate_link', corporateLinkSchema],
  ['tick', tickSchema],
  ['account_trade_settings', tradeSettingsSchema],
]

describe.each(officialRecords)('official vectors: %s', (file, schema, nested) => {
  const vectors = loadOfficialRecordVectors(file)

  it('has the official size and one field per vector field offset', () => {
    expect(schema.size).toBe(vectors.size)
    expect(schema.fields.map((f) => f.offset)).toEqual(vectors.schema.map((f) => f.offset))
    expect(schema.fields.map((f) => f.field.size)).toEqual(vectors.schema.map((f) => f.length))
  })

  it.each(vectors.cases.map((c) => [c.id, c] as const))(
    '%s decodes to the values and encodes back',
    (_id, c) => {
      const expected = recordFromVector(schema, vectors.schema, c.values, {
        decoded: c.decoded,
        ...(nested ? { nested } : {}),
      })
      const bytes = hexToBytes(c.hex)
      const decoded = schema.decodeBytes(bytes)
      expect(decoded).toEqual(expected)
      expect(bytesToHex(schema.encode(decoded))).toBe(c.hex)
      expect(bytesToHex(schema.encode(expected as Parameters<typeof schema.encode>[0]))).toBe(c.hex)
    },
  )
})

function asRecords(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error('expected a list')
  return value as Record<string, unknown>[]
}

describe('official message vectors: cmd8_ticks', () => {
  const file = loadOfficialMessageVectors('cmd8_ticks')
  const tickParts = file.parts?.tick ?? []

  it.each(file.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const expected = asRecords(c.values.ticks).map((t) => recordFromVector(tickSchema, tickParts, t))
    const body = hexToBytes(c.hex)
    const records = decodeTickRecords(body)
    expect(records).toEqual(expected)
    expect(bytesToHex(encodeTickRecords(records))).toBe(c.hex)

    // The client's own reading: tick_time in ms and tick_time_ms = s × 1000 + ms delta.
    const ticks = decodeTicks(body, () => 0)
    const clientResult = asRecords(c.client_result)
    expect(ticks.map((t) => t.timeMs)).toEqual(clientResult.map((r) => r.tick_time_ms))
    expect(ticks.map((t) => t.symbolId)).toEqual(clientResult.map((r) => r.symbol_id))
    expect(ticks.map((t) => t.flags)).toEqual(clientResult.map((r) => r.flags))
  })
})

describe('official message vectors: cmd23_book', () => {
  const file = loadOfficialMessageVectors('cmd23_book')
  const headerParts = file.parts?.header ?? []
  const levelParts = file.parts?.level ?? []

  it.each(file.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const expected = asRecords(c.values.books).map((b) => ({
      ...recordFromVector(bookHeaderSchema, headerParts, b.header as Record<string, unknown>),
      levels: asRecords(b.levels).map((l) => recordFromVector(bookLevelSchema, levelParts, l)),
    }))
    const entries = decodeBook(hexToBytes(c.hex))
    expect(entries).toEqual(expected)
    expect(bytesToHex(encodeBook(entries))).toBe(c.hex)
    expect(entries.length).toBe(asRecords(c.client_result).length)
  })
})
