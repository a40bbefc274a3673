/**
 * MetaTrader5-style API (docs/compat.md): the names and semantics of the official `MetaTrader5`
 * Python package, camelCase, over one module-level client. Failures return `null` (or `false`/0)
 * and are recorded for {@link lastError}, as in the Python package; `lastError()` is `[0, '']` after
 * a success. Stop-limit orders use the official roles: `price` = activation price,
 * `stoplimit` = limit price.
 */
import type { FullSymbolInfo } from '../actions/market/fullSymbolInfo.js'
import { removeRequestOf } from '../actions/orders/cancelPendingOrder.js'
import { marketPricing } from '../actions/orders/marketOrder.js'
import { modifyRequestOf } from '../actions/orders/modifyPendingOrder.js'
import { sltpRequestOf } from '../actions/orders/modifyPositionSltp.js'
import { history } from '../actions/trading/history.js'
import { orderCheck as orderCheckAction } from '../actions/trading/orderCheck.js'
import { positionsAndOrders, type TradeSnapshot } from '../actions/trading/positionsAndOrders.js'
import { tradeRequest } from '../actions/trading/tradeRequest.js'
import { createClient } from '../client/createClient.js'
import type { BaseClient, ClientOptions } from '../client/types.js'
import { minutesFromPeriodCode, periodCodeFromMinutes } from '../codec/timeframe.js'
import { TradeAction } from '../enums.js'
import {
  isMt5Error,
  MT5ConnectionError,
  MT5TimeoutError,
  ServerError,
  SessionError,
  ValidationError,
} from '../errors.js'
import type {
  AccountSummary,
  Bar,
  Book,
  Deal,
  Order,
  Position,
  SymbolInfo,
  Tick,
  TradeResult,
} from '../model/types.js'
import { calcMargin } from '../tradeRules/calcMargin.js'
import { calcProfit } from '../tradeRules/calcProfit.js'
import { matchesGroupMask } from '../tradeRules/masks.js'
import type { OrderCheckResult } from '../tradeRules/orderCheck.js'
import type { TradeRequestParameters } from '../tradeRules/requestTypes.js'
import { accountBlock, rateSource, symbolSpec } from '../tradeState/context.js'
import {
  COPY_TICKS_ALL,
  COPY_TICKS_INFO,
  COPY_TICKS_TRADE,
  RES_E_AUTH_FAILED,
  RES_E_FAIL,
  RES_E_INTERNAL_FAIL_CONNECT,
  RES_E_INTERNAL_FAIL_TIMEOUT,
  RES_E_INVALID_PARAMS,
} from './constants.js'

/** What the compat layer uses from a client (a `createClient()` client has all of it). */
export interface CompatClient extends BaseClient {
  symbols(): Promise<SymbolInfo[]>
  fullSymbolInfo(name: string): Promise<FullSymbolInfo>
  lastTick(symbol: string): Tick | undefined
  quote(symbol: string, options?: { timeoutMs?: number }): Promise<Tick>
  subscribeTicks(symbols: string | readonly string[]): Promise<unknown>
  unsubscribeTicks(symbols?: string | readonly string[]): Promise<void>
  subscribeBook(symbols: string | readonly string[]): Promise<unknown>
  unsubscribeBook(symbols?: string | readonly string[]): Promise<void>
  lastBook(symbol: string): Book | undefined
  rates(symbol: string, timeframe: number, from: Date | number, to: Date | number): Promise<Bar[]>
  ticksRange(symbol: string, fromMs: number, toMs: number): Tick[]
  accountInfo(): Promise<AccountSummary>
}

/** `copy_rates_*` record (camelCase of the official fields). */
export interface RateRecord {
  /** Unix seconds. */
  time: number
  open: number
  high: number
  low: number
  close: number
  tickVolume: number
  spread: number
  realVolume: number
}

/** `copy_ticks_*` record. */
export interface TickRecordCompat {
  /** Unix seconds. */
  time: number
  bid: number
  ask: number
  last: number
  volume: number
  timeMsc: number
  flags: number
  volumeReal: number
  symbol: string
}

