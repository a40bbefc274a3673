import type { BaseClient } from '../../client/types.js'
import { marketState } from '../../marketState/state.js'
import type { Tick } from '../../model/types.js'

/**
 * Up to `count` cached ticks of `symbol` with `timeMs ≥ fromMs`, oldest first (local tick cache of
 * `tickCacheSize` ticks per symbol; synchronous, no request).
 *
 * @example
 * ```ts
 * const recent = client.ticksFrom('EURUSD', Date.now() - 60_000, 100)
 * ```
 * @param client - The client.
 * @param symbol - Symbol name.
 * @param fromMs - Unix ms.
 * @param count - Maximum number of ticks.
 * @returns The ticks (empty when none are cached).
 * @throws Never.
 */
export function ticksFrom(client: BaseClient, symbol: string, fromMs: number, count: number): Tick[] {
  return marketState(client).ticks.from(symbol, fromMs, count)
}
