/**
 * The trading engine of the simulator: accounts, order book, matching, SL/TP, expirations and balance
 * operations of one broker. Pure state machine — no sockets, no wire encoding. Every state change is
 * reported as an ordered list of `EngineEvent`s so the server can push cmd 10 / cmd 14 in the real order
 * (then cmd 19 with the `TradeResultRecord` for client requests).
 */
import type { DealRecord } from '../../codec/schemas/deal.js'
import type { OrderRecord } from '../../codec/schemas/order.js'
import type { PositionRecord } from '../../codec/schemas/position.js'
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import type { TradeResultRecord } from '../../codec/schemas/tradeResult.js'
import {
  type Account,
  type AccountSummary,
  createAccount,
  type MarginLeg,
  marginOf,
  summarize,
} from './account.js'
import { copyRecord, pendingCount, positionsOf } from './book.js'
import { type Clock, createManualClock, isManualClock } from './clock.js'
import { type AccountConfig, type BrokerConfig, resolveSymbol, type SymbolSpec } from './config.js'
import {
  DealEntry,
  DealType,
  ExeMode,
  FillFlag,
  Filling,
  FlagMask,
  isBuyType,
  isPendingType,
  MarginMode,
  OrderState,
  OrderType,
  Reason,
  Retcode,
  TimeType,
  TradeAction,
  TradeMode,
  TxType,
  unitsToLots,
} from './constants.js'
import type { PriceSource } from './conversion.js'
import { createFeed, type Feed } from './feed.js'
import { calcMargin } from './margin.js'
import { calcProfit, roundMoney } from './profit.js'
import { dayEnd } from './sessions.js'
import {
  checkExpiration,
  checkFilling,
  checkFreeze,
  checkMarketAction,
  checkOrderKind,
  checkPendingPrices,
  checkPositionStops,
  checkSession,
  checkSlTpAllowed,
  checkTradeMode,
  checkVolume,
  type Quote,
} from './validate.js'

/** An order was added, updated or deleted (cmd 10, `flagMask` 0 open order / 1 history order). */
export interface OrderEvent {
  type: 'order'
  login: number
  flagMask: 0 | 1
  /** 0 add, 1 update, 2 delete. */
  transactionType: 0 | 1 | 2
  order: OrderRecord
}

/** A deal was executed (cmd 10 deal form, `flagMask` 2: deal + position + balance tail). */
export interface DealEvent {
  type: 'deal'
  login: number
  deal: DealRecord
  /** The position after the deal (`tradeVolume` 0 when closed); null for balance operations. */
  position: PositionRecord | null
  /** True when the deal closed the position. */
  positionClosed: boolean
  account: AccountSummary
}

/** A position changed without a deal (SL/TP modification): cmd 10 deal form with a zero deal, update. */
export interface PositionEvent {
  type: 'position'
  login: number
  position: PositionRecord
  account: AccountSummary
}

/** Balance figures changed (cmd 14 account push). */
export interface AccountEvent {
  type: 'account'
  login: number
  account: AccountSummary
}

/** One state change, in the order the server must push them. */
export type EngineEvent = OrderEvent | DealEvent | PositionEvent | AccountEvent

/** Outcome of one trade request: the cmd 19 result and the changes it caused. */
export interface EngineResult {
  result: TradeResultRecord
  events: EngineEvent[]
}

/** Full state of one account. */
export interface AccountSnapshot {
  summary: AccountSummary
  orders: OrderRecord[]
  positions: PositionRecord[]
  historyOrders: OrderRecord[]
  deals: DealRecord[]
}

/** Options of `processRequest`. */
export interface ProcessOptions {
  /** Reason written into orders/deals/positions (default 2, web). */
  reason?: number
}

/** Options of `createEngine`. */
export interface EngineOptions {
  broker: BrokerConfig
  /** Default: a manual clock at 2026-01-07T00:00Z (Wednesday). */
  clock?: Clock
  /** Seed of the price feed (default 1). */
  seed?: number
  /** A feed to use instead of a new seeded one. */
  feed?: Feed
}

