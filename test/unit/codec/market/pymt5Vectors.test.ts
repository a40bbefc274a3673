import { describe, expect, it } from 'vitest'
import type { RecordSchema } from '../../../../src/codec/defineRecord.js'
import { decodeBook, encodeBook } from '../../../../src/codec/messages/book.js'
import { decodeFullSymbols, encodeFullSymbols } from '../../../../src/codec/messages/fullSymbols.js'
import { decodeRateBars } from '../../../../src/codec/messages/rates.js'
import { decodeSpreads, encodeSpreads } from '../../../../src/codec/messages/spreads.js'
import {
  decodeCompressedSymbolList,
  decodeSymbolList,
  encodeSymbolList,
} from '../../../../src/codec/messages/symbols.js'
import { decodeTickRecords, encodeTickRecords } from '../../../../src/codec/messages/ticks.js'
import { bookHeaderSchema } from '../../../../src/codec/schemas/bookHeader.js'
import { bookLevelSchema } from '../../../../src/codec/schemas/bookLevel.js'
import { corporateLinkSchema } from '../../../../src/codec/schemas/corporateLink.js'
import { fullSymbolSchema } from '../../../../src/codec/schemas/fullSymbol.js'
import { rateBarSchema } from '../../../../src/codec/schemas/rateBar.js'
import { spreadHeaderSchema } from '../../../../src/codec/schemas/spreadHeader.js'
import { spreadLegSchema } from '../../../../src/codec/schemas/spreadLeg.js'
import { symbolBasicSchema } from '../../../../src/codec/schemas/symbolBasic.js'
import { symbolDetailsSchema } from '../../../../src/codec/schemas/symbolDetails.js'
import { symbolGroupSchema } from '../../../../src/codec/schemas/symbolGroup.js'
import { tickSchema } from '../../../../src/codec/schemas/tick.js'
import { tradeSettingsSchema } from '../../../../src/codec/schemas/tradeSettings.js'
import { Timeframe } from '../../../../src/codec/timeframe.js'
import {
  bytesToHex,
  hexToBytes,
  isOfficialLayout,
  loadPymt5Vectors,
  type Pymt5RecordVector,
  pymt5Values,
  recordFromVector,
} from '../../../helpers/vectors.js'

// biome-ignore lint/suspicious/noExplicitAny: schemas of different shapes share one table
type AnySchema = RecordSchema<any>

/** pymt5 vector schema name → our schema (official layouts only; sizes disambiguate). */
const schemaFor: Record<string, AnySchema> = {
  tick: tickSchema,
  symbolBasic: symbolBasicSchema,
  fullSymbol: fullSymbolSchema,
  tradeSettings: tradeSettingsSchema,
  rateBar: rateBarSchema,
  bookHeader: bookHeaderSchema,
  bookLevel: bookLevelSchema,
  symbolDetails: symbolDetailsSchema,
  symbolGroup: symbolGroupSchema,
  corporateLink: corporateLinkSchema,
  spread: spreadHeaderSchema,
  spreadLeg: spreadLegSchema,
}

const files = ['tick', 'symbol_basic', 'full_symbol', 'rate_bar', 'book', 'symbol_details', 'misc_records']
const all = files.flatMap((f) => loadPymt5Vectors(f).records.map((r) => [f, r] as const))
const mine = all.filter(
  ([, r]) => isOfficialLayout(r) && r.schema !== undefined && schemaFor[r.schema]?.size === r.size,
)

function byId(file: string, id: string): Pymt5RecordVector {
  const data = loadPymt5Vectors(file)
  const found = [...data.records, ...(data.bodies ?? [])].find((r) => r.id === id)
  if (!found) throw new Error(`no vector ${id}`)
  return found
}

describe('pymt5 vectors in the official layout', () => {
  it('covers every record kind we own', () => {
    const kinds = new Set(mine.map(([, r]) => r.schema))
    for (const kind of Object.keys(schemaFor)) expect(kinds, kind).toContain(kind)
  })

  it.each(mine.map(([file, r]) => [`${file}/${r.id}`, r] as const))('%s', (_id, vector) => {
    const schema = schemaFor[vector.schema!]!
    const expected = recordFromVector(schema, vector.fields ?? [], pymt5Values(vector))
    const decoded = schema.decodeBytes(hexToBytes(vector.hex))
    expect(decoded).toEqual(expected)
    expect(bytesToHex(schema.encode(decoded))).toBe(vector.hex)
  })

  it('full_symbol_0 nested trade settings match the nested values by name', () => {
    const vector = byId('full_symbol', 'full_symbol_0')
    const decoded = fullSymbolSchema.decodeBytes(hexToBytes(vector.hex))
    const trade = vector.nested?.trade?.values ?? {}
    const expected = recordFromVector(
      tradeSettingsSchema,
      tradeSettingsSchema.fields.map((f) => ({ name: f.name, offset: f.offset })),
      trade,
    )
    expect(decoded.trade).toEqual(expected)
    expect(decoded.subscription).toEqual(vector.nested?.subscription)
    const monday =
      (vector.nested?.schedule as { quoteSessionsMonday?: number[][] } | undefined)?.quoteSessionsMonday ?? []
    expect(monday).toHaveLength(16)
    expect(decoded.schedule.quoteSessions[1]).toEqual(monday.map(([open, close]) => ({ open, close })))
  })
})

