/**
 * The official local checks of a trade request (docs/architecture.md#trade-requests) and the MT5-style order
 * check
 * result with margin figures (docs/architecture.md#local-calculations). Pure: every input is passed in.
 */
import { roundToDigits } from '../codec/scale.js'
import type { TradeRequestRecord } from '../codec/schemas/tradeRequest.js'
import { unitsToLots } from '../codec/volume.js'
import {
  isBuy,
  isLimit,
  isMarketAction,
  isPending,
  isStop,
  isStopLimit,
  OrderFlags,
  OrderTime,
  retcodeDescription,
  SymbolTradeMode,
  TimeFlags,
  TradeAction,
  TradeRetcode,
} from '../enums.js'
import { marginFigures } from '../model/toAccountSummary.js'
import { calcMargin } from './calcMargin.js'
import { volumeProblem } from './checkVolume.js'
import { checkFilling } from './chooseFilling.js'
import type { RateSource } from './crossRates.js'
import { isOnPriceGrid } from './normalizePrice.js'
import { isTradeSessionOpen } from './sessions.js'
import type { SymbolSpec } from './symbolSpec.js'

/** What a close / modify request refers to. */
export interface CheckTarget {
  /** The position being closed or modified (type 0 buy / 1 sell, volume in units). */
  position?: { type: number; volumeUnits: bigint; sl: number; tp: number; symbol: string }
  /** The opposite position of a close-by. */
  positionBy?: { type: number; volumeUnits: bigint; symbol: string }
  /** The pending order being modified or removed. */
  order?: {
    type: number
    state: number
    priceOrder: number
    priceTrigger: number
    sl: number
    tp: number
    timeType: number
    timeExpiration: number
  }
}

/** Inputs of {@link checkTradeRequest}. */
export interface CheckContext {
  spec: SymbolSpec | undefined
  /** Current quote, `undefined` when none is known. */
  quote: { bid: number; ask: number } | undefined
  /** Server-clock time for the session check (Unix ms); omit to skip the session check. */
  serverTimeMs?: number
  hedging: boolean
  target?: CheckTarget
}

/** Outcome of the local checks. */
export interface CheckOutcome {
  retcode: number
  comment: string
}

const OK: CheckOutcome = { retcode: 0, comment: 'Done' }

function fail(retcode: number, comment: string): CheckOutcome {
  return { retcode, comment: `${retcodeDescription(retcode)}: ${comment}` }
}

function validPrice(p: number, spec: SymbolSpec): boolean {
  return Number.isFinite(p) && Math.abs(p) <= 1e9 && (p >= 0 || spec.allowNegativePrices === true)
}

/**
 * Runs the official local checks on a filled wire request. Returns retcode 0 when the request may
 * be sent, else the retcode the official client would report (nothing is sent).
 */
