/** Pending-order requests: place (action 5), modify (7) and remove (8). */
import type { OrderRecord } from '../../codec/schemas/order.js'
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import type { TradeResultRecord } from '../../codec/schemas/tradeResult.js'
import type { Account } from './account.js'
import { pendingCount } from './book.js'
import type { SymbolSpec } from './config.js'
import {
  FlagMask,
  isBuyType,
  isPendingType,
  OrderState,
  OrderType,
  Retcode,
  TimeType,
  TxType,
} from './constants.js'
import type { Ctx, EngineCore } from './core.js'
import type { Positions } from './positions.js'
import type { Records } from './records.js'
import {
  checkExpiration,
  checkFilling,
  checkFreeze,
  checkOrderKind,
  checkPendingPrices,
  checkSession,
  checkSlTpAllowed,
  checkTradeMode,
  checkVolume,
  type Quote,
} from './validate.js'

/** PendingRequests of an engine, bound to its shared state. */
export type PendingRequests = ReturnType<typeof createPendingRequests>

export function createPendingRequests(core: EngineCore, records: Records, positions: Positions) {
  const { specs, now, quoteOf, emitOrder, result } = core
  const { newOrder, finishOrder } = records
  const { sideVolume } = positions

  const pendingChecks = (
    spec: SymbolSpec,
    quote: Quote,
    type: number,
    r: Pick<
      TradeRequestRecord,
      'priceOrder' | 'priceTrigger' | 'priceSl' | 'priceTp' | 'typeTime' | 'timeExpiration'
    >,
  ): number => {
    let rc = checkSlTpAllowed(spec, r.priceSl, r.priceTp)
    if (rc === 0) rc = checkExpiration(spec, r.typeTime, r.timeExpiration, now())
    if (rc === 0)
      rc = checkPendingPrices(spec, type, quote, r.priceOrder, r.priceTrigger, r.priceSl, r.priceTp)
    return rc
  }

  const place = (ctx: Ctx, req: TradeRequestRecord): TradeResultRecord => {
    const acc = ctx.acc
    const spec = specs.get(req.tradeSymbol)
    if (!spec) return result(Retcode.Invalid, undefined)
    const quote = quoteOf(spec)
    const type = req.tradeType
    if (!isPendingType(type)) return result(Retcode.InvalidOrder, quote)
    const isBuy = isBuyType(type)
    let rc = checkTradeMode(spec, isBuy, false)
    if (rc === 0) rc = checkSession(spec, now())
    if (rc !== 0) return result(rc, quote)
    if (!quote) return result(Retcode.PriceOff, undefined)
    rc = checkOrderKind(spec, type)
    if (rc === 0) rc = checkVolume(spec, req.tradeVolume)
    if (rc === 0) rc = checkFilling(spec, req.typeFilling, false)
    if (rc === 0) rc = pendingChecks(spec, quote, type, req)
    if (rc !== 0) return result(rc, quote)
    if (acc.config.maxPendingOrders > 0 && pendingCount(acc.book) >= acc.config.maxPendingOrders)
      return result(Retcode.LimitOrders, quote)
    const limit = spec.trade.volumeLimit
    if (limit > 0n && sideVolume(acc, spec.config.name, isBuy) + req.tradeVolume > limit)
      return result(Retcode.LimitVolume, quote)
    const isStopLimit = type === OrderType.BuyStopLimit || type === OrderType.SellStopLimit
    const order = newOrder(
      acc,
      spec,
      {
        orderType: type,
        typeFilling: req.typeFilling,
        typeTime: req.typeTime,
        timeExpiration: req.typeTime >= TimeType.Specified ? req.timeExpiration : 0,
        priceOrder: req.priceOrder,
        priceTrigger: isStopLimit ? req.priceTrigger : 0,
        priceCurrent: isBuy ? quote.ask : quote.bid,
        priceSl: req.priceSl,
        priceTp: req.priceTp,
        volumeInitial: req.tradeVolume,
        volumeCurrent: req.tradeVolume,
        orderState: OrderState.Placed,
        comment: req.comment,
      },
      ctx.reason,
    )
    acc.book.orders.set(order.tradeOrder, order)
    emitOrder(ctx, FlagMask.OpenOrder, TxType.Add, order)
    return result(Retcode.Placed, quote, {
      tradeOrder: order.tradeOrder,
      volume: order.volumeInitial,
      price: order.priceOrder,
    })
  }

  const activePending = (acc: Account, ticket: bigint): OrderRecord | undefined => {
    const o = acc.book.orders.get(ticket)
    if (!o || !isPendingType(o.orderType)) return undefined
    return o.orderState === OrderState.Placed || o.orderState === OrderState.Partial ? o : undefined
  }

  const triggerPrice = (o: OrderRecord, q: Quote): number => (isBuyType(o.orderType) ? q.ask : q.bid)

  const modify = (ctx: Ctx, req: TradeRequestRecord): TradeResultRecord => {
    const order = activePending(ctx.acc, req.tradeOrder)
    if (!order) return result(Retcode.Invalid, undefined)
    const spec = specs.get(order.tradeSymbol)
    if (!spec) return result(Retcode.Invalid, undefined)
    const quote = quoteOf(spec)
    let rc = checkSession(spec, now())
    if (rc !== 0) return result(rc, quote)
    if (!quote) return result(Retcode.PriceOff, undefined)
    const isStopLimit =
      order.orderType === OrderType.BuyStopLimit || order.orderType === OrderType.SellStopLimit
    const trigger = isStopLimit ? req.priceTrigger : 0
    const expiration = req.typeTime >= TimeType.Specified ? req.timeExpiration : 0
    if (
      order.priceOrder === req.priceOrder &&
      order.priceTrigger === trigger &&
      order.priceSl === req.priceSl &&
      order.priceTp === req.priceTp &&
      order.typeTime === req.typeTime &&
      order.timeExpiration === expiration
    ) {
      return result(Retcode.NoChanges, quote)
    }
    rc = pendingChecks(spec, quote, order.orderType, { ...req, priceTrigger: trigger })
    if (rc === 0) rc = checkFreeze(spec, triggerPrice(order, quote), order.priceOrder)
    if (rc !== 0) return result(rc, quote)
    order.priceOrder = req.priceOrder
    order.priceTrigger = trigger
    order.priceSl = req.priceSl
    order.priceTp = req.priceTp
    order.typeTime = req.typeTime
    order.timeExpiration = expiration
    emitOrder(ctx, FlagMask.OpenOrder, TxType.Update, order)
    return result(Retcode.Done, quote, {
      tradeOrder: order.tradeOrder,
      volume: order.volumeCurrent,
      price: order.priceOrder,
    })
  }

  const remove = (ctx: Ctx, req: TradeRequestRecord): TradeResultRecord => {
    const order = activePending(ctx.acc, req.tradeOrder)
    if (!order) return result(Retcode.Invalid, undefined)
    const spec = specs.get(order.tradeSymbol)
    if (!spec) return result(Retcode.Invalid, undefined)
    const quote = quoteOf(spec)
    let rc = checkSession(spec, now())
    if (rc === 0 && quote) rc = checkFreeze(spec, triggerPrice(order, quote), order.priceOrder)
    if (rc !== 0) return result(rc, quote)
    finishOrder(ctx, order, OrderState.Canceled)
    return result(Retcode.Done, quote, {
      tradeOrder: order.tradeOrder,
      volume: order.volumeCurrent,
      price: order.priceOrder,
    })
  }

  return { place, modify, remove }
}
