import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeTicks, encodeTickRecords } from '../../src/codec/messages/ticks.js'
import type { TickRecord } from '../../src/codec/schemas/tick.js'
import { TickState } from '../../src/marketState/tickState.js'

const record: fc.Arbitrary<TickRecord> = fc.record({
  // Small ids (array-indexed carries), ids past the index (Map) and the largest u32.
  symbolId: fc.constantFrom(1, 2, 3, 4095, 4096, 70_000, 2 ** 32 - 1),
  tickTime: fc.integer({ min: 1000, max: 1010 }),
  fields: fc.integer({ min: 0, max: 15 }),
  bid: fc.oneof(fc.constant(0), fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.double()),
  ask: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 }), fc.double()),
  last: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 }), fc.double()),
  tickVolume: fc.oneof(
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
    fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }),
    fc.constantFrom(2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n), -(2n ** 53n) - 1n, 2n ** 53n - 1n),
  ),
  timeMsDelta: fc.integer({ min: 0, max: 999 }),
  flags: fc.constantFrom(0, 0x200, 0x201),
})

const digitsOf = (id: number): number => (id === 2 ? 3 : 5)

describe('TickState.applyRecord', () => {
  it('gives the same ticks as apply(decodeTicks(...)) (stale drops, carry-forward, delayed apart)', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.integer({ min: 0, max: 7 }), (records, shift) => {
        const body = encodeTickRecords(records)
        // An unaligned copy with a short tail: the record offsets do not depend on the buffer.
        const padded = new Uint8Array(body.length + shift + 49)
        padded.set(body, shift)
        const bytes = padded.subarray(shift, shift + body.length + (shift % 50))
        const viaDecoded = new TickState()
        const expected = decodeTicks(bytes, digitsOf).map((d) => viaDecoded.apply(d, `S${d.symbolId}`))
        const direct = new TickState()
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        const actual = []
        for (let o = 0; o + 50 <= bytes.byteLength; o += 50) {
          const id = view.getUint32(o, true)
          actual.push(direct.applyRecord(view, o, digitsOf(id), `S${id}`))
        }
        expect(actual).toStrictEqual(expected)
      }),
      { numRuns: 300 },
    )
  })
})
