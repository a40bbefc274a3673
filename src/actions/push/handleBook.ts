/**
 * cmd 23 → `book` events (official layout): `booksFlags & 2` clears the stored book first,
 * otherwise levels update it by price and volume 0 removes a level. The event carries the whole
 * stored book, bids best (highest) first, asks best (lowest) first. Unknown symbols are ignored.
 */
import { decodeBook, unscaleBook } from '../../codec/messages/book.js'
import { volumeToLots } from '../../model/lots.js'
import type { Book, BookLevel } from '../../model/types.js'
import type { PushContext, StoredBook } from './pushStore.js'

/** Decodes a cmd 23 body into book snapshots. */
export function handleBook(body: Uint8Array, ctx: PushContext): Array<[book: Book]> {
  const out: Array<[Book]> = []
  for (const entry of decodeBook(body)) {
    const symbol = ctx.symbolsById.get(entry.symbolId)
    if (!symbol) continue
    const update = unscaleBook(entry, symbol.digits)
    let stored = ctx.store.books.get(entry.symbolId)
    if (!stored || update.clear) {
      stored = { bids: new Map(), asks: new Map() }
      ctx.store.books.set(entry.symbolId, stored)
    }
    apply(stored.bids, update.bids)
    apply(stored.asks, update.asks)
    out.push([
      {
        symbol: symbol.name,
        symbolId: entry.symbolId,
        timeMs: entry.booksTime * 1000 + entry.timeMsc,
        bids: levels(stored, 'bids'),
        asks: levels(stored, 'asks'),
      },
    ])
  }
  return out
}

function apply(side: Map<number, number>, quotes: ReadonlyArray<{ price: number; volume: bigint }>): void {
  for (const q of quotes) {
    if (q.volume <= 0n) side.delete(q.price)
    else side.set(q.price, volumeToLots(q.volume))
  }
}

function levels(book: StoredBook, side: 'bids' | 'asks'): BookLevel[] {
  const list = [...book[side]].map(([price, volume]) => ({ price, volume }))
  return list.sort((a, b) => (side === 'bids' ? b.price - a.price : a.price - b.price))
}