/** The trading engine of one broker. */
export interface Engine {
  readonly broker: BrokerConfig
  readonly clock: Clock
  readonly feed: Feed
  /** Resolved symbols (with wire `TradeSettings`). */
  symbols(): SymbolSpec[]
  /** One resolved symbol. */
  symbol(name: string): SymbolSpec | undefined
  /** Logins of the broker's accounts. */
  logins(): number[]
  /** Processes a client trade request of `login` (cmd 12) and returns the cmd 19 result plus the events. */
  processRequest(login: number, request: TradeRequestRecord, options?: ProcessOptions): EngineResult
  /** Sets a symbol's price in the feed and runs `onTick` for it. */
  setPrice(symbol: string, bid: number, ask: number): EngineEvent[]
  /** Re-values positions and matches orders/SL/TP of a symbol (all symbols when omitted) at the feed's prices. */
  onTick(symbol?: string): EngineEvent[]
  /** Expires orders whose time in force has ended at the clock's current time. */
  poll(): EngineEvent[]
  /** Advances a manual clock by `ms` and runs `poll` (throws with a non-manual clock). */
  advanceClock(ms: number): EngineEvent[]
  /** Balance operation (deal type 2): positive deposits, negative withdraws (10019 above free margin). */
  balance(login: number, amount: number, comment?: string): EngineResult
  /** Full state of an account (copies). */
  snapshot(login: number): AccountSnapshot
  /** Adds an account (e.g. one opened through cmd 30/39); throws when the login exists. */
  addAccount(config: AccountConfig): void
}

interface Ctx {
  acc: Account
  events: EngineEvent[]
  reason: number
}

interface FillOutcome {
  deal: DealRecord
  volume: bigint
  price: number
}

const RETCODE_COMMENTS: Record<number, string> = {
  [Retcode.Done]: 'Request executed',
  [Retcode.DonePartial]: 'Request executed partially',
  [Retcode.Placed]: 'Order placed',
  [Retcode.Prices]: 'Prices received',
  [Retcode.Requote]: 'Requote',
}

