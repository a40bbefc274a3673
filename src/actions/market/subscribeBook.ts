import type { BaseClient } from '../../client/types.js'
import { marketState, sendBookSet } from '../../marketState/state.js'
import { resolveSymbols } from './resolveSymbol.js'
import { type SymbolsInput, symbolList, type Unsubscribe } from './subscribeTicks.js'

/**
 * Subscribes to order-book pushes (cmd 23) of one or more symbols. Like ticks, book subscriptions
 * accumulate (cmd 22 replaces the server's set, the union is always sent) and are replayed after a
 * reconnect. Books arrive as `book` events; `lastBook(symbol)` returns the latest one.
 *
 * @example
 * ```ts
 * client.on('book', (b) => console.log(b.symbol, b.bids[0], b.asks[0]))
 * const unsubscribe = await client.subscribeBook('EURUSD')
 * ```
 * @param client - A logged-in client.
 * @param symbols - Names or ids.
 * @returns A function that removes exactly this call's references.
 * @throws {@link SymbolNotFoundError} for an unknown symbol; {@link SessionError} when not logged in;
 * any error of the cmd 22 request (this call's references are rolled back then).
 */
export async function subscribeBook(client: BaseClient, symbols: SymbolsInput): Promise<Unsubscribe> {
  const state = marketState(client)
  const ids = (await resolveSymbols(client, symbolList(symbols))).map((s) => s.id)
  const release = (): boolean => {
    if (!state.bookSubs.release(ids)) return false
    for (const id of ids) {
      if (state.bookSubs.has(id)) continue
      state.books.delete(id)
      state.bookLevels.delete(id)
    }
    return true
  }
  if (state.bookSubs.add(ids)) {
    try {
      await sendBookSet(client, state)
    } catch (error) {
      // Not subscribed after all: a failed call leaves nothing to replay on the next reconnect.
      release()
      throw error
    }
  }
  let active = true
  return async () => {
    if (!active) return
    active = false
    if (release()) await sendBookSet(client, state)
  }
}
