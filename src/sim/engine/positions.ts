/**
 * Positions: revaluation at current prices, booking a deal into a position (open, add, close, netting
 * reversal), realised profit, and the margin a trade would leave.
 */
import type { DealRecord } from '../../codec/schemas/deal.js'
import type { OrderRecord } from '../../codec/schemas/order.js'
import type { PositionRecord } from '../../codec/schemas/position.js'
import { type Account, type MarginLeg, marginOf } from './account.js'
import { positionsOf } from './book.js'
import type { SymbolSpec } from './config.js'
import { DealEntry, DealType, isBuyType, MarginMode, OrderType, unitsToLots } from './constants.js'
import type { Ctx, EngineCore } from './core.js'
import { calcMargin } from './margin.js'
import { calcProfit, roundMoney } from './profit.js'
import type { Records } from './records.js'

/** Positions of an engine, bound to its shared state. */
export type Positions = ReturnType<typeof createPositions>

export function createPositions(core: EngineCore, records: Records) {
  const { specs, prices, now, sec, msPart, quoteOf } = core
  const { newDeal } = records

  /** Re-values the positions of one symbol at the current prices. */
  const revalue = (acc: Account, spec: SymbolSpec): void => {
    const q = quoteOf(spec)
    if (!q) return
    for (const p of positionsOf(acc.book, spec.config.name)) {
      const isBuy = p.tradeAction === 0
      p.priceClose = isBuy ? q.bid : q.ask
      const r = calcProfit(
        spec,
        isBuy ? 1 : -1,
        unitsToLots(p.tradeVolume),
        p.priceOpen,
        p.priceClose,
        acc.config.currency,
        prices,
      )
      if (r) {
        p.profit = roundMoney(r.profit, acc.config.digits)
        p.rateProfit = r.rate
      }
    }
  }

  const marginRate = (acc: Account, spec: SymbolSpec, isBuy: boolean, lots: number, price: number): number =>
    calcMargin(spec, isBuy ? 1 : -1, lots, price, acc.config.leverage, acc.config.currency, prices)?.rate ?? 1

  const openPosition = (
    ctx: Ctx,
    spec: SymbolSpec,
    order: OrderRecord,
    volume: bigint,
    price: number,
  ): PositionRecord => {
    const t = now()
    const isBuy = isBuyType(order.orderType)
    const p: PositionRecord = {
      positionId: order.tradeOrder,
      tradeOrder: order.tradeOrder,
      timeCreate: sec(t),
      timeUpdate: sec(t),
      tradeSymbol: spec.config.name,
      tradeAction: isBuy ? 0 : 1,
      priceOpen: price,
      priceClose: price,
      sl: order.priceSl,
      tp: order.priceTp,
      tradeVolume: volume,
      profit: 0,
      rateProfit: 1,
      rateMargin: marginRate(ctx.acc, spec, isBuy, unitsToLots(volume), price),
      commission: 0,
      storage: 0,
      expert: order.expert,
      expertPositionId: 0n,
      comment: order.comment,
      contractSize: spec.config.contractSize,
      digits: spec.config.digits,
      digitsCurrency: ctx.acc.config.digits,
      tradeReason: ctx.reason,
      externalId: '',
      timeCreateMs: msPart(t),
      timeUpdateMs: msPart(t),
    }
    ctx.acc.book.positions.set(p.positionId, p)
    return p
  }

  /** Realises the profit of `volume` of `pos` at `price`; returns the profit (deposit currency). */
  const realise = (
    ctx: Ctx,
    spec: SymbolSpec,
    pos: PositionRecord,
    volume: bigint,
    price: number,
  ): { profit: number; rate: number } => {
    const isBuy = pos.tradeAction === 0
    const r = calcProfit(
      spec,
      isBuy ? 1 : -1,
      unitsToLots(volume),
      pos.priceOpen,
      price,
      ctx.acc.config.currency,
      prices,
    )
    const profit = roundMoney(r?.profit ?? 0, ctx.acc.config.digits)
    ctx.acc.balance = roundMoney(ctx.acc.balance + profit, ctx.acc.config.digits)
    return { profit, rate: r?.rate ?? 0 }
  }

  /**
   * Books one deal of `order` for `volume` at `price`: opens, adds to, closes or reverses a position
   * (hedging: `target` closes that position, otherwise a new one; netting: nets into the symbol's one
   * position). Returns the deal and the position after it.
   */
  const book = (
    ctx: Ctx,
    spec: SymbolSpec,
    order: OrderRecord,
    volume: bigint,
    price: number,
    target: PositionRecord | undefined,
    entryOverride?: number,
  ): { deal: DealRecord; position: PositionRecord; closed: boolean } => {
    const acc = ctx.acc
    const isBuy = isBuyType(order.orderType)
    const hedging = acc.config.marginMode === MarginMode.RetailHedging
    const existing = target ?? (hedging ? undefined : positionsOf(acc.book, spec.config.name)[0])
    const base: Partial<DealRecord> = {
      tradeOrder: order.tradeOrder,
      tradeAction: isBuy ? DealType.Buy : DealType.Sell,
      priceOpen: price,
      tradeVolume: volume,
      expert: order.expert,
      comment: order.comment,
      tradeReason: ctx.reason,
    }
    const t = now()
    let position: PositionRecord
    let closed = false
    let deal: DealRecord
    if (!existing) {
      position = openPosition(ctx, spec, order, volume, price)
      deal = newDeal(acc, spec, {
        ...base,
        entry: DealEntry.In,
        positionId: position.positionId,
        sl: position.sl,
        tp: position.tp,
        rateMargin: position.rateMargin,
      })
    } else if ((existing.tradeAction === 0) === isBuy) {
      position = existing
      const total = existing.tradeVolume + volume
      const avg = (existing.priceOpen * Number(existing.tradeVolume) + price * Number(volume)) / Number(total)
      existing.priceOpen = Number(avg.toFixed(spec.config.digits + 3))
      existing.tradeVolume = total
      if (order.orderType === OrderType.Buy || order.orderType === OrderType.Sell) {
        // a market order carries the SL/TP the position keeps (0 clears), as a server applies what
        // it receives; the official client resends the existing values when the user gives none
        existing.sl = order.priceSl
        existing.tp = order.priceTp
      } else {
        // a triggered pending order only sets the values it has
        if (order.priceSl !== 0) existing.sl = order.priceSl
        if (order.priceTp !== 0) existing.tp = order.priceTp
      }
      deal = newDeal(acc, spec, {
        ...base,
        entry: DealEntry.In,
        positionId: existing.positionId,
        sl: existing.sl,
        tp: existing.tp,
        rateMargin: existing.rateMargin,
      })
    } else if (volume <= existing.tradeVolume) {
      position = existing
      const { profit, rate } = realise(ctx, spec, existing, volume, price)
      const openPrice = existing.priceOpen
      existing.tradeVolume -= volume
      if (existing.tradeVolume === 0n) {
        acc.book.positions.delete(existing.positionId)
        closed = true
      }
      deal = newDeal(acc, spec, {
        ...base,
        entry: entryOverride ?? DealEntry.Out,
        positionId: existing.positionId,
        priceClose: openPrice,
        profit,
        rateProfit: rate,
        rateMargin: existing.rateMargin,
        sl: existing.sl,
        tp: existing.tp,
      })
    } else {
      // Netting reversal: close the whole position, open the remainder the other way (same position id).
      position = existing
      const closedVolume = existing.tradeVolume
      const { profit, rate } = realise(ctx, spec, existing, closedVolume, price)
      const openPrice = existing.priceOpen
      existing.tradeAction = isBuy ? 0 : 1
      existing.tradeVolume = volume - closedVolume
      existing.priceOpen = price
      existing.sl = order.priceSl
      existing.tp = order.priceTp
      existing.rateMargin = marginRate(acc, spec, isBuy, unitsToLots(existing.tradeVolume), price)
      deal = newDeal(acc, spec, {
        ...base,
        entry: DealEntry.InOut,
        positionId: existing.positionId,
        priceClose: openPrice,
        profit,
        rateProfit: rate,
        rateMargin: existing.rateMargin,
        sl: existing.sl,
        tp: existing.tp,
      })
    }
    position.timeUpdate = sec(t)
    position.timeUpdateMs = msPart(t)
    acc.book.deals.push(deal)
    revalue(acc, spec)
    return { deal, position, closed }
  }

  /** Account margin if `volume` of `spec` were traded in direction `isBuy` at `price` (hedging adds, netting nets). */
  const marginAfter = (
    acc: Account,
    spec: SymbolSpec,
    isBuy: boolean,
    volume: bigint,
    price: number,
  ): number => {
    const legs: MarginLeg[] = [...acc.book.positions.values()].map((p) => ({ ...p }))
    const rate = marginRate(acc, spec, isBuy, unitsToLots(volume), price)
    const hedging = acc.config.marginMode === MarginMode.RetailHedging
    const existing = hedging ? undefined : legs.find((p) => p.tradeSymbol === spec.config.name)
    const action = isBuy ? 0 : 1
    if (!existing) {
      legs.push({
        tradeSymbol: spec.config.name,
        tradeAction: action,
        tradeVolume: volume,
        priceOpen: price,
        rateMargin: rate,
      })
    } else if (existing.tradeAction === action) {
      existing.tradeVolume += volume
    } else if (volume > existing.tradeVolume) {
      existing.tradeVolume = volume - existing.tradeVolume
      existing.tradeAction = action
      existing.priceOpen = price
      existing.rateMargin = rate
    } else existing.tradeVolume -= volume
    return marginOf(legs, specs, acc.config.leverage, hedging)
  }

  const sideVolume = (acc: Account, symbol: string, isBuy: boolean): bigint => {
    let v = 0n
    for (const p of acc.book.positions.values())
      if (p.tradeSymbol === symbol && (p.tradeAction === 0) === isBuy) v += p.tradeVolume
    for (const o of acc.book.orders.values())
      if (o.tradeSymbol === symbol && isBuyType(o.orderType) === isBuy) v += o.volumeCurrent
    return v
  }

  const closedBefore = (acc: Account, positionId: bigint): boolean =>
    acc.book.deals.some((d) => d.positionId === positionId)

  return { revalue, marginRate, openPosition, realise, book, marginAfter, sideVolume, closedBefore }
}
