/**
 * Wire enumeration values the engine needs (`enums.md`). Local copies until `src/enums.ts` lands;
 * the numbers are the protocol's, the names follow `enums.md`.
 */

/** Trade return codes (`retcode`). */
export const Retcode = {
  Placed: 10008,
  Done: 10009,
  DonePartial: 10010,
  Requote: 10004,
  PricesReceived: 10005,
  Rejected: 10006,
  Invalid: 10013,
  InvalidVolume: 10014,
  InvalidPrice: 10015,
  InvalidStops: 10016,
  TradeDisabled: 10017,
  MarketClosed: 10018,
  NoMoney: 10019,
  PriceOff: 10021,
  InvalidExpiration: 10022,
  NoChanges: 10025,
  Frozen: 10029,
  InvalidFill: 10030,
  LimitOrders: 10033,
  LimitVolume: 10034,
  InvalidOrder: 10035,
  PositionClosed: 10036,
  LongOnly: 10042,
  ShortOnly: 10043,
  CloseOnly: 10044,
} as const

/** Request actions (`tradeAction` of a TradeRequest). */
export const TradeAction = {
  Price: 0,
  Request: 1,
  Instant: 2,
  Market: 3,
  Exchange: 4,
  Pending: 5,
  SlTp: 6,
  Modify: 7,
  Remove: 8,
  CloseBy: 10,
} as const

/** Order types. Buy = even, sell = odd; pending = 2…7. */
export const OrderType = {
  Buy: 0,
  Sell: 1,
  BuyLimit: 2,
  SellLimit: 3,
  BuyStop: 4,
  SellStop: 5,
  BuyStopLimit: 6,
  SellStopLimit: 7,
  CloseBy: 8,
} as const

/** Order states. */
export const OrderState = {
  Started: 0,
  Placed: 1,
  Canceled: 2,
  Partial: 3,
  Filled: 4,
  Rejected: 5,
  Expired: 6,
} as const

/** Filling policies (`typeFilling`) and the symbol's `tradeFillFlags` bits. */
export const Filling = { Fok: 0, Ioc: 1, Return: 2, Boc: 3 } as const
export const FillFlag = { Fok: 1, Ioc: 2, Boc: 4 } as const

/** Time in force (`typeTime`) and the symbol's `tradeTimeFlags` bits (`1 << typeTime`). */
export const TimeType = { Gtc: 0, Day: 1, Specified: 2, SpecifiedDay: 3 } as const

/** `tradeOrderFlags` bits. */
export const OrderFlag = {
  Market: 1,
  Limit: 2,
  Stop: 4,
  StopLimit: 8,
  Sl: 16,
  Tp: 32,
  CloseBy: 64,
} as const

/** Symbol trade modes. */
export const TradeMode = { Disabled: 0, LongOnly: 1, ShortOnly: 2, CloseOnly: 3, Full: 4 } as const

/** Execution modes (`tradeExemode`). */
export const ExeMode = { Request: 0, Instant: 1, Market: 2, Exchange: 3 } as const

/** Deal types (`deal.tradeAction`). */
export const DealType = { Buy: 0, Sell: 1, Balance: 2, Credit: 3 } as const

/** Deal entries. */
export const DealEntry = { In: 0, Out: 1, InOut: 2, OutBy: 3 } as const

/** Reasons (MQL5 `ENUM_DEAL_REASON`, uncertain on the wire). */
export const Reason = { Client: 0, Mobile: 1, Web: 2, Expert: 3, Sl: 4, Tp: 5, StopOut: 6 } as const

/** Account margin modes. */
export const MarginMode = { Netting: 0, Exchange: 1, Hedging: 2 } as const

/** Trade calculation modes (`tradeCalcMode`). */
export const CalcMode = {
  Forex: 0,
  Futures: 1,
  Cfd: 2,
  CfdIndex: 3,
  CfdLeverage: 4,
  ForexNoLeverage: 5,
  ExchangeStocks: 32,
  ExchangeFutures: 33,
  FortsFutures: 34,
  ExchangeOption: 35,
  ExchangeMarginOption: 36,
  ExchangeBonds: 37,
  ExchangeMoexStocks: 38,
  ExchangeMoexBonds: 39,
  Collateral: 64,
} as const

/** cmd 10 `flagMask`: 0 open order, 1 history order, 2 deal/position/balance. */
export const FlagMask = { Order: 0, HistoryOrder: 1, Deal: 2 } as const

/** cmd 10 `transactionType`. */
export const TxType = { Add: 0, Update: 1, Delete: 2 } as const

/** Lots → wire volume units (lots × 10^8). */
export const VOLUME_SCALE = 100_000_000n

/** Converts lots to wire units (`lots × 10^8`, rounded). */
export function lotsToUnits(lots: number): bigint {
  return BigInt(Math.round(lots * 1e8))
}

/** Converts wire units to lots. */
export function unitsToLots(units: bigint): number {
  return Number(units) / 1e8
}

/** True for buy order types (0, 2, 4, 6). */
export function isBuyType(type: number): boolean {
  return type % 2 === 0 && type <= 7
}

/** True for pending order types (2…7). */
export function isPendingType(type: number): boolean {
  return type >= 2 && type <= 7
}
