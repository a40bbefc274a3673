/**
 * cmd 23 → `book` events (official layout): `booksFlags & 2` clears the stored book first,
 * otherwise levels update it by price and volume 0 removes a level. The event carries the whole
 * stored book, bids best (highest) first, asks best (lowest) first. Unknown symbols are ignored.
 * The stored book is bounded and updated in place (`market/orderBook.ts`): a book that grows past
 * its bound is dropped and the push fails with `ProtocolError`.
 */
import { decodeBook, unscaleBook } from '../../codec/messages/book.js'
import { applyBookLevels, createStoredBook } from '../../marketState/orderBook.js'
import { volumeToLots } from '../../model/lots.js'
import type { Book } from '../../model/types.js'
import type { PushContext } from './pushStore.js'

/** Decodes a cmd 23 body into book snapshots. */
export function handleBook(body: Uint8Array, ctx: PushContext): Array<[book: Book]> {
  const out: Array<[Book]> = []
  for (const entry of decodeBook(body)) {
    const symbol = ctx.symbolsById.get(entry.symbolId)
    if (!symbol) continue
    const update = unscaleBook(entry, symbol.digits)
    let stored = ctx.store.books.get(entry.symbolId)
    if (!stored || update.clear) {
      stored = createStoredBook()
      ctx.store.books.set(entry.symbolId, stored)
    }
    try {
      applyBookLevels(stored, update, volumeToLots, symbol.name)
    } catch (error) {
      ctx.store.books.delete(entry.symbolId)
      throw error
    }
    out.push([
      {
        symbol: symbol.name,
        symbolId: entry.symbolId,
        timeMs: entry.booksTime * 1000 + entry.timeMsc,
        bids: stored.bids.snapshot(),
        asks: stored.asks.snapshot(),
      },
    ])
  }
  return out
}
