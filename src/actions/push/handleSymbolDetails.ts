/**
 * cmd 17 → `symbolDetails`: statistics unscaled with the record's own digits. The symbol name is
 * resolved from the client's symbol directory (`''` when the id is not known yet).
 */

import type { ClientEvents } from '../../client/types.js'
import { decodeSymbolDetails, unscaleSymbolDetails } from '../../codec/messages/symbolDetails.js'
import type { PushContext } from './pushStore.js'

/** Decodes a cmd 17 body. */
export function handleSymbolDetails(
  body: Uint8Array,
  ctx: PushContext,
): Array<ClientEvents['symbolDetails']> {
  return decodeSymbolDetails(body).map((record): ClientEvents['symbolDetails'] => [
    {
      symbol: ctx.symbolsById.get(record.symbolId)?.name ?? '',
      symbolId: record.symbolId,
      raw: unscaleSymbolDetails(record),
    },
  ])
}