/** `order_send` / `order_check` request with the official field names (camelCase). */
export interface CompatTradeRequest {
  /**
   * `TRADE_ACTION_DEAL` (1) is mapped to the symbol's market action by execution mode and
   * `tradeInstantVolume`; MODIFY (7) / REMOVE (8) / SLTP (6) copy the order's or position's fields.
   */
  action: number
  symbol?: string
  /** Lots. */
  volume?: number
  type?: number
  /** Order price; stop-limit: the activation (stop) price. */
  price?: number
  /** Stop-limit: the limit price (official roles). */
  stoplimit?: number
  sl?: number
  tp?: number
  deviation?: number
  typeFilling?: number
  typeTime?: number
  /** Unix seconds or a Date. */
  expiration?: number | Date
  comment?: string
  position?: bigint | number
  positionBy?: bigint | number
  order?: bigint | number
}

let current: CompatClient | undefined
/** Whether `current` was created by `initialize(options)` (then re-initializing closes it). */
let owned = false
let error: [number, string] = [0, '']

function ok<T>(value: T): T {
  error = [0, '']
  return value
}

/** A failure with a pymt5-compatible code. */
class CompatFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

function failWith<T>(e: unknown, fallback: T): T {
  if (e instanceof CompatFailure) error = [e.code, e.message]
  else if (isMt5Error(e)) error = [-1, `${e.code}: ${e.message}`]
  else error = [-99, e instanceof Error ? e.message : String(e)]
  return fallback
}

function client(): CompatClient {
  if (!current)
    throw new ValidationError('not initialized: call initialize({ server, login, password }) first')
  return current
}

async function guard<T>(fallback: T, fn: (c: CompatClient) => Promise<T> | T): Promise<T> {
  try {
    return ok(await fn(client()))
  } catch (e) {
    return failWith(e, fallback)
  }
}

/**
 * `initialize(login=…, password=…, server=…, timeout=…)` of the Python package: the account, as
 * {@link ClientOptions} (`server` is the Web Terminal's WebSocket URL, not a server name), plus the
 * official `timeout` in ms (the connect timeout; Python's default is 60 000).
 */
export interface InitializeOptions extends ClientOptions {
  /** Connection timeout in ms (`connectTimeoutMs`); wins over `connectTimeoutMs` when both are set. */
  timeout?: number
}

function isCompatClient(x: CompatClient | InitializeOptions): x is CompatClient {
  return typeof (x as Partial<CompatClient>).connect === 'function'
}

/**
 * Binds the compat API to an account and connects + logs in if needed. Two forms: the Python one,
 * `initialize({ server, login, password })`, which creates the client (closed by `shutdown()`), or
 * a client of your own, `initialize(createClient(…))`.
 * @example
 * if (!(await initialize({ server: 'wss://broker.example/terminal', login: 123, password })))
 *   console.error('initialize() failed', lastError())
 * @param target the account's options, or a client with the marketData and account modules
 * @returns true on success, false (see `lastError()`: −2 for bad options, −6 for a refused login)
 */
export async function initialize(target: CompatClient | InitializeOptions): Promise<boolean> {
  // A client created here is ours to close; a caller's client is only closed by shutdown().
  if (owned && current !== target) await shutdown()
  if (isCompatClient(target)) {
    current = target
    owned = false
  } else {
    try {
      const { timeout, ...options } = target
      current = createClient(timeout === undefined ? options : { ...options, connectTimeoutMs: timeout })
      owned = true
    } catch (e) {
      return failWith(new CompatFailure(RES_E_INVALID_PARAMS, messageOf(e)), false)
    }
  }
  try {
    if (current.status !== 'loggedIn') await current.connect()
    return ok(true)
  } catch (e) {
    return failWith(new CompatFailure(initializeErrorCode(e), messageOf(e)), false)
  }
}

/** The official `last_error()` code of a failed connect: auth, timeout, connection, else generic. */
function initializeErrorCode(e: unknown): number {
  if (e instanceof ServerError || e instanceof SessionError) return RES_E_AUTH_FAILED
  if (e instanceof MT5TimeoutError) return RES_E_INTERNAL_FAIL_TIMEOUT
  if (e instanceof MT5ConnectionError) return RES_E_INTERNAL_FAIL_CONNECT
  return RES_E_FAIL
}

function messageOf(e: unknown): string {
  return isMt5Error(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e)
}

