import { setFlagsFromString } from 'node:v8'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { passwordTokenHex } from '../../../src/codec/messages/login.js'
import { readUtf16, writeUtf16 } from '../../../src/codec/strings.js'

// V8 natives, to see whether a string is flat: `%HaveSameMap` against a flat string of the same
// width (one byte per character or two). A rope built with `+=` has a cons-string map instead.
setFlagsFromString('--allow-natives-syntax')
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: string, b: string) => boolean
const flatOneByte = String.fromCharCode.apply(
  null,
  Array.from({ length: 40 }, () => 0x41),
)
const flatTwoByte = String.fromCharCode.apply(
  null,
  Array.from({ length: 40 }, () => 0x416),
)

function field(text: string, byteLength: number, offset = 0): DataView {
  const view = new DataView(new ArrayBuffer(offset + byteLength))
  writeUtf16(view, offset, byteLength, text)
  return view
}

describe('readUtf16', () => {
  it('returns flat strings, also for long ones', () => {
    const ascii = readUtf16(field('Forex\\Majors\\EURUSD and a long description', 256), 0, 256)
    expect(ascii).toBe('Forex\\Majors\\EURUSD and a long description')
    expect(haveSameMap(ascii, flatOneByte)).toBe(true)
    const cyrillic = readUtf16(field('Евро против доллара США', 128, 3), 3, 128)
    expect(cyrillic).toBe('Евро против доллара США')
    expect(haveSameMap(cyrillic, flatTwoByte)).toBe(true)
  })

  it('stops at the first NUL or the end of the field and keeps lone surrogates', () => {
    const view = new DataView(Uint16Array.of(0x41, 0xd800, 0x42, 0, 0x43).buffer)
    expect(readUtf16(view, 0, 10)).toBe('A\ud800B')
    expect(readUtf16(view, 0, 4)).toBe('A\ud800')
    expect(readUtf16(view, 6, 4)).toBe('')
  })

  it('round-trips any text without NUL that fits the field, at any offset (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 64 }).map((s) => s.replaceAll('\0', ' ')),
        fc.integer({ min: 0, max: 3 }),
        (text, offset) => {
          const byteLength = 128
          expect(readUtf16(field(text, byteLength, offset), offset, byteLength)).toBe(text)
        },
      ),
      { numRuns: 100 },
    )
  }, 30_000)
})

describe('passwordTokenHex', () => {
  it('gives the lower-case hex of the token as one flat string (kept for the whole session)', () => {
    const token = Uint8Array.from({ length: 160 }, (_, i) => (i * 37) & 0xff)
    const hex = passwordTokenHex(token)
    expect(hex).toBe(Buffer.from(token).toString('hex'))
    expect(haveSameMap(hex, flatOneByte)).toBe(true)
  })
})
