/**
 * Filling an active order at a price as far as the symbol's liquidity allows, and the server's own
 * market closes (SL, TP, stop-out).
 */
import type { DealRecord } from '../../codec/schemas/deal.js'
import type { OrderRecord } from '../../codec/schemas/order.js'
import type { PositionRecord } from '../../codec/schemas/position.js'
import type { Account } from './account.js'
import { copyRecord } from './book.js'
import type { SymbolSpec } from './config.js'
import { FillFlag, Filling, FlagMask, OrderState, OrderType, TxType } from './constants.js'
import type { Ctx, EngineCore } from './core.js'
import type { Positions } from './positions.js'
import type { Records } from './records.js'
import type { EngineEvent } from './types.js'

interface FillOutcome {
  deal: DealRecord
  volume: bigint
  price: number
}

/** Fill of an engine, bound to its shared state. */
export type Fill = ReturnType<typeof createFill>

export function createFill(core: EngineCore, records: Records, positions: Positions) {
  const { quoteOf, summary, emitOrder } = core
  const { newOrder, finishOrder } = records
  const { book } = positions

  const liquidity = (spec: SymbolSpec, remaining: bigint): bigint =>
    spec.maxFillUnits > 0n && remaining > spec.maxFillUnits ? spec.maxFillUnits : remaining

  /**
   * Fills an active order (market, or a triggered pending one) at `price` as far as liquidity allows,
   * emitting: order delete + history add (or update when a RETURN remainder stays), deal, account.
   */
  const execute = (
    ctx: Ctx,
    spec: SymbolSpec,
    order: OrderRecord,
    price: number,
    target: PositionRecord | undefined,
    unlimited = false,
  ): FillOutcome => {
    const volume = unlimited ? order.volumeCurrent : liquidity(spec, order.volumeCurrent)
    const { deal, position, closed } = book(ctx, spec, order, volume, price, target)
    order.volumeCurrent -= volume
    order.positionId = deal.positionId
    order.priceCurrent = price
    if (order.volumeCurrent === 0n) finishOrder(ctx, order, OrderState.Filled)
    else if (order.typeFilling === Filling.Return) {
      order.orderState = OrderState.Partial
      emitOrder(ctx, FlagMask.OpenOrder, TxType.Update, order)
    } else finishOrder(ctx, order, OrderState.Canceled)
    const summaryNow = summary(ctx.acc)
    const posCopy = copyRecord(position)
    if (closed) posCopy.tradeVolume = 0n
    ctx.events.push({
      type: 'deal',
      login: ctx.acc.config.login,
      deal: copyRecord(deal),
      position: posCopy,
      positionClosed: closed,
      account: summaryNow,
    })
    ctx.events.push({ type: 'account', login: ctx.acc.config.login, account: summaryNow })
    return { deal, volume, price }
  }

  const defaultFilling = (spec: SymbolSpec): number =>
    (spec.trade.tradeFillFlags & FillFlag.Fok) !== 0
      ? Filling.Fok
      : (spec.trade.tradeFillFlags & FillFlag.Ioc) !== 0
        ? Filling.Ioc
        : Filling.Return

  /** Closes a whole position at market on behalf of the server (SL, TP, stop-out). */
  const serverClose = (
    acc: Account,
    spec: SymbolSpec,
    pos: PositionRecord,
    reason: number,
    comment: string,
    events: EngineEvent[],
  ): void => {
    const q = quoteOf(spec)
    if (!q) return
    const ctx: Ctx = { acc, events, reason }
    const isBuy = pos.tradeAction === 0
    const order = newOrder(
      acc,
      spec,
      {
        orderType: isBuy ? OrderType.Sell : OrderType.Buy,
        typeFilling: defaultFilling(spec),
        priceOrder: isBuy ? q.bid : q.ask,
        volumeInitial: pos.tradeVolume,
        volumeCurrent: pos.tradeVolume,
        positionId: pos.positionId,
        comment,
      },
      reason,
    )
    acc.book.orders.set(order.tradeOrder, order)
    emitOrder(ctx, FlagMask.OpenOrder, TxType.Add, order)
    execute(ctx, spec, order, isBuy ? q.bid : q.ask, pos, true)
  }

  return { liquidity, execute, defaultFilling, serverClose }
}