/** Closes the bound client. @returns nothing; errors go to `lastError()` */
export async function shutdown(): Promise<void> {
  const c = current
  current = undefined
  owned = false
  if (c) await c.close().catch((e: unknown) => failWith(e, undefined))
}

/** `[code, message]` of the last failure, `[0, '']` after a success. */
export function lastError(): [number, string] {
  return [...error] as [number, string]
}

/** Account information (cmd 3), or null. */
export function accountInfo(): Promise<AccountSummary | null> {
  return guard(null, (c) => c.accountInfo())
}

/** Terminal information. */
export interface TerminalInfo {
  build: number
  company: string
  name: string
  server: string
  connected: boolean
  tradeAllowed: boolean
  tradeapiDisabled: boolean
  timezoneShift: number
  serverOffsetTime: number
  path: string
  dataPath: string
  commondataPath: string
}

/** Terminal information derived from the account block, or null. */
export function terminalInfo(): Promise<TerminalInfo | null> {
  return guard(null, async (c) => {
    const a = await c.accountInfo()
    const block = await accountBlock(c)
    return {
      build: a.serverBuild,
      company: a.company,
      name: a.server,
      server: a.server,
      connected: c.status === 'loggedIn',
      tradeAllowed: a.tradeAllowed,
      tradeapiDisabled: !a.tradeAllowed || a.readOnly,
      timezoneShift: block.main.timezoneShift,
      serverOffsetTime: a.serverOffsetSeconds,
      path: '',
      dataPath: '',
      commondataPath: '',
    }
  })
}

/** `[500, serverBuild, releaseDate]`, or null (code −7) when the build is unknown. */
export function version(): Promise<[number, number, string] | null> {
  return guard<[number, number, string] | null>(null, async (c) => {
    const a = await c.accountInfo()
    if (!a.serverBuild) throw new CompatFailure(-7, 'server build unknown')
    return [500, a.serverBuild, a.serverBuild === 5687 ? '15 Mar 2026' : '']
  })
}

/** Number of symbols. */
export function symbolsTotal(): Promise<number> {
  return guard(0, async (c) => (await c.symbols()).length)
}

/** Symbols, optionally filtered by a group mask (`*`, `?`, `[…]`, `!` excludes) over names. */
export function symbolsGet(group?: string): Promise<SymbolInfo[] | null> {
  return guard(null, async (c) => {
    const all = await c.symbols()
    return group === undefined ? all : all.filter((s) => matchesGroupMask(group, s.name))
  })
}

/** Full specification of a symbol (`symbol_info`), or null (see `lastError()`). */
export function symbolInfo(name: string): Promise<FullSymbolInfo | null> {
  return guard(null, (c) => c.fullSymbolInfo(name))
}

/**
 * The current tick (`symbol_info_tick`): the cached one of a selected symbol, else — as in Python,
 * no `symbolSelect` needed — a one-shot quote (a brief subscription until the first tick, at most
 * `timeoutMs`, default 10 000). Null with the reason in `lastError()` (unknown symbol, no tick in
 * time: a closed market sends none). For repeated reads, `symbolSelect` once: then every call is
 * a cache read.
 */
export function symbolInfoTick(name: string, timeoutMs?: number): Promise<Tick | null> {
  // `quote` reads the cache of a selected symbol; an unselected one's cached tick may be hours old.
  return guard(null, (c) => c.quote(name, timeoutMs === undefined ? {} : { timeoutMs }))
}

/** Adds (`enable`, default) or removes a symbol in the tick subscription. */
export function symbolSelect(name: string, enable = true): Promise<boolean> {
  return guard(false, async (c) => {
    if (enable) await c.subscribeTicks([name])
    else await c.unsubscribeTicks([name])
    return true
  })
}

/** Subscribes to a symbol's order book. */
export function marketBookAdd(name: string): Promise<boolean> {
  return guard(false, async (c) => {
    await c.subscribeBook([name])
    return true
  })
}

/** The cached order book, or null. */
export function marketBookGet(name: string): Promise<Book | null> {
  return guard(null, (c) => c.lastBook(name) ?? null)
}

/** Unsubscribes a symbol's order book. */
export function marketBookRelease(name: string): Promise<boolean> {
  return guard(false, async (c) => {
    await c.unsubscribeBook([name])
    return true
  })
}

