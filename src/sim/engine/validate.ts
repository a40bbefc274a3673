/**
 * Server-side request checks. Each function returns 0 when the check passes, else the TRADE_RETCODE a
 * real MT5 server answers with (docs/architecture.md#trade-requests and docs/architecture.md#enumerations). Choices where MT5 is ambiguous:
 * unknown order/position ticket → 10013; FOK that cannot be filled → 10006; close volume above the
 * position volume → 10014; close-by on netting / different symbol → 10013, same direction or close-by
 * not allowed → 10035; pending orders accept RETURN always and FOK/IOC when the symbol allows them.
 */
import type { SymbolSpec } from './config.js'
import {
  ExeMode,
  FillFlag,
  Filling,
  OrderFlag,
  OrderType,
  Retcode,
  TimeType,
  TradeAction,
  TradeMode,
} from './constants.js'
import { dayEnd, inSession } from './sessions.js'

/** Current bid/ask of a symbol. */
export interface Quote {
  bid: number
  ask: number
}

const EPS = 1e-9

/** True when `price` is a non-negative finite value on the symbol's tick-size grid. */
export function onGrid(spec: SymbolSpec, price: number): boolean {
  if (!Number.isFinite(price) || price < 0 || price > 1e9) return false
  const step = spec.config.tickSize > 0 ? spec.config.tickSize : spec.point
  const n = price / step
  return Math.abs(n - Math.round(n)) < 1e-6
}

/** Trade mode of the symbol vs. the direction: 10017 disabled, 10042/10043 long/short only, 10044 close only. */
export function checkTradeMode(spec: SymbolSpec, isBuy: boolean, closing: boolean): number {
  switch (spec.trade.tradeMode) {
    case TradeMode.Disabled:
      return Retcode.TradeDisabled
    case TradeMode.LongOnly:
      return !isBuy && !closing ? Retcode.LongOnly : 0
    case TradeMode.ShortOnly:
      return isBuy && !closing ? Retcode.ShortOnly : 0
    case TradeMode.CloseOnly:
      return closing ? 0 : Retcode.CloseOnly
    default:
      return 0
  }
}

/**
 * Market action vs. the symbol's execution mode (10013): 2 (instant) only on instant execution, 3
 * (market) only on market execution, 4 (exchange) only on exchange execution. Actions 0 (price
 * request) and 1 (request) are accepted on every mode: pymt5 sends action 1 for every market order
 * and close, and reports success on MetaQuotes-Demo (CONFLICT C15 in the protocol README: how real
 * servers treat action 1 on instant/market/exchange execution is uncertain, so it stays lenient).
 */
export function checkMarketAction(spec: SymbolSpec, action: number): number {
  const exe = spec.trade.tradeExemode
  switch (action) {
    case TradeAction.Instant:
      return exe === ExeMode.Instant ? 0 : Retcode.Invalid
    case TradeAction.Market:
      return exe === ExeMode.Market ? 0 : Retcode.Invalid
    case TradeAction.Exchange:
      return exe === ExeMode.Exchange ? 0 : Retcode.Invalid
    default:
      return 0
  }
}

/** Trade session open at `nowMs` (10018). */
export function checkSession(spec: SymbolSpec, nowMs: number): number {
  return inSession(spec.config.tradeSessions, nowMs) ? 0 : Retcode.MarketClosed
}

/** Order kind allowed by `tradeOrderFlags` (10035). Stop-limit needs both the stop-limit and the limit bits. */
export function checkOrderKind(spec: SymbolSpec, type: number): number {
  const f = spec.trade.tradeOrderFlags
  let need: number
  if (type <= OrderType.Sell) need = OrderFlag.Market
  else if (type <= OrderType.SellLimit) need = OrderFlag.Limit
  else if (type <= OrderType.SellStop) need = OrderFlag.Stop
  else if (type <= OrderType.SellStopLimit) need = OrderFlag.StopLimit | OrderFlag.Limit
  else return Retcode.InvalidOrder
  return (f & need) === need ? 0 : Retcode.InvalidOrder
}

