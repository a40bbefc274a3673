/**
 * cmd 8 / cmd 23 decoding of the `marketData` module. When the module is installed the push
 * handlers leave these two commands to it (`pushHandlers` checks `client.state.modules`), and the
 * decorator feeds `tick` / `book` events from here.
 *
 * @internal
 */

import type { BaseClient } from '../client/types.js'
import { decodeBook, unscaleBook } from '../codec/messages/book.js'
import { decodeTicks } from '../codec/messages/ticks.js'
import type { Book, BookLevel, Tick } from '../model/types.js'
import { toLots } from './lots.js'
import { marketState } from './state.js'

/**
 * Handles a cmd 8 body: decodes it with the cached digits (unknown ids are skipped), drops stale
 * ticks, carries absent values forward, stores the ticks in the tick cache and returns them (the
 * caller emits `tick` for each). Never throws.
 */
export function decodeTickPush(client: BaseClient, body: Uint8Array): Tick[] {
  const state = marketState(client)
  const out: Tick[] = []
  for (const decoded of decodeTicks(body, (id) => state.symbols.byId(id)?.digits)) {
    const info = state.symbols.byId(decoded.symbolId)
    if (!info) continue
    const tick = state.tickState.apply(decoded, info.name)
    if (!tick) continue
    state.ticks.push(tick)
    out.push(tick)
  }
  return out
}

function sortedLevels(levels: Map<number, number>, descending: boolean): BookLevel[] {
  const out: BookLevel[] = []
  for (const [price, volume] of levels) out.push({ price, volume })
  out.sort((a, b) => (descending ? b.price - a.price : a.price - b.price))
  return out
}

/**
 * Handles a cmd 23 body: applies each entry to the stored book of its symbol (`booksFlags & 2`
 * clears it first; volume 0 removes a level) and returns the updated snapshots (the caller emits
 * `book` for each). Unknown symbol ids are skipped. Throws `ProtocolError` on a malformed body.
 */
export function decodeBookPush(client: BaseClient, body: Uint8Array): Book[] {
  const state = marketState(client)
  const out: Book[] = []
  for (const entry of decodeBook(body)) {
    const info = state.symbols.byId(entry.symbolId)
    if (!info) continue
    const update = unscaleBook(entry, info.digits)
    let levels = state.bookLevels.get(entry.symbolId)
    if (!levels || update.clear) {
      levels = { bids: new Map(), asks: new Map() }
      state.bookLevels.set(entry.symbolId, levels)
    }
    for (const [side, quotes] of [
      [levels.bids, update.bids],
      [levels.asks, update.asks],
    ] as const) {
      for (const quote of quotes) {
        if (quote.volume <= 0n) side.delete(quote.price)
        else side.set(quote.price, toLots(quote.volume))
      }
    }
    const book: Book = {
      symbol: info.name,
      symbolId: info.id,
      timeMs: entry.booksTime * 1000 + entry.timeMsc,
      bids: sortedLevels(levels.bids, true),
      asks: sortedLevels(levels.asks, false),
    }
    if (state.bookSubs.has(info.id)) state.books.set(info.id, book)
    out.push(book)
  }
  return out
}
