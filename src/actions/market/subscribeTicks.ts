import type { BaseClient } from '../../client/types.js'
import { marketState, sendTickSet } from '../../marketState/state.js'
import { resolveKnownSymbols, resolveSymbols } from './resolveSymbol.js'

/** Removes what one `subscribe…` call added; idempotent. */
export type Unsubscribe = () => Promise<void>

/** Options of `subscribeTicks`. */
export interface SubscribeTicksOptions {
  /**
   * Skip the names the server does not know (listed in the result's `skipped`) instead of failing
   * the whole call, like pymt5's `subscribeSymbolsBatch`. Default false.
   */
  skipUnknown?: boolean
}

/** The result of `subscribeTicks`: call it to unsubscribe; `skipped` lists unknown names. */
export interface TickSubscription extends Unsubscribe {
  /** The inputs skipped as unknown (only with `skipUnknown`; else always empty). */
  readonly skipped: readonly (string | number)[]
}

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
 * @param options - `skipUnknown`: subscribe the known names and list the others in `skipped`.
 * @returns A function that removes exactly this call's references (other subscribers keep theirs),
 * with `skipped`.
 * @throws {@link SymbolNotFoundError} for an unknown symbol without `skipUnknown` (nothing is
 * subscribed then);
 * {@link SessionError} when not logged in; any error of the cmd 7 request (this call's references
 * are rolled back then).
 */
export async function subscribeTicks(
  client: BaseClient,
  symbols: SymbolsInput,
  options: SubscribeTicksOptions = {},
): Promise<TickSubscription> {
  const state = marketState(client)
  const list = symbolList(symbols)
  let skipped: (string | number)[] = []
  let ids: number[]
  if (options.skipUnknown) {
    const known = await resolveKnownSymbols(client, list)
    ids = known.found.map((s) => s.id)
    skipped = known.unknown
  } else ids = (await resolveSymbols(client, list)).map((s) => s.id)
  if (ids.length > 0 && state.tickSubs.add(ids)) {
    try {
      await sendTickSet(client, state)
    } catch (error) {
      // Not subscribed after all: a failed call leaves nothing to replay on the next reconnect.
      state.tickSubs.release(ids)
      throw error
    }
  }
  let active = true
  const unsubscribe = async () => {
    if (!active) return
    active = false
    if (state.tickSubs.release(ids)) await sendTickSet(client, state)
  }
  return Object.assign(unsubscribe, { skipped })
}