describe('pymt5 message bodies', () => {
  it('cmd 6 body: counted symbol list', () => {
    const body = byId('symbol_basic', 'cmd6_body')
    const list = decodeSymbolList(hexToBytes(body.hex))
    expect(list.map((s) => bytesToHex(symbolBasicSchema.encode(s)))).toEqual(
      ['symbol_basic_0', 'symbol_basic_1', 'symbol_basic_2'].map((id) => byId('symbol_basic', id).hex),
    )
    expect(bytesToHex(encodeSymbolList(list))).toBe(body.hex)
  })

  it('cmd 34 body: skips 4 bytes and inflates to the cmd 6 body', async () => {
    const body = byId('symbol_basic', 'cmd34_body')
    const list = await decodeCompressedSymbolList(hexToBytes(body.hex))
    expect(bytesToHex(encodeSymbolList(list))).toBe(body.inflated)
  })

  it('cmd 18 body: counted full symbols', () => {
    const body = byId('full_symbol', 'cmd18_body')
    const list = decodeFullSymbols(hexToBytes(body.hex))
    expect(list).toHaveLength(1)
    expect(bytesToHex(fullSymbolSchema.encode(list[0]!))).toBe(byId('full_symbol', 'full_symbol_0').hex)
    expect(bytesToHex(encodeFullSymbols(list))).toBe(body.hex)
  })

  it('cmd 8 body: three ticks back to back', () => {
    const body = byId('tick', 'tick_push_body_3')
    const ticks = decodeTickRecords(hexToBytes(body.hex))
    expect(ticks.map((t) => bytesToHex(tickSchema.encode(t)))).toEqual(
      ['tick_0', 'tick_1', 'tick_2'].map((id) => byId('tick', id).hex),
    )
    expect(bytesToHex(encodeTickRecords(ticks))).toBe(body.hex)
  })

  it('cmd 23 official body: one book with four levels', () => {
    const body = byId('book', 'cmd23_body_official')
    const entries = decodeBook(hexToBytes(body.hex))
    expect(entries).toHaveLength(1)
    const { levels, ...header } = entries[0]!
    expect(bytesToHex(bookHeaderSchema.encode(header))).toBe(byId('book', 'book_header_official').hex)
    expect(levels.map((l) => bytesToHex(bookLevelSchema.encode(l)))).toEqual(
      [0, 1, 2, 3].map((i) => byId('book', `book_level_official_${i}`).hex),
    )
    expect(bytesToHex(encodeBook(entries))).toBe(body.hex)
  })

  it('cmd 20 official body: one spread with one leg per list', () => {
    const body = byId('misc_records', 'cmd20_body_official')
    const { spreads } = decodeSpreads(hexToBytes(body.hex))
    expect(spreads).toHaveLength(1)
    const { legsA, legsB, ...header } = spreads[0]!
    expect(bytesToHex(spreadHeaderSchema.encode(header))).toBe(
      byId('misc_records', 'spread_header_official').hex,
    )
    expect(legsA.map((l) => bytesToHex(spreadLegSchema.encode(l)))).toEqual([
      byId('misc_records', 'spread_leg_official_a').hex,
    ])
    expect(legsB.map((l) => bytesToHex(spreadLegSchema.encode(l)))).toEqual([
      byId('misc_records', 'spread_leg_official_b').hex,
    ])
    expect(bytesToHex(encodeSpreads({ spreads }))).toBe(body.hex)
  })

  it('cmd 11 reply: official bars decode with M1 alignment', () => {
    const bars = ['rate_bar_official_0', 'rate_bar_official_1'].map((id) => byId('rate_bar', id).hex).join('')
    const decoded = decodeRateBars(hexToBytes(bars), Timeframe.M1)
    expect(decoded.map((b) => b.time)).toEqual([1767225600, 1767225660])
  })
})
