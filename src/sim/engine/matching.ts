/**
 * Matching at the current prices: pending orders triggered, RETURN remainders filled, SL/TP hit,
 * stop-out.
 */
import type { PositionRecord } from '../../codec/schemas/position.js'
import type { Account } from './account.js'
import { positionsOf } from './book.js'
import type { SymbolSpec } from './config.js'
import { Filling, FlagMask, isBuyType, OrderState, OrderType, Reason, TxType } from './constants.js'
import type { Ctx, EngineCore } from './core.js'
import type { Fill } from './fill.js'
import type { Positions } from './positions.js'
import type { Records } from './records.js'
import type { EngineEvent } from './types.js'

/** Matching of an engine, bound to its shared state. */
export type Matching = ReturnType<typeof createMatching>

export function createMatching(core: EngineCore, records: Records, positions: Positions, fill: Fill) {
  const { specs, accounts, quoteOf, summary, emitOrder } = core
  const { finishOrder } = records
  const { revalue, marginAfter } = positions
  const { liquidity, execute, serverClose } = fill

  const matchSymbol = (acc: Account, spec: SymbolSpec, events: EngineEvent[]): void => {
    const q = quoteOf(spec)
    if (!q) return
    revalue(acc, spec)
    const ctx: Ctx = { acc, events, reason: Reason.Client }
    const name = spec.config.name
    for (const order of [...acc.book.orders.values()]) {
      if (order.tradeSymbol !== name || !acc.book.orders.has(order.tradeOrder)) continue
      ctx.reason = order.typeReason
      const type = order.orderType
      order.priceCurrent = isBuyType(type) ? q.ask : q.bid
      if (type === OrderType.Buy || type === OrderType.Sell) {
        // RETURN remainder of a market order: keeps filling at market.
        execute(
          ctx,
          spec,
          order,
          type === OrderType.Buy ? q.ask : q.bid,
          acc.book.positions.get(order.positionId),
        )
        continue
      }
      if (type === OrderType.BuyStopLimit || type === OrderType.SellStopLimit) {
        const hit = type === OrderType.BuyStopLimit ? q.ask >= order.priceOrder : q.bid <= order.priceOrder
        if (!hit) continue
        order.orderType = type === OrderType.BuyStopLimit ? OrderType.BuyLimit : OrderType.SellLimit
        order.priceOrder = order.priceTrigger
        order.priceTrigger = 0
        emitOrder(ctx, FlagMask.OpenOrder, TxType.Update, order)
      }
      const t = order.orderType
      const hit =
        t === OrderType.BuyLimit
          ? q.ask <= order.priceOrder
          : t === OrderType.SellLimit
            ? q.bid >= order.priceOrder
            : t === OrderType.BuyStop
              ? q.ask >= order.priceOrder
              : q.bid <= order.priceOrder
      if (!hit) continue
      const isBuy = isBuyType(t)
      const price =
        t === OrderType.BuyLimit || t === OrderType.SellLimit ? order.priceOrder : isBuy ? q.ask : q.bid
      if (marginAfter(acc, spec, isBuy, order.volumeCurrent, price) > summary(acc).equity + 1e-9) {
        order.comment = '[no money]'
        finishOrder(ctx, order, OrderState.Rejected)
        continue
      }
      if (order.typeFilling === Filling.Fok && liquidity(spec, order.volumeCurrent) < order.volumeCurrent) {
        finishOrder(ctx, order, OrderState.Canceled)
        continue
      }
      execute(ctx, spec, order, price, undefined)
    }
    for (const pos of positionsOf(acc.book, name)) {
      if (!acc.book.positions.has(pos.positionId)) continue
      const isBuy = pos.tradeAction === 0
      const px = isBuy ? q.bid : q.ask
      const d = spec.config.digits
      if (pos.sl !== 0 && (isBuy ? px <= pos.sl : px >= pos.sl)) {
        serverClose(acc, spec, pos, Reason.Sl, `[sl ${pos.sl.toFixed(d)}]`, events)
      } else if (pos.tp !== 0 && (isBuy ? px >= pos.tp : px <= pos.tp)) {
        serverClose(acc, spec, pos, Reason.Tp, `[tp ${pos.tp.toFixed(d)}]`, events)
      }
    }
  }

  /** Stop-out: while the margin level is below `marginSoSo`, close the most losing position. */
  const stopOut = (acc: Account, events: EngineEvent[]): void => {
    for (let guard = acc.book.positions.size; guard > 0; guard -= 1) {
      const s = summary(acc)
      if (s.margin <= 0 || s.marginLevel >= acc.config.marginSoSo) return
      let worst: PositionRecord | undefined
      for (const p of acc.book.positions.values()) if (!worst || p.profit < worst.profit) worst = p
      const spec = worst && specs.get(worst.tradeSymbol)
      if (!worst || !spec) return
      serverClose(acc, spec, worst, Reason.StopOut, `[so ${s.marginLevel.toFixed(2)}%]`, events)
    }
  }

  const onTick = (symbol?: string): EngineEvent[] => {
    const events: EngineEvent[] = []
    const list =
      symbol === undefined
        ? [...specs.values()]
        : [specs.get(symbol)].filter((s): s is SymbolSpec => s !== undefined)
    for (const acc of accounts.values()) {
      for (const spec of list) matchSymbol(acc, spec, events)
      stopOut(acc, events)
    }
    return events
  }

  return { matchSymbol, stopOut, onTick }
}