/** Timeframe as an MT5 code (16385 …) or minutes → wire period code. */
export function toPeriodCode(timeframe: number): number {
  try {
    minutesFromPeriodCode(timeframe)
    return timeframe
  } catch {
    return periodCodeFromMinutes(timeframe)
  }
}

function toMs(value: Date | number): number {
  return value instanceof Date ? value.getTime() : value * 1000
}

function toRateRecord(b: Bar): RateRecord {
  return {
    time: Math.floor(b.timeMs / 1000),
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    tickVolume: b.tickVolume,
    spread: 0,
    realVolume: b.realVolume,
  }
}

function lookbackMs(timeframe: number, count: number): number {
  const minutes = minutesFromPeriodCode(toPeriodCode(timeframe))
  return Math.max(60, minutes * 60) * Math.max(16, 4 * count + 8) * 1000
}

/** The last `count` bars ending at `dateFrom` (Date or Unix seconds). */
export function copyRatesFrom(
  symbol: string,
  timeframe: number,
  dateFrom: Date | number,
  count: number,
): Promise<RateRecord[] | null> {
  return guard(null, async (c) => {
    const end = toMs(dateFrom)
    const bars = await c.rates(symbol, toPeriodCode(timeframe), end - lookbackMs(timeframe, count), end)
    return bars.slice(Math.max(0, bars.length - count)).map(toRateRecord)
  })
}

/** `count` bars ending `startPos` bars before the newest. */
export function copyRatesFromPos(
  symbol: string,
  timeframe: number,
  startPos: number,
  count: number,
): Promise<RateRecord[] | null> {
  return guard(null, async (c) => {
    if (startPos < 0)
      throw new ValidationError('startPos must be ≥ 0', { field: 'startPos', value: startPos })
    const end = Date.now()
    const bars = await c.rates(
      symbol,
      toPeriodCode(timeframe),
      end - lookbackMs(timeframe, startPos + count),
      end,
    )
    const stop = Math.max(0, bars.length - startPos)
    return bars.slice(Math.max(0, stop - count), stop).map(toRateRecord)
  })
}

/** Bars between two dates (Date or Unix seconds). */
export function copyRatesRange(
  symbol: string,
  timeframe: number,
  dateFrom: Date | number,
  dateTo: Date | number,
): Promise<RateRecord[] | null> {
  return guard(null, async (c) =>
    (await c.rates(symbol, toPeriodCode(timeframe), toMs(dateFrom), toMs(dateTo))).map(toRateRecord),
  )
}

function tickPasses(t: Tick, flags: number): boolean {
  if (flags === COPY_TICKS_ALL || flags === 3) return true
  if (flags === COPY_TICKS_INFO) return (t.fields & 3) !== 0
  if (flags === COPY_TICKS_TRADE) return (t.fields & 12) !== 0
  return true
}

function toTickRecord(t: Tick): TickRecordCompat {
  return {
    time: Math.floor(t.timeMs / 1000),
    bid: t.bid,
    ask: t.ask,
    last: t.last,
    volume: Math.trunc(t.volume),
    timeMsc: t.timeMs,
    flags: t.flags,
    volumeReal: t.volume,
    symbol: t.symbol,
  }
}

/** Up to `count` cached ticks from `dateFrom` (the tick cache, never the server). */
export function copyTicksFrom(
  symbol: string,
  dateFrom: Date | number,
  count: number,
  flags = COPY_TICKS_ALL,
): Promise<TickRecordCompat[] | null> {
  return guard(null, (c) =>
    c
      .ticksRange(symbol, toMs(dateFrom), Number.MAX_SAFE_INTEGER)
      .filter((t) => tickPasses(t, flags))
      .slice(0, count)
      .map(toTickRecord),
  )
}

/** Cached ticks in `[dateFrom, dateTo]`; an integer `dateTo` in seconds includes its whole second. */
export function copyTicksRange(
  symbol: string,
  dateFrom: Date | number,
  dateTo: Date | number,
  flags = COPY_TICKS_ALL,
): Promise<TickRecordCompat[] | null> {
  return guard(null, (c) => {
    const to =
      dateTo instanceof Date ? dateTo.getTime() : dateTo * 1000 + (Number.isInteger(dateTo) ? 999 : 0)
    return c
      .ticksRange(symbol, toMs(dateFrom), to)
      .filter((t) => tickPasses(t, flags))
      .map(toTickRecord)
  })
}

