import type { BaseClient } from '../../client/types.js'
import { marketState } from '../../marketState/state.js'

/** What the tick cache holds (see `tickCacheStats`). */
export interface TickCacheStats {
  /** Ticks kept per symbol (`tickCacheSize`, at least 1: the latest tick). */
  capacity: number
  /** Symbols kept (`tickCacheSymbols`), 0 = unlimited. */
  maxSymbols: number
  /** Symbols with cached ticks. */
  symbols: number
  /** Ticks cached over every symbol. */
  ticks: number
  /** Ticks cached per symbol, least recently updated symbol first. */
  perSymbol: Record<string, number>
}

/**
 * Size and contents of the tick cache, e.g. to watch a process's memory (≈ 48 bytes per cached tick).
 *
 * @example
 * ```ts
 * const { symbols, ticks } = client.tickCacheStats()
 * ```
 * @param client - The client.
 * @returns The figures at the time of the call.
 * @throws Never.
 */
export function tickCacheStats(client: BaseClient): TickCacheStats {
  const cache = marketState(client).ticks
  const perSymbol: Record<string, number> = {}
  for (const symbol of cache.symbols()) perSymbol[symbol] = cache.count(symbol)
  return {
    capacity: cache.capacity,
    maxSymbols: cache.maxSymbols,
    symbols: cache.symbolCount,
    ticks: cache.tickCount,
    perSymbol,
  }
}