export function checkTradeRequest(req: TradeRequestRecord, ctx: CheckContext): CheckOutcome {
  const action = req.tradeAction
  const spec = ctx.spec
  if (action === TradeAction.SlTp && !ctx.target?.position)
    return fail(TradeRetcode.Invalid, 'position not found')
  if ((action === TradeAction.Modify || action === TradeAction.Remove) && !ctx.target?.order)
    return fail(TradeRetcode.Invalid, 'order not found')
  if (action === TradeAction.Remove) return OK
  if (!spec) return fail(TradeRetcode.Invalid, `symbol "${req.tradeSymbol}" specification not loaded`)
  const t = spec.trade
  const d = spec.digits
  const market = isMarketAction(action) || action === TradeAction.Price
  const closing = req.tradePosition !== 0n && (market || action === TradeAction.CloseBy)
  const type = req.tradeType

  if (t.tradeMode === SymbolTradeMode.Disabled)
    return fail(TradeRetcode.TradeDisabled, 'trading is disabled for the symbol')
  if (market || action === TradeAction.Pending) {
    if (type > 7 || (market && type > 1) || (action === TradeAction.Pending && !isPending(type)))
      return fail(TradeRetcode.InvalidOrder, `order type ${type} does not fit action ${action}`)
    const buy = isBuy(type)
    if (!closing) {
      if (t.tradeMode === SymbolTradeMode.LongOnly && !buy)
        return fail(TradeRetcode.LongOnly, 'only long positions allowed')
      if (t.tradeMode === SymbolTradeMode.ShortOnly && buy)
        return fail(TradeRetcode.ShortOnly, 'only short positions allowed')
      if (t.tradeMode === SymbolTradeMode.CloseOnly)
        return fail(TradeRetcode.CloseOnly, 'only position closing allowed')
    }
  }
  if (
    ctx.serverTimeMs !== undefined &&
    action !== TradeAction.Remove &&
    !isTradeSessionOpen(spec.schedule, ctx.serverTimeMs)
  )
    return fail(TradeRetcode.MarketClosed, 'no trade session at this time')

  // prices
  for (const [name, p] of [
    ['price', req.priceOrder],
    ['stop-limit price', req.priceTrigger],
  ] as const) {
    if (!validPrice(p, spec) || (p !== 0 && !isOnPriceGrid(p, spec.tickSize, d)))
      return fail(TradeRetcode.InvalidPrice, `${name} ${p} is not a valid price on the tick grid`)
  }
  for (const [name, p] of [
    ['stop loss', req.priceSl],
    ['take profit', req.priceTp],
  ] as const) {
    if (!validPrice(p, spec) || (p !== 0 && !isOnPriceGrid(p, spec.tickSize, d)))
      return fail(TradeRetcode.InvalidStops, `${name} ${p} is not a valid price on the tick grid`)
  }

  // volume
  if (market || action === TradeAction.Pending || action === TradeAction.CloseBy) {
    const full =
      closing && ctx.target?.position !== undefined && req.tradeVolume === ctx.target.position.volumeUnits
    if (action !== TradeAction.CloseBy) {
      const problem = volumeProblem(req.tradeVolume, t, full)
      if (problem !== undefined) return fail(TradeRetcode.InvalidVolume, problem)
      if (closing && ctx.target?.position && req.tradeVolume > ctx.target.position.volumeUnits)
        return fail(TradeRetcode.InvalidVolume, 'volume exceeds the position volume')
    }
  }

  // filling and order kinds
  if (market || action === TradeAction.Pending) {
    if (checkFilling(t.tradeExemode, t.tradeFillFlags, action === TradeAction.Pending, req.typeFilling) !== 0)
      return fail(
        TradeRetcode.InvalidFill,
        `filling ${req.typeFilling} is not allowed for this symbol and order`,
      )
    const flags = t.tradeOrderFlags
    if (flags !== 0) {
      const need = market
        ? OrderFlags.Market
        : isLimit(type)
          ? OrderFlags.Limit
          : isStop(type)
            ? OrderFlags.Stop
            : OrderFlags.StopLimit | OrderFlags.Limit
      if ((flags & need) !== need)
        return fail(TradeRetcode.InvalidOrder, `order kind ${type} is not allowed for the symbol`)
    }
  }
  if (action === TradeAction.Pending || action === TradeAction.Modify) {
    const timeType = req.typeTime
    const bit = [TimeFlags.Gtc, TimeFlags.Day, TimeFlags.Specified, TimeFlags.SpecifiedDay][timeType]
    if (bit === undefined || (t.tradeTimeFlags !== 0 && (t.tradeTimeFlags & bit) === 0))
      return fail(TradeRetcode.InvalidExpiration, `time type ${timeType} is not allowed for the symbol`)
    if (
      (timeType === OrderTime.Specified || timeType === OrderTime.SpecifiedDay) &&
      (req.timeExpiration < 1 || req.timeExpiration > 0x7fff_ffff)
    )
      return fail(TradeRetcode.InvalidExpiration, 'an expiration time is required')
  }

  // close-by
  if (action === TradeAction.CloseBy) {
    const a = ctx.target?.position
    const b = ctx.target?.positionBy
    if (!ctx.hedging) return fail(TradeRetcode.Invalid, 'close-by needs a hedging account')
    if (!a || !b) return fail(TradeRetcode.Invalid, 'position or opposite position not found')
    if (a.symbol !== b.symbol || a.type === b.type)
      return fail(TradeRetcode.Invalid, 'close-by needs opposite positions of one symbol')
    if (t.tradeOrderFlags !== 0 && (t.tradeOrderFlags & OrderFlags.CloseBy) === 0)
      return fail(TradeRetcode.InvalidOrder, 'close-by is not allowed for the symbol')
    return OK
  }

  // modify: state and changes
  if (action === TradeAction.Modify) {
    const o = ctx.target!.order!
    if (o.state !== 1 && o.state !== 3)
      return fail(TradeRetcode.Invalid, `order in state ${o.state} cannot be modified`)
    if (
      o.priceOrder === req.priceOrder &&
      o.priceTrigger === req.priceTrigger &&
      o.sl === req.priceSl &&
      o.tp === req.priceTp &&
      o.timeType === req.typeTime &&
      o.timeExpiration === req.timeExpiration
    )
      return fail(TradeRetcode.NoChanges, 'nothing to change')
  }
  if (action === TradeAction.SlTp) {
    const p = ctx.target!.position!
    if (p.sl === req.priceSl && p.tp === req.priceTp) return fail(TradeRetcode.NoChanges, 'nothing to change')
  }

  // stop levels (need a quote)
  if (closing) return OK
  const q = ctx.quote
  if (!q || !(q.bid > 0) || !(q.ask > 0)) return fail(TradeRetcode.PriceOff, 'no quotes for the symbol')
  const L = spec.point * Math.max(0, t.tradeStopsLevel)
  const le = (a: number, b: number) => roundToDigits(a, d) <= roundToDigits(b, d)
  const ge = (a: number, b: number) => roundToDigits(a, d) >= roundToDigits(b, d)
  const pendingLike = action === TradeAction.Pending || action === TradeAction.Modify
  const orderType = action === TradeAction.SlTp ? ctx.target!.position!.type : type
  const buy = isBuy(orderType)
  if (pendingLike) {
    const p = req.priceOrder
    if (!(p > 0) && spec.allowNegativePrices !== true)
      return fail(TradeRetcode.InvalidPrice, 'a pending order needs a price')
    let okSide = true
    if (orderType === 2) okSide = le(p, q.ask - L)
    else if (orderType === 3) okSide = ge(p, q.bid + L)
    else if (orderType === 4 || orderType === 6) okSide = ge(p, q.ask + L)
    else if (orderType === 5 || orderType === 7) okSide = le(p, q.bid - L)
    if (!okSide)
      return fail(
        TradeRetcode.InvalidPrice,
        `price ${p} is on the wrong side of the market or within the stops level`,
      )
    if (isStopLimit(orderType)) {
      const lim = req.priceTrigger
      if (!(lim > 0)) return fail(TradeRetcode.InvalidPrice, 'a stop-limit order needs a limit price')
      if (buy ? !le(lim, p - L) : !ge(lim, p + L))
        return fail(
          TradeRetcode.InvalidPrice,
          `limit price ${lim} must be ${buy ? 'below' : 'above'} the stop price ${p} by the stops level`,
        )
    }
    const ref = isStopLimit(orderType) ? req.priceTrigger : p
    if (req.priceSl !== 0 && (buy ? !le(req.priceSl, ref - L) : !ge(req.priceSl, ref + L)))
      return fail(
        TradeRetcode.InvalidStops,
        `stop loss ${req.priceSl} too close to or on the wrong side of ${ref}`,
      )
    if (req.priceTp !== 0 && (buy ? !ge(req.priceTp, ref + L) : !le(req.priceTp, ref - L)))
      return fail(
        TradeRetcode.InvalidStops,
        `take profit ${req.priceTp} too close to or on the wrong side of ${ref}`,
      )
    return OK
  }
  // market open or SL/TP modification: buy closes at bid, sell at ask
  if (req.priceSl !== 0 && (buy ? !le(req.priceSl, q.bid - L) : !ge(req.priceSl, q.ask + L)))
    return fail(
      TradeRetcode.InvalidStops,
      `stop loss ${req.priceSl} too close to or on the wrong side of the market`,
    )
  if (req.priceTp !== 0 && (buy ? !ge(req.priceTp, q.bid + L) : !le(req.priceTp, q.ask - L)))
    return fail(
      TradeRetcode.InvalidStops,
      `take profit ${req.priceTp} too close to or on the wrong side of the market`,
    )
  return OK
}