/** Filter of `positionsGet` / `ordersGet`: only the first given applies (symbol, then group, then ticket). */
export interface OpenFilter {
  symbol?: string
  group?: string
  ticket?: bigint | number
}

function firstFilter<T extends { symbol: string; ticket: bigint }>(
  items: T[],
  f: OpenFilter | undefined,
): T[] {
  if (f?.symbol !== undefined) return items.filter((x) => x.symbol === f.symbol)
  if (f?.group !== undefined) return items.filter((x) => matchesGroupMask(f.group!, x.symbol))
  if (f?.ticket !== undefined) return items.filter((x) => x.ticket === BigInt(f.ticket!))
  return items
}

/** Number of open orders. */
export function ordersTotal(): Promise<number> {
  return guard(0, async (c) => (await positionsAndOrders(c)).orders.length)
}

/** Open orders (first filter only). */
export function ordersGet(filter?: OpenFilter): Promise<Order[] | null> {
  return guard(null, async (c) => firstFilter((await positionsAndOrders(c)).orders, filter))
}

/** Number of open positions. */
export function positionsTotal(): Promise<number> {
  return guard(0, async (c) => (await positionsAndOrders(c)).positions.length)
}

/** Open positions (first filter only). */
export function positionsGet(filter?: OpenFilter): Promise<Position[] | null> {
  return guard(null, async (c) => firstFilter((await positionsAndOrders(c)).positions, filter))
}

/** History filter: filters combine. For deals `ticket` is the deal's ORDER ticket. */
export interface HistoryFilter {
  group?: string
  ticket?: bigint | number
  position?: bigint | number
}

async function loadHistory(c: CompatClient, from?: Date | number, to?: Date | number) {
  return history(c, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) })
}

function historyFilter<T extends { symbol: string; positionId: bigint }>(
  items: T[],
  f: HistoryFilter | undefined,
  ticketOf: (x: T) => bigint,
): T[] {
  return items.filter(
    (x) =>
      (f?.group === undefined || matchesGroupMask(f.group, x.symbol)) &&
      (f?.ticket === undefined || ticketOf(x) === BigInt(f.ticket)) &&
      (f?.position === undefined || x.positionId === BigInt(f.position)),
  )
}

/** Number of history orders in the period. */
export function historyOrdersTotal(from?: Date | number, to?: Date | number): Promise<number> {
  return guard(0, async (c) => (await loadHistory(c, from, to)).orders.length)
}

/** History orders in the period, filters combine. */
export function historyOrdersGet(
  from?: Date | number,
  to?: Date | number,
  filter?: HistoryFilter,
): Promise<Order[] | null> {
  return guard(null, async (c) =>
    historyFilter((await loadHistory(c, from, to)).orders, filter, (o) => o.ticket),
  )
}

/** Number of deals in the period. */
export function historyDealsTotal(from?: Date | number, to?: Date | number): Promise<number> {
  return guard(0, async (c) => (await loadHistory(c, from, to)).deals.length)
}

/** Deals in the period; `ticket` filters on the deal's order ticket. */
export function historyDealsGet(
  from?: Date | number,
  to?: Date | number,
  filter?: HistoryFilter,
): Promise<Deal[] | null> {
  return guard(null, async (c) =>
    historyFilter((await loadHistory(c, from, to)).deals, filter, (d: Deal) => d.order),
  )
}

/** Margin of an order in the account currency, or null (see `lastError()`). */
export function orderCalcMargin(
  action: number,
  symbol: string,
  volume: number,
  price: number,
): Promise<number | null> {
  return guard(null, async (c) => {
    const spec = await symbolSpec(c, symbol)
    const a = await accountBlock(c)
    const cur = a.main.accountCurrency
    const r = calcMargin({
      spec,
      type: action,
      volume,
      price,
      leverage: a.main.marginLeverage,
      accountCurrency: cur,
      rates: await rateSource(c, [spec.currencyMargin || cur, cur], [spec]),
    })
    if (!r.ok) throw new CompatFailure(r.code, r.message)
    return r.value
  })
}

