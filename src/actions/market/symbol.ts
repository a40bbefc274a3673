import type { BaseClient } from '../../client/types.js'
import type { SymbolInfo } from '../../model/types.js'
import { resolveSymbol } from './resolveSymbol.js'

/**
 * Looks a symbol up by name in the symbol cache, loading the list when needed; an unknown name
 * triggers one reload before failing.
 *
 * @example
 * ```ts
 * const { id, digits } = await client.symbol('EURUSD')
 * ```
 * @param client - A logged-in client.
 * @param name - Symbol name, e.g. `EURUSD`.
 * @returns The symbol's list entry (name, id, digits, path, …).
 * @throws {@link SymbolNotFoundError} when the server does not know the name.
 */
export function symbol(client: BaseClient, name: string): Promise<SymbolInfo> {
  return resolveSymbol(client, name)
}
