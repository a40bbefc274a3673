import type { BaseClient } from '../../client/types.js'
import type { SymbolInfo } from '../../model/types.js'
import { loadSymbols } from './loadSymbols.js'

/**
 * Every symbol of the account, from the cache (loaded on first use or when expired).
 *
 * @example
 * ```ts
 * const forex = (await client.symbols()).filter((s) => s.path.startsWith('Forex'))
 * ```
 * @param client - A logged-in client.
 * @returns The symbol list.
 * @throws {@link SessionError} when not logged in; {@link MT5TimeoutError}.
 */
export function symbols(client: BaseClient): Promise<SymbolInfo[]> {
  return loadSymbols(client)
}
