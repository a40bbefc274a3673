/**
 * Out-of-band control of the engine, acting as the terminal user (reason 0, client): open/close
 * positions, place/modify/cancel orders, close-by and SL/TP changes, with prices in plain numbers and
 * volumes in lots. Each call goes through the same checks as a client request.
 */

import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import { ExeMode, FillFlag, Filling, lotsToUnits, Reason, TimeType, TradeAction } from './constants.js'
import type { Engine, EngineResult, ProcessOptions } from './engine.js'
import { makeRequest } from './request.js'

/** A market order. */
export interface OpenParameters {
  symbol: string
  /** 0 buy, 1 sell. */
  type: 0 | 1
  lots: number
  sl?: number
  tp?: number
  comment?: string
  /** Filling (default: FOK on request/instant execution, else IOC if allowed, else FOK, else RETURN). */
  filling?: number
}

/** A pending order (official roles: `price` = order/activation price, `stopLimit` = limit price). */
export interface PlaceParameters {
  symbol: string
  /** 2…7. */
  type: number
  lots: number
  price: number
  stopLimit?: number
  sl?: number
  tp?: number
  typeTime?: number
  /** Unix seconds. */
  expiration?: number
  comment?: string
  filling?: number
}

/** Changes of a pending order (omitted fields keep their values). */
export interface ModifyParameters {
  price?: number
  stopLimit?: number
  sl?: number
  tp?: number
  typeTime?: number
  expiration?: number
}

/** The control surface bound to one engine. */
export interface EngineControl {
  openPosition(login: number, p: OpenParameters): EngineResult
  /** Closes `lots` (default: all) of a position. */
  closePosition(login: number, position: bigint, lots?: number): EngineResult
  closeBy(login: number, position: bigint, by: bigint): EngineResult
  modifyPosition(login: number, position: bigint, sl: number, tp: number): EngineResult
  placeOrder(login: number, p: PlaceParameters): EngineResult
  modifyOrder(login: number, order: bigint, changes: ModifyParameters): EngineResult
  cancelOrder(login: number, order: bigint): EngineResult
  deposit(login: number, amount: number, comment?: string): EngineResult
  withdraw(login: number, amount: number, comment?: string): EngineResult
}

const MARKET_ACTION: Record<number, number> = {
  [ExeMode.Request]: TradeAction.Request,
  [ExeMode.Instant]: TradeAction.Instant,
  [ExeMode.Market]: TradeAction.Market,
  [ExeMode.Exchange]: TradeAction.Exchange,
}

/** Runs one request as the terminal user; the server passes one that also pushes to connections. */
export type ExecuteRequest = (
  login: number,
  request: TradeRequestRecord,
  options: ProcessOptions,
) => EngineResult

/**
 * Binds the control surface to `engine`. Requests are built as the desktop terminal would build them
 * and handed to `execute` (default: the engine alone, no pushes).
 */
