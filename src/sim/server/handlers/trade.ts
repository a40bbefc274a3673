/**
 * Trade request (cmd 12). Accepts the official 248-byte and the pymt5 236-byte layouts. The reply
 * is one u32: 0 = accepted, else an immediate retcode (malformed request, read-only session, an
 * injected rejection). An accepted request is processed by the engine right after the reply and
 * its pushes follow in the real order: cmd 10 transaction(s), cmd 14 account, cmd 19 result
 * (carrying the request's `actionId`). Injected trade faults (faults.ts) apply first.
 */
import { decodeAnyTradeRequest } from '../../../codec/messages/tradeRequest.js'
import { tradeResultSchema } from '../../../codec/schemas/tradeResult.js'
import { Retcode } from '../../engine/constants.js'
import type { CommandHandler } from '../connection.js'
import type { HandlerContext } from './context.js'
import { u32 } from './session.js'

/** Builds the trade handler of one broker. */
export function tradeHandlers(broker: HandlerContext): Record<number, CommandHandler> {
  const trade: CommandHandler = (conn, payload) => {
    let request: ReturnType<typeof decodeAnyTradeRequest>['request']
    try {
      request = decodeAnyTradeRequest(payload).request
    } catch {
      conn.reply(12, 0, u32(Retcode.Invalid))
      return
    }
    const login = conn.login!
    if (conn.investor) {
      conn.reply(12, 0, u32(Retcode.TradeDisabled))
      return
    }
    const fault = broker.tradeFaults.take(login)
    if (fault)
      broker.log('trade-fault', {
        broker: broker.name,
        login,
        fault: fault.kind,
        retcode: fault.kind === 'reject' ? fault.retcode : undefined,
        action: request.tradeAction,
        symbol: request.tradeSymbol,
        order: String(request.tradeOrder),
        comment: request.comment,
      })
    if (fault?.kind === 'drop') {
      // dropped first: the trade's own pushes never reach this socket either
      conn.drop()
      if (fault.after) broker.trade(login, request)
      return
    }
    if (fault?.kind === 'hold') {
      const outcome = broker.trade(login, request)
      const timer = setTimeout(() => {
        conn.reply(12, 0, u32(0))
        broker.pushResult(conn, request, outcome.result)
      }, fault.ms)
      timer.unref?.()
      return
    }
    if (fault?.kind === 'reject' && fault.via === 'reply') {
      conn.reply(12, 0, u32(fault.retcode))
      return
    }
    conn.reply(12, 0, u32(0))
    if (fault?.kind === 'reject') {
      broker.pushResult(conn, request, {
        ...tradeResultSchema.zero(),
        retcode: fault.retcode,
        comment: 'Rejected',
      })
      return
    }
    if (fault?.kind === 'requote') {
      if (broker.symbolByName(request.tradeSymbol)) broker.setPrice(request.tradeSymbol, fault.bid, fault.ask)
      broker.pushResult(conn, request, {
        ...tradeResultSchema.zero(),
        retcode: Retcode.Requote,
        bid: fault.bid,
        ask: fault.ask,
        comment: 'Requote',
      })
      return
    }
    broker.trade(login, request, conn)
  }
  return { 12: trade }
}