/** Profit of a trade in the account currency, or null (see `lastError()`). */
export function orderCalcProfit(
  action: number,
  symbol: string,
  volume: number,
  priceOpen: number,
  priceClose: number,
): Promise<number | null> {
  return guard(null, async (c) => {
    const spec = await symbolSpec(c, symbol)
    const a = await accountBlock(c)
    const cur = a.main.accountCurrency
    const r = calcProfit({
      spec,
      type: action,
      volume,
      priceOpen,
      priceClose,
      accountCurrency: cur,
      rates: await rateSource(c, [spec.currencyProfit, cur], [spec]),
    })
    if (!r.ok) throw new CompatFailure(r.code, r.message)
    return r.value
  })
}

/** The request in SDK parameters, field by field (official Python names → camelCase). */
function directParameters(r: CompatTradeRequest): TradeRequestParameters {
  const big = (x: bigint | number | undefined) => (x === undefined ? undefined : BigInt(x))
  return {
    action: r.action,
    symbol: r.symbol,
    volume: r.volume,
    type: r.type,
    price: r.price,
    stopLimit: r.stoplimit,
    sl: r.sl,
    tp: r.tp,
    deviation: r.deviation,
    filling: r.typeFilling,
    timeType: r.typeTime,
    expiration: r.expiration,
    comment: r.comment,
    position: big(r.position),
    positionBy: big(r.positionBy),
    order: big(r.order),
  }
}

/**
 * Maps an `order_send` request onto the request the order helpers send (docs/architecture.md#trade-requests):
 * - `TRADE_ACTION_DEAL` (1): the action and price from the execution mode and `tradeInstantVolume`
 *   ({@link marketPricing}); the filling, when omitted, from the symbol ({@link buildTradeRequest});
 * - MODIFY / REMOVE: symbol, type, volume, trigger, time type and expiration copied from the open
 *   order, with the δ-shift rules for omitted prices ({@link modifyRequestOf}, {@link removeRequestOf});
 * - SLTP: symbol and volume from the position, omitted SL/TP unchanged ({@link sltpRequestOf}).
 * An order or position that is not open is sent as given (the checks report it).
 */
async function toParameters(
  c: CompatClient,
  r: CompatTradeRequest,
): Promise<{ request: TradeRequestParameters; snapshot?: TradeSnapshot }> {
  const direct = directParameters(r)
  if (r.action === TradeAction.Request && r.symbol && r.volume !== undefined) {
    const m = await marketPricing(c, r.symbol, r.type ?? 0, r.volume, r.price)
    return { request: { ...direct, action: m.action, price: m.price } }
  }
  if (r.action === TradeAction.Modify || r.action === TradeAction.Remove) {
    const snap = await positionsAndOrders(c)
    const order = snap.orders.find((o) => o.ticket === direct.order)
    if (!order) return { request: direct, snapshot: snap }
    const request =
      r.action === TradeAction.Remove
        ? removeRequestOf(order)
        : modifyRequestOf(order, {
            price: r.price,
            stopLimit: r.stoplimit,
            sl: r.sl,
            tp: r.tp,
            timeType: r.typeTime,
            expiration: r.expiration,
            comment: r.comment,
          })
    return { request, snapshot: snap }
  }
  if (r.action === TradeAction.SlTp) {
    const snap = await positionsAndOrders(c)
    const pos = snap.positions.find((p) => p.ticket === direct.position)
    if (!pos) return { request: direct, snapshot: snap }
    return { request: sltpRequestOf(pos, { sl: r.sl, tp: r.tp }), snapshot: snap }
  }
  return { request: direct }
}

/** Local order check (`order_check`), or null. */
export function orderCheck(
  request: CompatTradeRequest,
): Promise<(OrderCheckResult & { request: CompatTradeRequest }) | null> {
  return guard(null, async (c) => ({
    ...(await orderCheckAction(c, (await toParameters(c, request)).request)),
    request,
  }))
}

/** Sends a trade request (`order_send`); a failed retcode is returned, not thrown. Null on other errors. */
export function orderSend(
  request: CompatTradeRequest,
): Promise<(TradeResult & { request: CompatTradeRequest }) | null> {
  return guard(null, async (c) => {
    const p = await toParameters(c, request)
    const options = { throwOnFailure: false, ...(p.snapshot ? { snapshot: p.snapshot } : {}) }
    return { ...(await tradeRequest(c, p.request, options)), request }
  })
}