/** SL/TP bits of `tradeOrderFlags` when SL/TP are set (10035). */
export function checkSlTpAllowed(spec: SymbolSpec, sl: number, tp: number): number {
  const f = spec.trade.tradeOrderFlags
  if (sl !== 0 && (f & OrderFlag.StopLoss) === 0) return Retcode.InvalidOrder
  if (tp !== 0 && (f & OrderFlag.TakeProfit) === 0) return Retcode.InvalidOrder
  return 0
}

/**
 * Volume (wire units): > 0, ≥ `volumeMin` unless it closes the whole position, ≤ `volumeMax`, on the
 * `volumeStep` grid (10014). `fullClose` = the volume equals the position being closed.
 */
export function checkVolume(spec: SymbolSpec, volume: bigint, fullClose = false): number {
  const t = spec.trade
  if (volume <= 0n) return Retcode.InvalidVolume
  if (volume < t.volumeMin && !fullClose) return Retcode.InvalidVolume
  if (t.volumeMax > 0n && volume > t.volumeMax) return Retcode.InvalidVolume
  if (t.volumeStep > 0n && volume % t.volumeStep !== 0n && !fullClose) return Retcode.InvalidVolume
  return 0
}

/**
 * Filling policy (10030). Market orders: request/instant execution → FOK only; market execution →
 * FOK/IOC as allowed by `tradeFillFlags`, RETURN always; exchange → FOK/IOC/BOC if allowed, RETURN
 * always. Pending orders: RETURN always, FOK/IOC if allowed, BOC on exchange execution if allowed.
 */
export function checkFilling(spec: SymbolSpec, filling: number, market: boolean): number {
  const flags = spec.trade.tradeFillFlags
  const exe = spec.trade.tradeExemode
  const allowed = (bit: number): boolean => (flags & bit) !== 0
  if (market && (exe === ExeMode.Request || exe === ExeMode.Instant)) {
    return filling === Filling.Fok ? 0 : Retcode.InvalidFill
  }
  switch (filling) {
    case Filling.Return:
      return 0
    case Filling.Fok:
      return allowed(FillFlag.Fok) ? 0 : Retcode.InvalidFill
    case Filling.Ioc:
      return allowed(FillFlag.Ioc) ? 0 : Retcode.InvalidFill
    case Filling.Boc:
      return exe === ExeMode.Exchange && allowed(FillFlag.Boc) && !market ? 0 : Retcode.InvalidFill
    default:
      return Retcode.InvalidFill
  }
}

/**
 * Time in force (10022): allowed by `tradeTimeFlags`; SPECIFIED needs an expiration in
 * 1…2^31−1 after now, SPECIFIED_DAY an expiration whose day has not ended.
 */
export function checkExpiration(
  spec: SymbolSpec,
  typeTime: number,
  timeExpiration: number,
  nowMs: number,
): number {
  if (typeTime > TimeType.SpecifiedDay) return Retcode.InvalidExpiration
  if ((spec.trade.tradeTimeFlags & (1 << typeTime)) === 0) return Retcode.InvalidExpiration
  if (typeTime === TimeType.Specified || typeTime === TimeType.SpecifiedDay) {
    if (timeExpiration < 1 || timeExpiration > 2 ** 31 - 1) return Retcode.InvalidExpiration
    const expiresMs = typeTime === TimeType.Specified ? timeExpiration * 1000 : dayEnd(timeExpiration * 1000)
    if (expiresMs <= nowMs) return Retcode.InvalidExpiration
  }
  return 0
}

/** Stops distance `L = point × stopsLevel`. */
function level(spec: SymbolSpec): number {
  return spec.point * Math.max(0, spec.trade.tradeStopsLevel)
}

