import type { BaseClient } from '../../client/types.js'
import { marketState } from '../../marketState/state.js'

/**
 * Marks the cached symbol list and full specifications stale: the next `loadSymbols()` (or any
 * lookup of an unknown name) refetches them. Cached lookups keep answering meanwhile. Synchronous.
 *
 * @example
 * ```ts
 * client.invalidateSymbols()
 * await client.loadSymbols()
 * ```
 * @param client - The client.
 * @returns Nothing.
 * @throws Never.
 */
export function invalidateSymbols(client: BaseClient): void {
  const state = marketState(client)
  state.symbols.invalidate()
  state.full.clear()
}