/** Account figures for {@link orderCheckResult}. */
export interface CheckAccount {
  balance: number
  equity: number
  profit: number
  /** Margin already used. */
  margin: number
  leverage: number
  currency: string
  /** Deposit currency digits: margin and free margin are rounded to them. */
  currencyDigits: number
}

/** MetaTrader5-style `order_check` result. */
export interface OrderCheckResult {
  /** 0 = the request passes the checks, else the retcode that would be reported. */
  retcode: number
  balance: number
  equity: number
  profit: number
  /** Margin after the request. */
  margin: number
  marginFree: number
  /** Percent, 0 without margin. */
  marginLevel: number
  comment: string
}

/**
 * Full order check: the local checks, then the margin of a new market or pending order added to the
 * used margin; a negative free margin gives 10019.
 */
export function orderCheckResult(
  req: TradeRequestRecord,
  ctx: CheckContext,
  account: CheckAccount,
  rates: RateSource,
): OrderCheckResult {
  const outcome = checkTradeRequest(req, ctx)
  let margin = account.margin
  let retcode = outcome.retcode
  let comment = outcome.comment
  const opening =
    (isMarketAction(req.tradeAction) || req.tradeAction === TradeAction.Pending) && req.tradePosition === 0n
  if (retcode === 0 && opening && ctx.spec) {
    const buy = isBuy(req.tradeType)
    const price = req.priceOrder > 0 ? req.priceOrder : ctx.quote ? (buy ? ctx.quote.ask : ctx.quote.bid) : 0
    const m = calcMargin({
      spec: ctx.spec,
      type: req.tradeType,
      volume: unitsToLots(req.tradeVolume),
      price,
      leverage: account.leverage,
      accountCurrency: account.currency,
      rates,
    })
    if (m.ok) margin += m.value
    else {
      retcode = TradeRetcode.Invalid
      comment = `margin cannot be computed: ${m.message}`
    }
  }
  const figures = marginFigures(account.equity, margin, account.currencyDigits)
  if (retcode === 0 && figures.marginFree < 0) {
    retcode = TradeRetcode.NoMoney
    comment = retcodeDescription(TradeRetcode.NoMoney)
  }
  return {
    retcode,
    balance: account.balance,
    equity: account.equity,
    profit: account.profit,
    ...figures,
    comment,
  }
}
