import type { BaseClient } from '../../client/types.js'
import { marketState } from '../../marketState/state.js'
import type { Book } from '../../model/types.js'

/**
 * The latest order book of a book-subscribed symbol (synchronous, no request).
 *
 * @example
 * ```ts
 * const book = client.lastBook('EURUSD')
 * console.log(book?.bids[0], book?.asks[0])
 * ```
 * @param client - The client.
 * @param symbol - Symbol name.
 * @returns The book, or `undefined` when none has arrived.
 * @throws Never.
 */
export function lastBook(client: BaseClient, symbol: string): Book | undefined {
  const state = marketState(client)
  const info = state.symbols.byName(symbol)
  return info ? state.books.get(info.id) : undefined
}
