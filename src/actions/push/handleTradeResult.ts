/** cmd 19 → `tradeResult` (official 380-B layout); `requestId` is the echoed request's `actionId`. */
import { decodeTradeResultPush } from '../../codec/messages/tradeResultPush.js'
import { toTradeResult } from '../../model/toTradeResult.js'
import type { TradeResult } from '../../model/types.js'

/** Decodes a cmd 19 body. */
export function handleTradeResult(body: Uint8Array): Array<[result: TradeResult]> {
  const push = decodeTradeResultPush(body)
  return [[toTradeResult(push.result, push.request.actionId)]]
}
