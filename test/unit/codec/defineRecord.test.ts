import { describe, expect, it } from 'vitest'
import { defineRecord, record } from '../../../src/codec/defineRecord.js'
import {
  array,
  bytes,
  FILETIME_MAX_MS,
  FILETIME_MIN_MS,
  f64,
  filetime,
  i8,
  i64,
  u16,
  u32,
  u64,
  utf16,
} from '../../../src/codec/fields.js'
import { tickSchema } from '../../../src/codec/schemas/tick.js'
import { ProtocolError, ValidationError } from '../../../src/errors.js'

const inner = defineRecord('Inner', { a: u16, b: array(f64, 2) })
const outer = defineRecord('Outer', {
  id: u32,
  signed: i8,
  ticket: i64,
  volume: u64,
  name: utf16(8),
  blob: bytes(3),
  when: filetime,
  nested: record(inner),
})

describe('defineRecord', () => {
  it('computes offsets and size from the field list', () => {
    expect(outer.size).toBe(4 + 1 + 8 + 8 + 8 + 3 + 8 + 18)
    expect(outer.fields.map((f) => [f.name, f.offset])).toEqual([
      ['id', 0],
      ['signed', 4],
      ['ticket', 5],
      ['volume', 13],
      ['name', 21],
      ['blob', 29],
      ['when', 32],
      ['nested', 40],
    ])
    expect(tickSchema.size).toBe(50)
  })

  it('round-trips a value at an odd offset', () => {
    const value = {
      id: 4294967295,
      signed: -5,
      ticket: -(2n ** 63n),
      volume: 2n ** 64n - 1n,
      name: 'EURU',
      blob: new Uint8Array([1, 2, 3]),
      when: 1_700_000_000_123,
      nested: { a: 7, b: [1.5, -2.25] },
    }
    const buf = new Uint8Array(outer.size + 3)
    outer.encodeInto(new DataView(buf.buffer), 3, value)
    expect(outer.decodeBytes(buf, 3)).toEqual(value)
  })

  it('reads UTF-16 up to the first NUL and cuts long text at a character boundary', () => {
    const v = outer.zero()
    v.name = 'abc\u{1F600}xyz' // 8 code units into a 4-unit field: the pair would be split at unit 4
    const decoded = outer.decodeBytes(outer.encode(v))
    expect(decoded.name).toBe('abc')
  })

  it('raises ProtocolError naming schema, field and offset on truncation', () => {
    const bytesShort = new Uint8Array(20)
    try {
      outer.decodeBytes(bytesShort)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ProtocolError)
      const e = error as ProtocolError
      expect(e.schema).toBe('Outer')
      expect(e.field).toBe('volume')
      expect(e.offset).toBe(13)
    }
  })

  it('raises ValidationError naming the field for out-of-range values', () => {
    const v = outer.zero()
    v.nested.a = 70000
    expect(() => outer.encode(v)).toThrowError(ValidationError)
    try {
      outer.encode(v)
    } catch (error) {
      expect((error as ValidationError).field).toBe('nested.a')
      expect((error as ValidationError).value).toBe(70000)
    }
  })
})

describe('filetime bounds', () => {
  const when = defineRecord('When', { t: filetime })
  it('round-trips both ends of the u64 range', () => {
    for (const t of [FILETIME_MIN_MS, 0, FILETIME_MAX_MS])
      expect(when.decodeBytes(when.encode({ t })).t).toBe(t)
  })
  it('rejects values a u64 FILETIME cannot hold instead of wrapping', () => {
    expect(() => when.encode({ t: FILETIME_MAX_MS + 1 })).toThrowError(ValidationError)
    expect(() => when.encode({ t: FILETIME_MIN_MS - 1 })).toThrowError(ValidationError)
  })
})
