import type { BaseClient } from '../../client/types.js'
import { marketState, sendTickSet } from '../../marketState/state.js'
import { resolveSymbols } from './resolveSymbol.js'

/** Removes what one `subscribe…` call added; idempotent. */
export type Unsubscribe = () => Promise<void>

/** Symbol names or ids, one or several. */
export type SymbolsInput = string | number | readonly (string | number)[]

/** Normalises a {@link SymbolsInput} to a list. @internal */
export function symbolList(symbols: SymbolsInput): readonly (string | number)[] {
  return typeof symbols === 'string' || typeof symbols === 'number' ? [symbols] : symbols
}

/**
 * Subscribes to tick pushes (cmd 8) of one or more symbols. Subscriptions ACCUMULATE: cmd 7
 * replaces the server's set, so the client always sends the union of everything subscribed
 * (subscribing B after A keeps A). The set is replayed after every reconnect. Ticks arrive as
 * `tick` events and fill the tick cache (`lastTick`, `ticksFrom`, `ticksRange`).
 *
 * @example
 * ```ts
 * client.on('tick', (t) => console.log(t.symbol, t.bid, t.ask))
 * const unsubscribe = await client.subscribeTicks(['EURUSD', 'GBPUSD'])
 * // …
 * await unsubscribe()
 * ```
 * @param client - A logged-in client.
 * @param symbols - Names or ids.
 * @returns A function that removes exactly this call's references (other subscribers keep theirs).
 * @throws {@link SymbolNotFoundError} for an unknown symbol (nothing is subscribed then);
 * {@link SessionError} when not logged in; any error of the cmd 7 request (this call's references
 * are rolled back then).
 */
export async function subscribeTicks(client: BaseClient, symbols: SymbolsInput): Promise<Unsubscribe> {
  const state = marketState(client)
  const ids = (await resolveSymbols(client, symbolList(symbols))).map((s) => s.id)
  if (state.tickSubs.add(ids)) {
    try {
      await sendTickSet(client, state)
    } catch (error) {
      // Not subscribed after all: a failed call leaves nothing to replay on the next reconnect.
      state.tickSubs.release(ids)
      throw error
    }
  }
  let active = true
  return async () => {
    if (!active) return
    active = false
    if (state.tickSubs.release(ids)) await sendTickSet(client, state)
  }
}
