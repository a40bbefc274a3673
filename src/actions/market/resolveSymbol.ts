import type { BaseClient } from '../../client/types.js'
import { SymbolNotFoundError } from '../../errors.js'
import { marketState } from '../../marketState/state.js'
import type { SymbolInfo } from '../../model/types.js'
import { loadSymbols } from './loadSymbols.js'

/**
 * Finds a symbol by name or id in the cache; a miss (or a stale cache) triggers one reload.
 *
 * @example
 * ```ts
 * const info = await resolveSymbol(client, 'EURUSD')
 * ```
 * @param client - A logged-in client.
 * @param symbol - Symbol name or numeric id.
 * @returns The cached {@link SymbolInfo}.
 * @throws {@link SymbolNotFoundError} when the symbol is still unknown after one reload.
 */
export async function resolveSymbol(client: BaseClient, symbol: string | number): Promise<SymbolInfo> {
  const state = marketState(client)
  const find = () => (typeof symbol === 'number' ? state.symbols.byId(symbol) : state.symbols.byName(symbol))
  if (state.symbols.fresh) {
    const hit = find()
    if (hit) return hit
  }
  await loadSymbols(client, { force: state.symbols.fresh })
  const info = find()
  if (!info) throw new SymbolNotFoundError(String(symbol))
  return info
}

/** Resolves several names/ids, in order (one reload at most per miss). @internal */
export async function resolveSymbols(
  client: BaseClient,
  symbols: readonly (string | number)[],
): Promise<SymbolInfo[]> {
  const out: SymbolInfo[] = []
  for (const s of symbols) out.push(await resolveSymbol(client, s))
  return out
}

/** What {@link resolveKnownSymbols} found. @internal */
export interface KnownSymbols {
  found: SymbolInfo[]
  /** The inputs the server does not know, in order. */
  unknown: (string | number)[]
}

/**
 * Resolves several names/ids, skipping the unknown ones: at most ONE reload for all misses
 * together (a list of many unknown names must not reload the symbol list once per name).
 * @internal
 */
export async function resolveKnownSymbols(
  client: BaseClient,
  symbols: readonly (string | number)[],
): Promise<KnownSymbols> {
  const state = marketState(client)
  const find = (s: string | number) =>
    typeof s === 'number' ? state.symbols.byId(s) : state.symbols.byName(s)
  if (!state.symbols.fresh || symbols.some((s) => !find(s)))
    await loadSymbols(client, { force: state.symbols.fresh })
  const out: KnownSymbols = { found: [], unknown: [] }
  for (const s of symbols) {
    const info = find(s)
    if (info) out.found.push(info)
    else out.unknown.push(s)
  }
  return out
}
