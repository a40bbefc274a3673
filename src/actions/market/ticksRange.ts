import type { BaseClient } from '../../client/types.js'
import { marketState } from '../../marketState/state.js'
import type { Tick } from '../../model/types.js'

/**
 * Cached ticks of `symbol` with `fromMs ≤ timeMs ≤ toMs`, oldest first (local tick cache;
 * synchronous, no request).
 *
 * @example
 * ```ts
 * const lastMinute = client.ticksRange('EURUSD', Date.now() - 60_000, Date.now())
 * ```
 * @param client - The client.
 * @param symbol - Symbol name.
 * @param fromMs - Unix ms, inclusive.
 * @param toMs - Unix ms, inclusive.
 * @returns The ticks (empty when none are cached).
 * @throws Never.
 */
export function ticksRange(client: BaseClient, symbol: string, fromMs: number, toMs: number): Tick[] {
  return marketState(client).ticks.range(symbol, fromMs, toMs)
}
