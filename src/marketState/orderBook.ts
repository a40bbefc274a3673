/**
 * The stored order book of one symbol, updated by cmd 23 pushes (docs/architecture.md#commands, cmd 23:
 * levels keyed
 * by price, volume 0 removes one, `booksFlags & 2` clears the book first).
 *
 * Each side is an array kept sorted best first, so a push costs a binary search per level it
 * carries plus the copy of the snapshot it emits — never a re-sort of the whole book. Both are
 * bounded: a side holds at most `MAX_BOOK_LEVELS` (codec/messages/book.ts) levels. See
 * docs/architecture.md#resource-bounds.
 */
import { MAX_BOOK_LEVELS } from '../codec/messages/book.js'
import { ProtocolError } from '../errors.js'
import type { BookLevel } from '../model/types.js'

/** One side of a book: levels sorted best first (bids highest first, asks lowest first). */
export class BookSide {
  readonly #levels: BookLevel[] = []
  readonly #descending: boolean

  constructor(side: 'bids' | 'asks') {
    this.#descending = side === 'bids'
  }

  /** Number of levels. */
  get size(): number {
    return this.#levels.length
  }

  /** Sets the volume (lots) at `price`; 0 or less removes the level. */
  set(price: number, volume: number): void {
    const levels = this.#levels
    const at = this.#search(price)
    const found = at < levels.length && levels[at]?.price === price
    if (volume <= 0) {
      if (found) levels.splice(at, 1)
    } else if (found) levels[at] = { price, volume }
    else levels.splice(at, 0, { price, volume })
  }

  /** A copy of the levels, best first. */
  snapshot(): BookLevel[] {
    return this.#levels.slice()
  }

  /** First index whose price is not better than `price` (binary search). */
  #search(price: number): number {
    const levels = this.#levels
    let lo = 0
    let hi = levels.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const p = (levels[mid] as BookLevel).price
      if (this.#descending ? p > price : p < price) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** The stored book of one symbol. */
export interface StoredBook {
  readonly bids: BookSide
  readonly asks: BookSide
}

/** An empty book. */
export function createStoredBook(): StoredBook {
  return { bids: new BookSide('bids'), asks: new BookSide('asks') }
}

/** Levels of one side of an update, in plain prices; `lots` converts the wire volume. */
interface Quotes {
  readonly bids: ReadonlyArray<{ price: number; volume: bigint }>
  readonly asks: ReadonlyArray<{ price: number; volume: bigint }>
}

/**
 * Applies the levels of one cmd 23 entry to `book`.
 * @throws ProtocolError when a side would hold more than `MAX_BOOK_LEVELS` levels (the
 *   caller drops the stored book: its content can no longer be trusted).
 */
export function applyBookLevels(
  book: StoredBook,
  update: Quotes,
  lots: (volume: bigint) => number,
  symbol: string,
): void {
  for (const side of ['bids', 'asks'] as const) {
    const target = book[side]
    for (const quote of update[side]) {
      target.set(quote.price, quote.volume <= 0n ? 0 : lots(quote.volume))
      if (target.size > MAX_BOOK_LEVELS) {
        throw new ProtocolError(
          `cmd 23 book of ${symbol}: more than ${MAX_BOOK_LEVELS} ${side} levels (a real server sends its depth of market, a few dozen)`,
          { schema: 'cmd 23 book', field: side },
        )
      }
    }
  }
}
