/** cmd 41 — trader parameters. Payload empty; reply: TraderParams (2 × utf16[32]). */
import { type TraderParamsRecord, traderParamsSchema } from '../schemas/traderParams.js'

/** Decodes the cmd 41 reply. */
export function decodeTraderParams(body: Uint8Array): TraderParamsRecord {
  return traderParamsSchema.decodeBytes(body)
}

/** Encodes the cmd 41 reply. */
export function encodeTraderParams(value: TraderParamsRecord): Uint8Array {
  return traderParamsSchema.encode(value)
}
