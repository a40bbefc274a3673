import type { BaseClient } from '../../client/types.js'
import { decodeCompressedSymbolList, decodeSymbolList } from '../../codec/messages/symbols.js'
import { AbortedError, ProtocolError, ServerError } from '../../errors.js'
import { marketState } from '../../marketState/state.js'
import { toSymbolInfo } from '../../model/toSymbolInfo.js'
import type { SymbolInfo } from '../../model/types.js'
import { Command } from '../../protocol/commands.js'

/** Options of {@link loadSymbols}. */
export interface LoadSymbolsParameters {
  /** Refetch even when the cached list is still fresh (default false). */
  force?: boolean
  signal?: AbortSignal
}

/**
 * Loads the symbol list into the client's symbol cache and returns it. As the official client
 * does, requests the plain list (cmd 6) when the account has at most 256 symbols, else the
 * compressed list (cmd 34, zlib; also while the account block is unknown), falling back to cmd 6
 * when the server refuses cmd 34 or the data cannot be inflated. Within `symbolCacheTtlMs` (0 = until
 * `invalidateSymbols()`), the cached list is returned without a request unless `force` is set.
 * Concurrent calls share one request.
 *
 * @example
 * ```ts
 * const list = await client.loadSymbols()
 * console.log(list.length, list[0]?.name)
 * ```
 * @param client - A logged-in client.
 * @param params - `force` to bypass the cache, `signal` to cancel.
 * @returns Every symbol of the account, in server order.
 * @throws {@link SessionError} when not logged in; {@link MT5TimeoutError}; {@link ProtocolError}
 * when the cmd 6 reply is malformed; {@link ServerError} when both commands are refused.
 */
export async function loadSymbols(
  client: BaseClient,
  params: LoadSymbolsParameters = {},
): Promise<SymbolInfo[]> {
  const state = marketState(client)
  if (!params.force && state.symbols.fresh) return state.symbols.list()
  if (state.loading) return state.loading
  const options = params.signal ? { signal: params.signal } : {}
  const load = (async () => {
    let records: Awaited<ReturnType<typeof decodeSymbolList>>
    // Official choice: cmd 34 only for accounts with more than 256 symbols (or while unknown).
    const compressed = state.symbolsCount === undefined || state.symbolsCount > 256
    try {
      if (!compressed) throw new ProtocolError('small symbol list: plain cmd 6')
      records = await decodeCompressedSymbolList(
        await client.request(Command.symbolsCompressed, undefined, options),
      )
    } catch (error) {
      if (error instanceof AbortedError || !(error instanceof ProtocolError || error instanceof ServerError))
        throw error
      records = decodeSymbolList(await client.request(Command.symbols, undefined, options))
    }
    const list = records.map(toSymbolInfo)
    state.symbols.replace(list)
    // The shared id → {name, digits} map the push decoders read.
    client.state.symbolsById.clear()
    for (const info of list) client.state.symbolsById.set(info.id, { name: info.name, digits: info.digits })
    // Full specifications and carry-forward state belong to the old list.
    state.full.clear()
    state.tickState.clear()
    return list
  })()
  state.loading = load
  try {
    return await load
  } finally {
    state.loading = undefined
  }
}
