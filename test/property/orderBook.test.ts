/**
 * The in-place sorted book side agrees with the obvious model (a price → volume map sorted on
 * every read) for any sequence of level updates, and `applyBookLevels` refuses a side past
 * `MAX_BOOK_LEVELS`, stopping at the first level past it (the caller then drops the book).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_BOOK_LEVELS } from '../../src/codec/messages/book.js'
import { ProtocolError } from '../../src/errors.js'
import { applyBookLevels, BookSide, createStoredBook } from '../../src/marketState/orderBook.js'

const update = fc.record({
  // a small price range makes updates of existing levels and removals frequent
  price: fc.integer({ min: 1, max: 60 }).map((p) => p / 4),
  volume: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 1000 }).map((v) => v / 100),
  ),
})

describe('order book side', () => {
  it('matches a sorted map after any sequence of updates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bids', 'asks') as fc.Arbitrary<'bids' | 'asks'>,
        fc.array(update, { maxLength: 300 }),
        (side, updates) => {
          const book = new BookSide(side)
          const model = new Map<number, number>()
          for (const { price, volume } of updates) {
            book.set(price, volume)
            if (volume <= 0) model.delete(price)
            else model.set(price, volume)
          }
          const expected = [...model]
            .map(([price, volume]) => ({ price, volume }))
            .sort((a, b) => (side === 'bids' ? b.price - a.price : a.price - b.price))
          expect(book.snapshot()).toEqual(expected)
          expect(book.size).toBe(model.size)
        },
      ),
    )
  })

  it('refuses a side past MAX_BOOK_LEVELS, stopping at the first level past it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 * MAX_BOOK_LEVELS }), (count) => {
        const book = createStoredBook()
        const bids = Array.from({ length: count }, (_, i) => ({ price: 1 + i, volume: 100_000_000n }))
        let error: unknown
        try {
          applyBookLevels(book, { bids, asks: [] }, (v) => Number(v) / 1e8, 'X')
        } catch (e) {
          error = e
        }
        expect(book.bids.size).toBeLessThanOrEqual(MAX_BOOK_LEVELS + 1)
        if (count > MAX_BOOK_LEVELS) expect(error).toBeInstanceOf(ProtocolError)
        else expect(error).toBeUndefined()
      }),
      { numRuns: 30 },
    )
  })
})
