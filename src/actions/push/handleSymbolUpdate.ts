/**
 * cmd 13 → `symbol`: full specifications (3068-B records, no count). Each record also refreshes
 * the client's symbol directory (name and digits by id) used to decode ticks and books.
 */

import type { ClientEvents } from '../../client/types.js'
import { decodeFullSymbolPush } from '../../codec/messages/fullSymbols.js'
import type { PushContext } from './pushStore.js'

/** Decodes a cmd 13 body. */
export function handleSymbolUpdate(body: Uint8Array, ctx: PushContext): Array<ClientEvents['symbol']> {
  return decodeFullSymbolPush(body).map((record): ClientEvents['symbol'] => {
    ctx.symbolsById.set(record.symbolId, { name: record.tradeSymbol, digits: record.digits })
    return [{ name: record.tradeSymbol, id: record.symbolId, raw: record }]
  })
}