export function engineControl(
  engine: Engine,
  execute: ExecuteRequest = (login, request, options) => engine.processRequest(login, request, options),
): EngineControl {
  const opts = { reason: Reason.Client }
  const spec = (symbol: string) => {
    const s = engine.symbol(symbol)
    if (!s) throw new RangeError(`unknown symbol ${symbol}`)
    return s
  }
  const marketFilling = (symbol: string): number => {
    const t = spec(symbol).trade
    if (t.tradeExemode === ExeMode.Request || t.tradeExemode === ExeMode.Instant) return Filling.Fok
    if (t.tradeFillFlags & FillFlag.Ioc) return Filling.Ioc
    if (t.tradeFillFlags & FillFlag.Fok) return Filling.Fok
    return Filling.Return
  }
  const marketRequest = (
    symbol: string,
    type: number,
    volume: bigint,
    extra: Parameters<typeof makeRequest>[0],
  ) => {
    const s = spec(symbol)
    const q = engine.feed.quote(symbol)
    const price = q ? (type === 0 ? q.ask : q.bid) : 0
    const instant = s.trade.tradeExemode <= ExeMode.Instant
    return makeRequest({
      tradeAction: MARKET_ACTION[s.trade.tradeExemode] ?? TradeAction.Market,
      tradeSymbol: symbol,
      tradeType: type,
      tradeVolume: volume,
      digits: s.config.digits,
      typeFilling: marketFilling(symbol),
      priceOrder: instant ? price : 0,
      ...extra,
    })
  }
  const position = (login: number, ticket: bigint) =>
    engine.snapshot(login).positions.find((p) => p.positionId === ticket)
  const order = (login: number, ticket: bigint) =>
    engine.snapshot(login).orders.find((o) => o.tradeOrder === ticket)
  return {
    openPosition(login, p) {
      const req = marketRequest(p.symbol, p.type, lotsToUnits(p.lots), {
        typeFlags: 2,
        priceSl: p.sl ?? 0,
        priceTp: p.tp ?? 0,
        comment: p.comment ?? '',
        ...(p.filling === undefined ? {} : { typeFilling: p.filling }),
      })
      return execute(login, req, opts)
    },
    closePosition(login, ticket, lots) {
      const pos = position(login, ticket)
      const volume = lots === undefined ? (pos?.tradeVolume ?? 0n) : lotsToUnits(lots)
      const symbol = pos?.tradeSymbol ?? ''
      if (!pos)
        return execute(
          login,
          makeRequest({ tradeAction: TradeAction.Market, tradePosition: ticket, tradeVolume: volume }),
          opts,
        )
      const req = marketRequest(symbol, pos.tradeAction === 0 ? 1 : 0, volume, {
        typeFlags: 3,
        tradePosition: ticket,
      })
      return execute(login, req, opts)
    },
    closeBy(login, ticket, by) {
      const pos = position(login, ticket)
      return execute(
        login,
        makeRequest({
          tradeAction: TradeAction.CloseBy,
          tradeSymbol: pos?.tradeSymbol ?? '',
          tradeType: pos?.tradeAction === 0 ? 1 : 0,
          typeFlags: 3,
          tradePosition: ticket,
          positionBy: by,
        }),
        opts,
      )
    },
    modifyPosition(login, ticket, sl, tp) {
      const pos = position(login, ticket)
      return execute(
        login,
        makeRequest({
          tradeAction: TradeAction.SlTp,
          tradeSymbol: pos?.tradeSymbol ?? '',
          tradeVolume: pos?.tradeVolume ?? 0n,
          tradePosition: ticket,
          priceSl: sl,
          priceTp: tp,
        }),
        opts,
      )
    },
    placeOrder(login, p) {
      const s = spec(p.symbol)
      return execute(
        login,
        makeRequest({
          tradeAction: TradeAction.Pending,
          tradeSymbol: p.symbol,
          tradeType: p.type,
          tradeVolume: lotsToUnits(p.lots),
          digits: s.config.digits,
          typeFilling: p.filling ?? Filling.Return,
          typeTime: p.typeTime ?? TimeType.Gtc,
          typeFlags: 2,
          priceOrder: p.price,
          priceTrigger: p.stopLimit ?? 0,
          priceSl: p.sl ?? 0,
          priceTp: p.tp ?? 0,
          timeExpiration: p.expiration ?? 0,
          comment: p.comment ?? '',
        }),
        opts,
      )
    },
    modifyOrder(login, ticket, c) {
      const o = order(login, ticket)
      return execute(
        login,
        makeRequest({
          tradeAction: TradeAction.Modify,
          tradeSymbol: o?.tradeSymbol ?? '',
          tradeOrder: ticket,
          tradeType: o?.orderType ?? 0,
          tradeVolume: o?.volumeInitial ?? 0n,
          priceOrder: c.price ?? o?.priceOrder ?? 0,
          priceTrigger: c.stopLimit ?? o?.priceTrigger ?? 0,
          priceSl: c.sl ?? o?.priceSl ?? 0,
          priceTp: c.tp ?? o?.priceTp ?? 0,
          typeTime: c.typeTime ?? o?.typeTime ?? 0,
          timeExpiration: c.expiration ?? o?.timeExpiration ?? 0,
        }),
        opts,
      )
    },
    cancelOrder(login, ticket) {
      const o = order(login, ticket)
      return execute(
        login,
        makeRequest({
          tradeAction: TradeAction.Remove,
          tradeSymbol: o?.tradeSymbol ?? '',
          tradeOrder: ticket,
          tradeType: o?.orderType ?? 0,
        }),
        opts,
      )
    },
    deposit: (login, amount, comment) => engine.balance(login, Math.abs(amount), comment),
    withdraw: (login, amount, comment) => engine.balance(login, -Math.abs(amount), comment),
  }
}
