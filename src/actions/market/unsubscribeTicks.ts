import type { BaseClient } from '../../client/types.js'
import { marketState, sendTickSet } from '../../marketState/state.js'
import { resolveSymbols } from './resolveSymbol.js'
import { type SymbolsInput, symbolList } from './subscribeTicks.js'

/**
 * Removes symbols from the tick subscription set whatever the number of subscribers, and sends the
 * remaining set (cmd 7; an empty set stops all tick pushes). Without `symbols`, removes all.
 *
 * @example
 * ```ts
 * await client.unsubscribeTicks('EURUSD')
 * await client.unsubscribeTicks() // everything
 * ```
 * @param client - A logged-in client.
 * @param symbols - Names or ids; omit to clear the whole set.
 * @returns Nothing.
 * @throws {@link SymbolNotFoundError} for an unknown symbol; {@link SessionError} when not logged in.
 */
export async function unsubscribeTicks(client: BaseClient, symbols?: SymbolsInput): Promise<void> {
  const state = marketState(client)
  const changed =
    symbols === undefined
      ? state.tickSubs.clear()
      : state.tickSubs.remove((await resolveSymbols(client, symbolList(symbols))).map((s) => s.id))
  if (changed) await sendTickSet(client, state)
}
