import type { BaseClient } from '../../client/types.js'
import { decodeSpreads, type Spread } from '../../codec/messages/spreads.js'
import { encodeSymbolIdList } from '../../codec/messages/symbolIdList.js'
import { Command } from '../../protocol/commands.js'
import { loadSymbols } from './loadSymbols.js'
import { resolveSymbols } from './resolveSymbol.js'

export type { Spread }

/** Options of {@link spreads}. */
export interface SpreadsParameters {
  /** Names or ids to ask about; default every symbol of the cached list. */
  symbols?: readonly (string | number)[]
}

/**
 * Spread (combination) instruments (cmd 20, official layout): each spread's header and its two
 * leg lists.
 *
 * @example
 * ```ts
 * const list = await client.spreads()
 * for (const s of list) console.log(s.spreadId, s.legsA.length, s.legsB.length)
 * ```
 * @param client - A logged-in client.
 * @param params - Which symbols to ask about (default all).
 * @returns The spreads the server reports (often none).
 * @throws {@link SymbolNotFoundError} for an unknown name; {@link MT5TimeoutError}; {@link ProtocolError}.
 */
export async function spreads(client: BaseClient, params: SpreadsParameters = {}): Promise<Spread[]> {
  const ids = params.symbols
    ? (await resolveSymbols(client, params.symbols)).map((s) => s.id)
    : (await loadSymbols(client)).map((s) => s.id)
  const body = await client.request(Command.spreads, encodeSymbolIdList(ids))
  return decodeSpreads(body).spreads
}
