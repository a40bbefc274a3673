import type { BaseClient } from '../../client/types.js'
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import { isBuy, isMarketAction, TradeAction, TradeRetcode } from '../../enums.js'
import { volumeToLots } from '../../model/lots.js'
import { tradeResultFromRetcode } from '../../model/toTradeResult.js'
import type { Deal, Order, TradeResult } from '../../model/types.js'
import { history } from './history.js'
import { positionsAndOrders } from './positionsAndOrders.js'

/** Parameters of {@link resolveTradeOutcome}. */
export interface ResolveTradeOutcomeParameters {
  /** The wire request that was sent. */
  request: TradeRequestRecord
  /** Local Unix ms just before the request was sent. */
  sentAtMs: number
  /** Server time offset in seconds (server stamps may be server-local); default 0. */
  serverOffsetSeconds?: number
  /** Server-clock time of the last quote seen before sending (Unix ms), when known. */
  serverTimeMs?: number
  /**
   * Deal and order tickets known to be the results of other requests (e.g. this client's earlier
   * trades): never matched.
   */
  exclude?: ReadonlySet<bigint>
}

/** What to tell the user to check, per action. */
export function outcomeHint(req: TradeRequestRecord): string {
  const what = `${req.tradeSymbol || 'symbol ?'} type ${req.tradeType} volume ${volumeToLots(req.tradeVolume)} comment "${req.comment}"`
  switch (req.tradeAction) {
    case TradeAction.Pending:
      return `check open orders and order history for a pending order (${what}) before retrying`
    case TradeAction.SlTp:
      return `check SL/TP of position ${req.tradePosition} before retrying`
    case TradeAction.Modify:
      return `check order ${req.tradeOrder} before retrying`
    case TradeAction.Remove:
      return `check whether order ${req.tradeOrder} is still open before retrying`
    case TradeAction.CloseBy:
      return `check positions ${req.tradePosition} and ${req.positionBy} before retrying`
    default:
      return req.tradePosition !== 0n
        ? `check position ${req.tradePosition} and the deal history before retrying`
        : `check positions and the deal history for a deal (${what}) before retrying`
  }
}

function done(req: TradeRequestRecord, retcode: number, extra: Partial<TradeResult> = {}): TradeResult {
  return tradeResultFromRetcode(retcode, req.actionId, {
    comment: 'resolved by lookup after a timeout',
    ...extra,
  })
}

/**
 * After a cmd 12 reply or cmd 19 result timed out, establishes what happened WITHOUT re-sending:
 * looks at open orders/positions (cmd 4) and the history (cmd 5) in a window around the send time,
 * matching by comment, symbol, volume, type and time. Tickets in `exclude` are never matched, and
 * when more than one order fits, the outcome is left unknown rather than guessed.
 *
 * @example
 * const found = await resolveTradeOutcome(client, { request, sentAtMs })
 * if (!found) console.log('still unknown')
 * @param client a logged-in client
 * @param params the request sent and when
 * @returns the result found, or `undefined` when nothing conclusive was found
 * @throws MT5TimeoutError, SessionError, ServerError, ProtocolError when the lookups fail
 */
