import type { BaseClient } from '../../client/types.js'
import { marketState } from '../../marketState/state.js'

/**
 * Forgets cached ticks: of one symbol, or of every symbol. Subscriptions stay; the next pushed
 * tick fills the cache again. `lastTick`, `ticksFrom`, `ticksRange` and the compat layer's
 * `copyTicks…` / `symbolInfoTick` read this cache.
 *
 * @example
 * ```ts
 * client.clearTickCache('EURUSD')
 * ```
 * @param client - The client.
 * @param symbol - Symbol name; omitted = every symbol.
 * @returns The number of symbols whose ticks were dropped.
 * @throws Never.
 */
export function clearTickCache(client: BaseClient, symbol?: string): number {
  const cache = marketState(client).ticks
  if (symbol !== undefined) return cache.delete(symbol) ? 1 : 0
  const n = cache.symbolCount
  cache.clear()
  return n
}