/** Creates the engine of a broker: one account per `broker.accounts` entry, a seeded feed. */
export function createEngine(options: EngineOptions): Engine {
  const { broker } = options
  const clock = options.clock ?? createManualClock()
  const specs = new Map<string, SymbolSpec>(broker.symbols.map((s) => [s.name, resolveSymbol(s)]))
  const feed = options.feed ?? createFeed({ symbols: broker.symbols, clock, seed: options.seed ?? 1 })
  const accounts = new Map<number, Account>(broker.accounts.map((a) => [a.login, createAccount(a)]))
  let nextOrder = broker.firstOrderTicket ?? 10_000_000n
  let nextDeal = broker.firstDealTicket ?? 5_000_000n
  const prices: PriceSource = { symbols: [...specs.values()], quote: (s) => feed.quote(s) }

  const now = (): number => clock.now()
  const sec = (ms: number): number => Math.floor(ms / 1000)
  const msPart = (ms: number): number => ms - sec(ms) * 1000
  const quoteOf = (spec: SymbolSpec): Quote | undefined => feed.quote(spec.config.name)
  const summary = (acc: Account): AccountSummary => summarize(acc, specs)

  const emitOrder = (ctx: Ctx, flagMask: 0 | 1, transactionType: 0 | 1 | 2, order: OrderRecord): void => {
    ctx.events.push({
      type: 'order',
      login: ctx.acc.config.login,
      flagMask,
      transactionType,
      order: copyRecord(order),
    })
  }
  const emitAccount = (ctx: Ctx): void => {
    ctx.events.push({ type: 'account', login: ctx.acc.config.login, account: summary(ctx.acc) })
  }

  const result = (
    retcode: number,
    quote: Quote | undefined,
    extra: Partial<Pick<TradeResultRecord, 'deal' | 'tradeOrder' | 'volume' | 'price'>> = {},
  ): TradeResultRecord => ({
    retcode,
    deal: 0n,
    tradeOrder: 0n,
    volume: 0n,
    price: 0,
    resTime: 0,
    bid: quote?.bid ?? 0,
    ask: quote?.ask ?? 0,
    last: 0,
    comment: RETCODE_COMMENTS[retcode] ?? '',
    ...extra,
  })

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

  const newOrder = (
    acc: Account,
    spec: SymbolSpec,
    fields: Partial<OrderRecord>,
    reason: number,
  ): OrderRecord => {
    const t = now()
    const ticket = nextOrder
    nextOrder += 1n
    return {
      tradeOrder: ticket,
      orderId: '',
      tradeSymbol: spec.config.name,
      timeSetup: sec(t),
      timeExpiration: 0,
      timeDone: 0,
      orderType: 0,
      typeFilling: 0,
      typeTime: 0,
      typeReason: reason,
      priceOrder: 0,
      priceTrigger: 0,
      priceCurrent: 0,
      priceSl: 0,
      priceTp: 0,
      volumeInitial: 0n,
      volumeCurrent: 0n,
      orderState: OrderState.Started,
      expert: 0n,
      positionId: 0n,
      comment: '',
      contractSize: spec.config.contractSize,
      digits: spec.config.digits,
      digitsCurrency: acc.config.digits,
      commissionDaily: 0,
      commissionMonthly: 0,
      marginRate: 0,
      activationMode: 0,
      timeSetupMs: msPart(t),
      timeDoneMs: 0,
      ...fields,
    }
  }

  /** Moves an active order to history with `state`, emitting delete + history add. */
  const finishOrder = (ctx: Ctx, order: OrderRecord, state: number): void => {
    const t = now()
    order.orderState = state
    order.timeDone = sec(t)
    order.timeDoneMs = msPart(t)
    ctx.acc.book.orders.delete(order.tradeOrder)
    ctx.acc.book.historyOrders.push(order)
    emitOrder(ctx, FlagMask.OpenOrder, TxType.Delete, order)
    emitOrder(ctx, FlagMask.HistoryOrder, TxType.Add, order)
  }

  const newDeal = (acc: Account, spec: SymbolSpec | undefined, fields: Partial<DealRecord>): DealRecord => {
    const t = now()
    const ticket = nextDeal
    nextDeal += 1n
    return {
      deal: ticket,
      dealId: '',
      tradeOrder: 0n,
      timeCreate: sec(t),
      timeUpdate: sec(t),
      tradeSymbol: spec?.config.name ?? '',
      tradeAction: 0,
      entry: DealEntry.In,
      priceOpen: 0,
      priceClose: 0,
      sl: 0,
      tp: 0,
      tradeVolume: 0n,
      profit: 0,
      rateProfit: 0,
      rateMargin: 0,
      commission: 0,
      storage: 0,
      expert: 0n,
      positionId: 0n,
      comment: '',
      contractSize: spec?.config.contractSize ?? 0,
      digits: spec?.config.digits ?? 0,
      digitsCurrency: acc.config.digits,
      tradeReason: 0,
      timeCreateMs: msPart(t),
      timeUpdateMs: msPart(t),
      commissionFee: 0,
      ...fields,
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

  const accountBlocked = (acc: Account): boolean => (acc.config.rights & (4 | 8 | 512)) !== 0

  // ---------------------------------------------------------------- market (actions 0–4)

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

  // ---------------------------------------------------------------- pending (5, 7, 8)

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

  // ---------------------------------------------------------------- SL/TP (6), close-by (10)

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

  // ---------------------------------------------------------------- matching

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

  const expiresAt = (o: OrderRecord): number => {
    const setupMs = o.timeSetup * 1000 + o.timeSetupMs
    switch (o.typeTime) {
      case TimeType.Day:
        return dayEnd(setupMs)
      case TimeType.Specified:
        return o.timeExpiration * 1000
      case TimeType.SpecifiedDay:
        return dayEnd(o.timeExpiration * 1000)
      default:
        return Number.POSITIVE_INFINITY
    }
  }

  const poll = (): EngineEvent[] => {
    const events: EngineEvent[] = []
    const t = now()
    for (const acc of accounts.values()) {
      const ctx: Ctx = { acc, events, reason: Reason.Client }
      for (const o of [...acc.book.orders.values()]) {
        if (isPendingType(o.orderType) && expiresAt(o) <= t) finishOrder(ctx, o, OrderState.Expired)
      }
    }
    return events
  }

  const getAccount = (login: number): Account => {
    const acc = accounts.get(login)
    if (!acc) throw new RangeError(`engine: unknown login ${login}`)
    return acc
  }

  return {
    broker,
    clock,
    feed,
    symbols: () => [...specs.values()],
    symbol: (name) => specs.get(name),
    logins: () => [...accounts.keys()],
    processRequest(login, request, opts = {}) {
      const acc = accounts.get(login)
      if (!acc) return { result: result(Retcode.Invalid, undefined), events: [] }
      const ctx: Ctx = { acc, events: [], reason: opts.reason ?? Reason.Web }
      if (accountBlocked(acc)) return { result: result(Retcode.TradeDisabled, undefined), events: [] }
      let res: TradeResultRecord
      switch (request.tradeAction) {
        case TradeAction.Price:
        case TradeAction.Request:
        case TradeAction.Instant:
        case TradeAction.Market:
        case TradeAction.Exchange:
          res = market(ctx, request)
          break
        case TradeAction.Pending:
          res = place(ctx, request)
          break
        case TradeAction.SlTp:
          res = sltp(ctx, request)
          break
        case TradeAction.Modify:
          res = modify(ctx, request)
          break
        case TradeAction.Remove:
          res = remove(ctx, request)
          break
        case TradeAction.CloseBy:
          res = closeBy(ctx, request)
          break
        default:
          res = result(Retcode.Invalid, undefined)
      }
      if (ctx.events.length > 0) stopOut(acc, ctx.events)
      return { result: res, events: ctx.events }
    },
    setPrice(symbol, bid, ask) {
      feed.setPrice(symbol, bid, ask)
      return onTick(symbol)
    },
    onTick,
    poll,
    advanceClock(ms) {
      if (!isManualClock(clock)) throw new TypeError('advanceClock needs a manual clock')
      clock.advance(ms)
      return poll()
    },
    balance(login, amount, comment = amount >= 0 ? 'Deposit' : 'Withdrawal') {
      const acc = getAccount(login)
      const ctx: Ctx = { acc, events: [], reason: Reason.Client }
      if (!Number.isFinite(amount) || amount === 0)
        return { result: result(Retcode.Invalid, undefined), events: [] }
      if (amount < 0 && -amount > summary(acc).marginFree + 1e-9)
        return { result: result(Retcode.NoMoney, undefined), events: [] }
      acc.balance = roundMoney(acc.balance + amount, acc.config.digits)
      const deal = newDeal(acc, undefined, {
        tradeAction: DealType.Balance,
        profit: amount,
        comment: comment.slice(0, 31),
      })
      acc.book.deals.push(deal)
      const s = summary(acc)
      ctx.events.push({
        type: 'deal',
        login,
        deal: copyRecord(deal),
        position: null,
        positionClosed: false,
        account: s,
      })
      emitAccount(ctx)
      return { result: result(Retcode.Done, undefined, { deal: deal.deal }), events: ctx.events }
    },
    addAccount(config) {
      if (accounts.has(config.login)) throw new RangeError(`engine: login ${config.login} exists`)
      accounts.set(config.login, createAccount(config))
    },
    snapshot(login) {
      const acc = getAccount(login)
      for (const spec of specs.values()) revalue(acc, spec)
      return {
        summary: summary(acc),
        orders: [...acc.book.orders.values()].map(copyRecord),
        positions: [...acc.book.positions.values()].map(copyRecord),
        historyOrders: acc.book.historyOrders.map(copyRecord),
        deals: acc.book.deals.map(copyRecord),
      }
    },
  }
}