export async function resolveTradeOutcome(
  client: BaseClient,
  params: ResolveTradeOutcomeParameters,
): Promise<TradeResult | undefined> {
  const req = params.request
  const offsetMs = (params.serverOffsetSeconds ?? 0) * 1000
  // server stamps can be UTC or server-local: accept anything from 2 minutes before the send in either
  // and the server clock may differ from ours: the last quote's server time bounds it too
  const localLower = params.sentAtMs + Math.min(0, offsetMs)
  const lowerMs =
    (params.serverTimeMs !== undefined && params.serverTimeMs > 0
      ? Math.min(localLower, params.serverTimeMs)
      : localLower) - 120_000
  const snap = await positionsAndOrders(client)
  const volume = volumeToLots(req.tradeVolume)
  const recent = (ms: number) => ms >= lowerMs
  const sameComment = (c: string) => req.comment === '' || c === req.comment
  const free = (ticket: bigint) => params.exclude?.has(ticket) !== true
  /** The only element, or undefined when there is none or more than one (ambiguous). */
  const only = <T>(xs: readonly T[]): T | undefined => (xs.length === 1 ? xs[0] : undefined)

  switch (req.tradeAction) {
    case TradeAction.SlTp: {
      const p = snap.positions.find((x) => x.ticket === req.tradePosition)
      if (p && p.sl === req.priceSl && p.tp === req.priceTp) return done(req, TradeRetcode.Done)
      return undefined
    }
    case TradeAction.Modify: {
      const o = snap.orders.find((x) => x.ticket === req.tradeOrder)
      if (
        o &&
        o.priceOrder === req.priceOrder &&
        o.sl === req.priceSl &&
        o.tp === req.priceTp &&
        o.priceTrigger === req.priceTrigger
      )
        return done(req, TradeRetcode.Done, { order: o.ticket })
      return undefined
    }
    case TradeAction.Remove: {
      if (!snap.orders.some((x) => x.ticket === req.tradeOrder))
        return done(req, TradeRetcode.Done, { order: req.tradeOrder })
      return undefined
    }
    case TradeAction.CloseBy: {
      const hasA = snap.positions.some((x) => x.ticket === req.tradePosition)
      const hasB = snap.positions.some((x) => x.ticket === req.positionBy)
      if (!hasA || !hasB) return done(req, TradeRetcode.Done)
      return undefined
    }
    case TradeAction.Pending: {
      const match = (o: Order) =>
        free(o.ticket) &&
        o.symbol === req.tradeSymbol &&
        o.type === req.tradeType &&
        o.volumeInitial === volume &&
        sameComment(o.comment) &&
        recent(o.timeSetupMs) &&
        (req.priceOrder === 0 || o.priceOrder === req.priceOrder)
      const candidates = snap.orders.filter(match)
      if (candidates.length > 1) return undefined
      const open = candidates[0]
      if (open)
        return done(req, TradeRetcode.Placed, {
          order: open.ticket,
          volume,
          price: open.priceOrder,
          comment: open.comment,
        })
      const h = await history(client, {
        from: Math.max(0, Math.floor(lowerMs / 1000) - 86_400),
        symbol: req.tradeSymbol,
      })
      const old = only(h.orders.filter(match))
      if (old)
        return done(req, TradeRetcode.Placed, {
          order: old.ticket,
          volume,
          price: old.priceOrder,
          comment: old.comment,
        })
      return undefined
    }
    default: {
      if (!isMarketAction(req.tradeAction)) return undefined
      const h = await history(client, {
        from: Math.max(0, Math.floor(lowerMs / 1000) - 86_400),
        symbol: req.tradeSymbol,
      })
      const side = isBuy(req.tradeType) ? 0 : 1
      const matchDeal = (d: Deal) =>
        free(d.ticket) &&
        free(d.order) &&
        d.type === side &&
        d.volume <= volume &&
        d.volume > 0 &&
        sameComment(d.comment) &&
        recent(d.timeMs) &&
        (req.tradePosition === 0n || d.positionId === req.tradePosition)
      const deals = h.deals.filter(matchDeal).sort((a, b) => b.timeMs - a.timeMs)
      // the deals of one order (partial fills) are fine; deals of several orders are ambiguous
      if (new Set(deals.map((d) => d.order)).size > 1) return undefined
      const deal = deals[0]
      if (deal) {
        const retcode = deal.volume === volume ? TradeRetcode.Done : TradeRetcode.DonePartial
        return done(req, retcode, {
          deal: deal.ticket,
          order: deal.order,
          volume: deal.volume,
          price: deal.price,
          comment: deal.comment,
        })
      }
      const rejected = only(
        h.orders.filter(
          (o) =>
            free(o.ticket) &&
            o.symbol === req.tradeSymbol &&
            o.type === req.tradeType &&
            o.volumeInitial === volume &&
            sameComment(o.comment) &&
            recent(o.timeSetupMs),
        ),
      )
      if (rejected && (rejected.state === 2 || rejected.state === 5 || rejected.state === 6))
        return done(req, TradeRetcode.Reject, { order: rejected.ticket, comment: rejected.comment })
      return undefined
    }
  }
}