/**
 * SL/TP of a market position (10016), against the price it closes at: buy SL ≤ bid − L, TP ≥ bid + L;
 * sell SL ≥ ask + L, TP ≤ ask − L (strictly on the right side when L = 0). 0 = not set.
 */
export function checkPositionStops(
  spec: SymbolSpec,
  isBuy: boolean,
  quote: Quote,
  sl: number,
  tp: number,
): number {
  if ((sl !== 0 && !onGrid(spec, sl)) || (tp !== 0 && !onGrid(spec, tp))) return Retcode.InvalidStops
  const L = level(spec)
  const ref = isBuy ? quote.bid : quote.ask
  return checkStopsAround(isBuy, ref, L, sl, tp)
}

function checkStopsAround(isBuy: boolean, ref: number, L: number, sl: number, tp: number): number {
  const far = (d: number): boolean => d > EPS && d + EPS >= L
  if (isBuy) {
    if (sl !== 0 && !far(ref - sl)) return Retcode.InvalidStops
    if (tp !== 0 && !far(tp - ref)) return Retcode.InvalidStops
  } else {
    if (sl !== 0 && !far(sl - ref)) return Retcode.InvalidStops
    if (tp !== 0 && !far(ref - tp)) return Retcode.InvalidStops
  }
  return 0
}

/**
 * Prices of a pending order (10015 for the order price / stop-limit price, 10016 for SL/TP). Official
 * roles: `price` = order price (for stop-limits the activation price), `trigger` = stop-limit's limit
 * price. Buy limit ≤ ask − L; sell limit ≥ bid + L; buy stop ≥ ask + L; sell stop ≤ bid − L; a buy
 * stop-limit's limit ≤ price − L, a sell one's ≥ price + L; SL/TP at least L from the fill price (the
 * limit price for stop-limits).
 */
export function checkPendingPrices(
  spec: SymbolSpec,
  type: number,
  quote: Quote,
  price: number,
  trigger: number,
  sl: number,
  tp: number,
): number {
  if (price <= 0 || !onGrid(spec, price)) return Retcode.InvalidPrice
  const L = level(spec)
  const far = (d: number): boolean => d > EPS && d + EPS >= L
  const farOrEqual = (d: number): boolean => d + EPS >= L && d > -EPS
  switch (type) {
    case OrderType.BuyLimit:
      if (!far(quote.ask - price)) return Retcode.InvalidPrice
      break
    case OrderType.SellLimit:
      if (!far(price - quote.bid)) return Retcode.InvalidPrice
      break
    case OrderType.BuyStop:
    case OrderType.BuyStopLimit:
      if (!far(price - quote.ask)) return Retcode.InvalidPrice
      break
    case OrderType.SellStop:
    case OrderType.SellStopLimit:
      if (!far(quote.bid - price)) return Retcode.InvalidPrice
      break
    default:
      return Retcode.InvalidOrder
  }
  let fillPrice = price
  if (type === OrderType.BuyStopLimit || type === OrderType.SellStopLimit) {
    if (trigger <= 0 || !onGrid(spec, trigger)) return Retcode.InvalidPrice
    const ok = type === OrderType.BuyStopLimit ? farOrEqual(price - trigger) : farOrEqual(trigger - price)
    if (!ok) return Retcode.InvalidPrice
    fillPrice = trigger
  }
  if ((sl !== 0 && !onGrid(spec, sl)) || (tp !== 0 && !onGrid(spec, tp))) return Retcode.InvalidStops
  return checkStopsAround(type % 2 === 0, fillPrice, L, sl, tp)
}

/** Freeze level (10029): `price` within `point × freezeLevel` of the market price it triggers against. */
export function checkFreeze(spec: SymbolSpec, marketPrice: number, price: number): number {
  const F = spec.point * Math.max(0, spec.trade.tradeFreezeLevel)
  if (F <= 0 || price === 0) return 0
  return Math.abs(marketPrice - price) + EPS < F ? Retcode.Frozen : 0
}
