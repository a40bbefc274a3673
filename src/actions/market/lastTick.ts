import type { BaseClient } from '../../client/types.js'
import { marketState } from '../../marketState/state.js'
import type { Tick } from '../../model/types.js'

/**
 * The latest tick of a subscribed symbol, from the local tick cache (synchronous, no request).
 *
 * @example
 * ```ts
 * const t = client.lastTick('EURUSD')
 * if (t) console.log(t.bid, t.ask)
 * ```
 * @param client - The client.
 * @param symbol - Symbol name.
 * @returns The tick, or `undefined` when none has arrived yet.
 * @throws Never.
 */
export function lastTick(client: BaseClient, symbol: string): Tick | undefined {
  return marketState(client).ticks.last(symbol)
}
