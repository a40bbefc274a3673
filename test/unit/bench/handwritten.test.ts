/**
 * The hand-written DataView references in bench/handwritten decode (and encode) exactly what the
 * compiled codecs do — same values, same key order — so the benchmark comparison is fair.
 */
import { describe, expect, it } from 'vitest'
import {
  makePositionBody,
  makePositions,
  makeSymbolBody,
  makeSymbols,
  makeTickBody,
  makeTicks,
  makeTradeRequest,
} from '../../../bench/handwritten/fixtures.js'
import { handDecodePositions } from '../../../bench/handwritten/positions.js'
import { handReadUtf16, handWriteUtf16 } from '../../../bench/handwritten/strings.js'
import { handDecodeSymbolList } from '../../../bench/handwritten/symbols.js'
import { handDecodeTickRecords } from '../../../bench/handwritten/ticks.js'
import { handEncodeTradeRequest } from '../../../bench/handwritten/tradeRequest.js'
import { BodyReader } from '../../../src/codec/cursor.js'
import { decodeSymbolList } from '../../../src/codec/messages/symbols.js'
import { decodeTickRecords } from '../../../src/codec/messages/ticks.js'
import { decodeTradeRequest, encodeTradeRequest } from '../../../src/codec/messages/tradeRequest.js'
import { positionSchema } from '../../../src/codec/schemas/position.js'
import { readUtf16, writeUtf16 } from '../../../src/codec/strings.js'

/** Copies `bytes` to offset 3 of a larger buffer: an unaligned view, like a frame's body. */
function unaligned(bytes: Uint8Array): Uint8Array {
  const big = new Uint8Array(bytes.length + 7)
  big.set(bytes, 3)
  return big.subarray(3, 3 + bytes.length)
}

function sameKeys(a: readonly object[], b: readonly object[]): void {
  expect(a.length).toBe(b.length)
  for (let i = 0; i < a.length; i++) expect(Object.keys(a[i]!)).toEqual(Object.keys(b[i]!))
}

describe('hand-written tick decoder', () => {
  it('decodes the 1,000-tick push exactly like decodeTickRecords', () => {
    const body = makeTickBody(1000)
    const hand = handDecodeTickRecords(body)
    expect(hand).toHaveLength(1000)
    expect(hand).toStrictEqual(decodeTickRecords(body))
    expect(hand).toStrictEqual(makeTicks(1000))
    sameKeys(hand, decodeTickRecords(body))
  })
  it('agrees on an unaligned body with a short tail', () => {
    const whole = makeTickBody(7)
    const body = unaligned(whole.subarray(0, whole.length - 13))
    expect(handDecodeTickRecords(body)).toHaveLength(6)
    expect(handDecodeTickRecords(body)).toStrictEqual(decodeTickRecords(body))
  })
})

describe('hand-written symbol list decoder', () => {
  it('decodes 1,000 symbols exactly like decodeSymbolList', () => {
    const body = makeSymbolBody(1000)
    const hand = handDecodeSymbolList(body)
    expect(hand).toHaveLength(1000)
    expect(hand).toStrictEqual(decodeSymbolList(body))
    expect(hand).toStrictEqual(makeSymbols(1000))
    sameKeys(hand, decodeSymbolList(body))
  })
  it('agrees on an unaligned body', () => {
    const body = unaligned(makeSymbolBody(20))
    expect(handDecodeSymbolList(body)).toStrictEqual(decodeSymbolList(body))
  })
  it('fixtures are realistic: non-empty names, paths under Forex, some long descriptions', () => {
    const list = makeSymbols(1000)
    expect(new Set(list.map((s) => s.tradeSymbol)).size).toBe(1000)
    expect(list.every((s) => s.symbolPath.startsWith('Forex\\') && s.tradeSymbol.length >= 6)).toBe(true)
    expect(Math.max(...list.map((s) => s.symbolDescription.length))).toBeGreaterThan(30)
  })
})

describe('hand-written trade request encoder', () => {
  it('writes the same 248 bytes as encodeTradeRequest', () => {
    const request = makeTradeRequest()
    const hand = handEncodeTradeRequest(request)
    expect(hand).toHaveLength(248)
    expect(hand).toEqual(encodeTradeRequest(request))
    expect(decodeTradeRequest(hand)).toStrictEqual(request)
  })
  it('also matches for a pending order with every field set', () => {
    const request = {
      ...makeTradeRequest(),
      tradeAction: 5,
      tradeOrder: 123_456_789_012n,
      tradeType: 2,
      typeTime: 2,
      priceTrigger: 1.07,
      priceTop: 1.2,
      priceBottom: 1.0,
      tradePosition: 987_654_321n,
      positionBy: 42n,
      timeExpiration: 1_763_800_000,
      comment: 'x'.repeat(32),
    }
    expect(handEncodeTradeRequest(request)).toEqual(encodeTradeRequest(request))
  })
})

describe('hand-written position decoder', () => {
  it('decodes 200 positions exactly like positionSchema', () => {
    const body = makePositionBody(200)
    const compiled = new BodyReader(body, 'cmd 4').countedRecords(positionSchema)
    const hand = handDecodePositions(body)
    expect(hand).toHaveLength(200)
    expect(hand).toStrictEqual(compiled)
    expect(hand).toStrictEqual(makePositions(200))
    sameKeys(hand, compiled)
  })
})

describe('hand-written UTF-16 helpers', () => {
  it('read and write like the codec for text shorter than, equal to and without NUL', () => {
    for (const text of ['', 'EURUSD', 'Évian €', 'y'.repeat(32)]) {
      const a = new DataView(new ArrayBuffer(64))
      const b = new DataView(new ArrayBuffer(64))
      a.setUint8(63, 0xff)
      b.setUint8(63, 0xff)
      handWriteUtf16(a, 0, 64, text)
      writeUtf16(b, 0, 64, text)
      expect(new Uint8Array(a.buffer)).toEqual(new Uint8Array(b.buffer))
      expect(handReadUtf16(a, 0, 64)).toBe(text)
      expect(readUtf16(a, 0, 64)).toBe(text)
    }
  })
})
