import { describe, expect, it } from 'vitest'
import { BodyReader, BodyWriter } from '../../../src/codec/cursor.js'
import { tickSchema } from '../../../src/codec/schemas/tick.js'
import { ProtocolError } from '../../../src/errors.js'

describe('BodyWriter', () => {
  it('keeps every write across buffer growth', () => {
    const tick = { ...tickSchema.zero(), symbolId: 7, bid: 108543 }
    const body = new BodyWriter(2)
      .u32(0xdeadbeef)
      .u8(1)
      .u16(2)
      .i32(-3)
      .u64(2n ** 64n - 1n)
      .i64(-5n)
      .f64(1.5)
      .bytes(new Uint8Array([9, 8, 7]))
      .countedRecords(tickSchema, [tick, tick])
      .finish()
    const r = new BodyReader(body, 'test')
    expect(r.u32('a')).toBe(0xdeadbeef)
    expect(r.u8('b')).toBe(1)
    expect(r.u16('c')).toBe(2)
    expect(r.i32('d')).toBe(-3)
    expect(r.u64('e')).toBe(2n ** 64n - 1n)
    expect(r.i64('f')).toBe(-5n)
    expect(r.f64('g')).toBe(1.5)
    expect([...r.bytes(3, 'h')]).toEqual([9, 8, 7])
    expect(r.countedRecords(tickSchema)).toEqual([tick, tick])
    expect(r.remaining).toBe(0)
  })
})

describe('BodyReader', () => {
  it('rejects a count that claims more records than the body holds, without reading', () => {
    const body = new BodyWriter().u32(1_000_000_000).finish()
    const r = new BodyReader(body, 'cmd 8 ticks')
    expect(() => r.countedRecords(tickSchema)).toThrowError(ProtocolError)
  })

  it('names the message, field and offset when a primitive is cut', () => {
    const r = new BodyReader(new Uint8Array(6), 'cmd 3 account')
    r.u32('first')
    try {
      r.u32('second')
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ schema: 'cmd 3 account', field: 'second', offset: 4 })
    }
  })
})
