/**
 * cmd 19 trade result (request echo + result record) → {@link TradeResult}. `requestId` is the
 * echoed request's `actionId`; `ok` follows the official success set (10008, 10009, 10010, 11001).
 */
import type { TradeResultRecord } from '../codec/schemas/tradeResult.js'
import { isRetcodeSuccess, retcodeDescription } from '../enums.js'
import { volumeToLots } from './lots.js'
import type { TradeResult } from './types.js'

/** Converts a wire trade result; `requestId` is the request's `actionId` (0 when unknown). */
export function toTradeResult(result: TradeResultRecord, requestId: number): TradeResult {
  return {
    retcode: result.retcode,
    description: retcodeDescription(result.retcode),
    ok: isRetcodeSuccess(result.retcode),
    deal: result.deal,
    order: result.tradeOrder,
    position: 0n,
    volume: volumeToLots(result.volume),
    price: result.price,
    bid: result.bid,
    ask: result.ask,
    comment: result.comment,
    requestId,
  }
}

/** A result that carries only a retcode (an immediate rejection, a local check, a lookup), plus any known fields. */
export function tradeResultFromRetcode(
  retcode: number,
  requestId: number,
  fields: Partial<Omit<TradeResult, 'retcode' | 'description' | 'ok' | 'requestId'>> = {},
): TradeResult {
  return {
    retcode,
    description: retcodeDescription(retcode),
    ok: isRetcodeSuccess(retcode),
    deal: 0n,
    order: 0n,
    position: 0n,
    volume: 0,
    price: 0,
    bid: 0,
    ask: 0,
    comment: '',
    ...fields,
    requestId,
  }
}
