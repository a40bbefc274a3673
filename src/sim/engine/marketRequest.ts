/** Market requests (trade actions 0–4): checks, requotes, volume limit and margin, then the fill. */
import type { PositionRecord } from '../../codec/schemas/position.js'
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import type { TradeResultRecord } from '../../codec/schemas/tradeResult.js'
import { positionsOf } from './book.js'
import {
  ExeMode,
  Filling,
  FlagMask,
  MarginMode,
  OrderType,
  Retcode,
  TradeAction,
  TxType,
} from './constants.js'
import type { Ctx, EngineCore } from './core.js'
import type { Fill } from './fill.js'
import type { Positions } from './positions.js'
import type { Records } from './records.js'
import {
  checkFilling,
  checkMarketAction,
  checkOrderKind,
  checkPositionStops,
  checkSession,
  checkSlTpAllowed,
  checkTradeMode,
  checkVolume,
} from './validate.js'

/** MarketRequest of an engine, bound to its shared state. */
export type MarketRequest = ReturnType<typeof createMarketRequest>

export function createMarketRequest(core: EngineCore, records: Records, positions: Positions, fill: Fill) {
  const { specs, now, quoteOf, summary, emitOrder, result } = core
  const { newOrder } = records
  const { marginAfter, sideVolume, closedBefore } = positions
  const { liquidity, execute } = fill

  const market = (ctx: Ctx, req: TradeRequestRecord): TradeResultRecord => {
    const acc = ctx.acc
    const spec = specs.get(req.tradeSymbol)
    if (!spec) return result(Retcode.Invalid, undefined)
    const quote = quoteOf(spec)
    const type = req.tradeType
    if (type !== OrderType.Buy && type !== OrderType.Sell) return result(Retcode.InvalidOrder, quote)
    const actionRc = checkMarketAction(spec, req.tradeAction)
    if (actionRc !== 0) return result(actionRc, quote)
    const isBuy = type === OrderType.Buy
    const hedging = acc.config.marginMode === MarginMode.RetailHedging
    let target: PositionRecord | undefined
    if (req.tradePosition !== 0n) {
      target = acc.book.positions.get(req.tradePosition)
      if (!target)
        return result(closedBefore(acc, req.tradePosition) ? Retcode.PositionClosed : Retcode.Invalid, quote)
      if (target.tradeSymbol !== spec.config.name || (target.tradeAction === 0) === isBuy)
        return result(Retcode.Invalid, quote)
    }
    const netted = hedging ? undefined : positionsOf(acc.book, spec.config.name)[0]
    const opposite = target ?? (netted && (netted.tradeAction === 0) !== isBuy ? netted : undefined)
    const volume = req.tradeVolume
    const closing = opposite !== undefined && volume <= opposite.tradeVolume
    let rc = checkTradeMode(spec, isBuy, closing)
    if (rc === 0) rc = checkSession(spec, now())
    if (rc !== 0) return result(rc, quote)
    if (!quote) return result(Retcode.PriceOff, undefined)
    rc = checkOrderKind(spec, type)
    if (rc === 0) {
      if (target && volume > target.tradeVolume) rc = Retcode.InvalidVolume
      else rc = checkVolume(spec, volume, closing && volume === opposite?.tradeVolume)
    }
    if (rc === 0) rc = checkFilling(spec, req.typeFilling, true)
    if (rc === 0 && !target) rc = checkSlTpAllowed(spec, req.priceSl, req.priceTp)
    if (rc === 0 && !target && !closing) rc = checkPositionStops(spec, isBuy, quote, req.priceSl, req.priceTp)
    if (rc !== 0) return result(rc, quote)
    if (req.tradeAction === TradeAction.Price) return result(Retcode.Prices, quote)
    const marketPrice = isBuy ? quote.ask : quote.bid
    const exe = spec.trade.tradeExemode
    if (
      (req.tradeAction === TradeAction.Request || req.tradeAction === TradeAction.Instant) &&
      (exe === ExeMode.Request || exe === ExeMode.Instant) &&
      req.priceOrder > 0 &&
      Math.abs(req.priceOrder - marketPrice) > req.priceDeviation * spec.point + 1e-9
    ) {
      return result(Retcode.Requote, quote)
    }
    if (!closing) {
      const limit = spec.trade.volumeLimit
      if (limit > 0n && sideVolume(acc, spec.config.name, isBuy) + volume > limit)
        return result(Retcode.LimitVolume, quote)
      const equity = summary(acc).equity
      if (marginAfter(acc, spec, isBuy, volume, marketPrice) > equity + 1e-9)
        return result(Retcode.NoMoney, quote)
    }
    if (req.typeFilling === Filling.Fok && liquidity(spec, volume) < volume)
      return result(Retcode.Reject, quote)
    const order = newOrder(
      acc,
      spec,
      {
        orderType: type,
        typeFilling: req.typeFilling,
        priceOrder: req.priceOrder > 0 ? req.priceOrder : marketPrice,
        priceCurrent: marketPrice,
        priceSl: target ? 0 : req.priceSl,
        priceTp: target ? 0 : req.priceTp,
        volumeInitial: volume,
        volumeCurrent: volume,
        positionId: opposite?.positionId ?? netted?.positionId ?? 0n,
        comment: req.comment,
      },
      ctx.reason,
    )
    acc.book.orders.set(order.tradeOrder, order)
    emitOrder(ctx, FlagMask.OpenOrder, TxType.Add, order)
    const fill = execute(ctx, spec, order, marketPrice, target)
    const partial = fill.volume < volume
    return result(partial ? Retcode.DonePartial : Retcode.Done, quote, {
      deal: fill.deal.deal,
      tradeOrder: order.tradeOrder,
      volume: fill.volume,
      price: fill.price,
    })
  }

  return { market }
}
