import type { BaseClient } from '../../client/types.js'
import { marketState, sendBookSet } from '../../marketState/state.js'
import { resolveSymbols } from './resolveSymbol.js'
import { type SymbolsInput, symbolList } from './subscribeTicks.js'

/**
 * Removes symbols from the book subscription set (cmd 22 with the remainder) and forgets their
 * cached books. Without `symbols`, removes all.
 *
 * @example
 * ```ts
 * await client.unsubscribeBook('EURUSD')
 * ```
 * @param client - A logged-in client.
 * @param symbols - Names or ids; omit to clear the whole set.
 * @returns Nothing.
 * @throws {@link SymbolNotFoundError} for an unknown symbol; {@link SessionError} when not logged in.
 */
export async function unsubscribeBook(client: BaseClient, symbols?: SymbolsInput): Promise<void> {
  const state = marketState(client)
  let ids: number[]
  if (symbols === undefined) {
    ids = state.bookSubs.ids()
    state.bookSubs.clear()
  } else {
    ids = (await resolveSymbols(client, symbolList(symbols))).map((s) => s.id)
    if (!state.bookSubs.remove(ids)) return
  }
  for (const id of ids) {
    state.books.delete(id)
    state.bookLevels.delete(id)
  }
  if (ids.length > 0) await sendBookSet(client, state)
}
