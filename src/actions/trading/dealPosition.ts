/**
 * The position of a market deal. The Web Terminal's trade result (cmd 19) carries the deal and
 * order tickets but no position ticket (official layout, docs/architecture.md#trade-requests);
 * the position is named by the deal's cmd 10 transaction, which the server pushes BEFORE cmd 19
 * (order 10 → 14 → 19). So the request watches cmd 10 deals while it runs and reads the deal's
 * `positionId`; a client without that push (no `pushHandlers` module) or a missed push falls
 * back to one history read (cmd 5) of the deal. A failed read never fails the trade: the result
 * keeps `position: 0n` and the error is reported through the client's `error` event.
 */
import { reportClientError } from '../../client/reportError.js'
import type { BaseClient, TradeTransaction } from '../../client/types.js'
import type { TradeResult } from '../../model/types.js'
import { history } from './history.js'

/** History window of the fallback read, before the server's time (stamps may be server-local, hours off UTC). */
const LOOKBACK_SECONDS = 2 * 86_400

/** Deal ticket → position id of the deals pushed while a request runs. */
export interface DealWatch {
  positionOf(deal: bigint): bigint | undefined
  stop(): void
}

/** Starts recording the positions of pushed deals. */
export function watchDealPositions(client: Pick<BaseClient, 'events'>): DealWatch {
  const seen = new Map<bigint, bigint>()
  const listener = (tx: TradeTransaction) => {
    if (tx.kind !== 'deal') return
    for (const deal of tx.deal ? [tx.deal, ...tx.deals] : tx.deals)
      if (deal.positionId !== 0n) seen.set(deal.ticket, deal.positionId)
  }
  client.events.on('tradeTransaction', listener)
  return {
    positionOf: (deal) => seen.get(deal),
    stop: () => client.events.off('tradeTransaction', listener),
  }
}

/**
 * `result` with its `position`: the request's own position (a close), else the pushed deal's,
 * else the deal read from the history (two days before `serverTimeMs`, the whole history without
 * it); 0n for results without a deal (pending orders, failures).
 */
export async function withDealPosition(
  client: BaseClient,
  result: TradeResult,
  requestPosition: bigint | undefined,
  watch: DealWatch,
  serverTimeMs: number | undefined,
): Promise<TradeResult> {
  if (result.deal === 0n) return result
  if (requestPosition !== undefined && requestPosition !== 0n) return { ...result, position: requestPosition }
  const pushed = watch.positionOf(result.deal)
  if (pushed !== undefined) return { ...result, position: pushed }
  try {
    // The server's clock (its last quote), not ours: they may differ by far more than hours.
    const from = serverTimeMs ? Math.max(0, Math.floor(serverTimeMs / 1000) - LOOKBACK_SECONDS) : 0
    const { deals } = await history(client, { from, ticket: result.deal })
    const deal = deals.find((d) => d.ticket === result.deal)
    return deal ? { ...result, position: deal.positionId } : result
  } catch (error) {
    // The trade is done: its result must reach the caller (a throw here could make it trade again).
    reportClientError(client, error)
    return result
  }
}
