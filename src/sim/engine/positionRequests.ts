/** Position requests: SL/TP modification (action 6) and close-by (10). */
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import type { TradeResultRecord } from '../../codec/schemas/tradeResult.js'
import { copyRecord } from './book.js'
import {
  DealEntry,
  FlagMask,
  MarginMode,
  OrderState,
  OrderType,
  Retcode,
  TradeMode,
  TxType,
} from './constants.js'
import type { Ctx, EngineCore } from './core.js'
import type { Positions } from './positions.js'
import type { Records } from './records.js'
import { checkFreeze, checkPositionStops, checkSession, checkSlTpAllowed } from './validate.js'

/** PositionRequests of an engine, bound to its shared state. */
export type PositionRequests = ReturnType<typeof createPositionRequests>

export function createPositionRequests(core: EngineCore, records: Records, positions: Positions) {
  const { specs, now, sec, msPart, quoteOf, summary, emitOrder, emitAccount, result } = core
  const { newOrder, finishOrder } = records
  const { book, closedBefore } = positions

  const sltp = (ctx: Ctx, req: TradeRequestRecord): TradeResultRecord => {
    const acc = ctx.acc
    const pos = acc.book.positions.get(req.tradePosition)
    if (!pos)
      return result(
        closedBefore(acc, req.tradePosition) ? Retcode.PositionClosed : Retcode.Invalid,
        undefined,
      )
    const spec = specs.get(pos.tradeSymbol)
    if (!spec) return result(Retcode.Invalid, undefined)
    const quote = quoteOf(spec)
    let rc = spec.trade.tradeMode === TradeMode.Disabled ? Retcode.TradeDisabled : checkSession(spec, now())
    if (rc !== 0) return result(rc, quote)
    if (!quote) return result(Retcode.PriceOff, undefined)
    if (pos.sl === req.priceSl && pos.tp === req.priceTp) return result(Retcode.NoChanges, quote)
    const isBuy = pos.tradeAction === 0
    rc = checkSlTpAllowed(spec, req.priceSl, req.priceTp)
    if (rc === 0) rc = checkPositionStops(spec, isBuy, quote, req.priceSl, req.priceTp)
    const close = isBuy ? quote.bid : quote.ask
    if (rc === 0) rc = checkFreeze(spec, close, pos.sl) || checkFreeze(spec, close, pos.tp)
    if (rc !== 0) return result(rc, quote)
    const t = now()
    pos.sl = req.priceSl
    pos.tp = req.priceTp
    pos.timeUpdate = sec(t)
    pos.timeUpdateMs = msPart(t)
    const s = summary(acc)
    ctx.events.push({ type: 'position', login: acc.config.login, position: copyRecord(pos), account: s })
    return result(Retcode.Done, quote, { volume: pos.tradeVolume })
  }

  const closeBy = (ctx: Ctx, req: TradeRequestRecord): TradeResultRecord => {
    const acc = ctx.acc
    if (acc.config.marginMode !== MarginMode.RetailHedging) return result(Retcode.Invalid, undefined)
    const a = acc.book.positions.get(req.tradePosition)
    const b = acc.book.positions.get(req.positionBy)
    if (!a || !b || a === b || a.tradeSymbol !== b.tradeSymbol) return result(Retcode.Invalid, undefined)
    const spec = specs.get(a.tradeSymbol)
    if (!spec) return result(Retcode.Invalid, undefined)
    const quote = quoteOf(spec)
    if (a.tradeAction === b.tradeAction || (spec.trade.tradeOrderFlags & 64) === 0)
      return result(Retcode.InvalidOrder, quote)
    const rc = spec.trade.tradeMode === TradeMode.Disabled ? Retcode.TradeDisabled : checkSession(spec, now())
    if (rc !== 0) return result(rc, quote)
    let volume = a.tradeVolume
    if (b.tradeVolume < volume) volume = b.tradeVolume
    const order = newOrder(
      acc,
      spec,
      {
        orderType: OrderType.CloseBy,
        priceOrder: b.priceOpen,
        volumeInitial: volume,
        volumeCurrent: volume,
        positionId: a.positionId,
        comment: `#${a.positionId} by #${b.positionId}`.slice(0, 31),
      },
      ctx.reason,
    )
    acc.book.orders.set(order.tradeOrder, order)
    emitOrder(ctx, FlagMask.OpenOrder, TxType.Add, order)
    // Deal 1 closes A at B's open price (carries the whole profit); deal 2 closes B at its own price.
    const aBuy = a.tradeAction === 0
    const orderA = { ...order, orderType: aBuy ? OrderType.Sell : OrderType.Buy }
    const orderB = { ...order, orderType: aBuy ? OrderType.Buy : OrderType.Sell }
    const d1 = book(ctx, spec, orderA, volume, b.priceOpen, a, DealEntry.OutBy)
    const d2 = book(ctx, spec, orderB, volume, b.priceOpen, b, DealEntry.OutBy)
    order.volumeCurrent = 0n
    order.priceCurrent = b.priceOpen
    finishOrder(ctx, order, OrderState.Filled)
    const s = summary(acc)
    for (const d of [d1, d2]) {
      const p = copyRecord(d.position)
      if (d.closed) p.tradeVolume = 0n
      ctx.events.push({
        type: 'deal',
        login: acc.config.login,
        deal: copyRecord(d.deal),
        position: p,
        positionClosed: d.closed,
        account: s,
      })
    }
    emitAccount(ctx)
    return result(Retcode.Done, quote, {
      deal: d1.deal.deal,
      tradeOrder: order.tradeOrder,
      volume,
      price: b.priceOpen,
    })
  }

  return { sltp, closeBy }
}
