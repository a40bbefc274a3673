/**
 * Wire enumerations and bit flags (docs/architecture.md#enumerations). Each is an `as const` object plus a
 * union type of
 * its values. Values are the numbers on the wire; names follow the official Web Terminal.
 */

/** Trade request actions (`tradeAction` of a trade request) — the trade server's own enum. */
export const TradeAction = {
  /** Ask for a quote (request execution without a price). */
  Price: 0,
  /** Market order on a request-execution symbol. */
  Request: 1,
  /** Market order on an instant-execution symbol (price + deviation). */
  Instant: 2,
  /** Market order on a market-execution symbol. */
  Market: 3,
  /** Market order on an exchange-execution symbol. */
  Exchange: 4,
  /** Place a pending order. */
  Pending: 5,
  /** Modify SL/TP of a position. */
  SlTp: 6,
  /** Modify a pending order. */
  Modify: 7,
  /** Delete a pending order. */
  Remove: 8,
  /** Close a position by an opposite one (hedging accounts). */
  CloseBy: 10,
} as const
export type TradeAction = (typeof TradeAction)[keyof typeof TradeAction]

/** True for the actions the official client classifies as market (1, 2, 3, 4 and dealer 200). */
export function isMarketAction(action: number): boolean {
  return (action >= 1 && action <= 4) || action === 200
}

/** Symbol execution modes (`tradeExemode`). */
export const ExecutionMode = { Request: 0, Instant: 1, Market: 2, Exchange: 3 } as const
export type ExecutionMode = (typeof ExecutionMode)[keyof typeof ExecutionMode]

/** Order types (`orderType`, `tradeType`). */
export const OrderType = {
  Buy: 0,
  Sell: 1,
  BuyLimit: 2,
  SellLimit: 3,
  BuyStop: 4,
  SellStop: 5,
  BuyStopLimit: 6,
  SellStopLimit: 7,
  /** Close-by order (history only). */
  CloseBy: 8,
} as const
export type OrderType = (typeof OrderType)[keyof typeof OrderType]

/** Buy side: 0, 2, 4, 6. */
export function isBuy(type: number): boolean {
  return type >= 0 && type <= 7 && type % 2 === 0
}
/** Sell side: 1, 3, 5, 7. */
export function isSell(type: number): boolean {
  return type >= 1 && type <= 7 && type % 2 === 1
}
/** Pending orders: 2…7. */
export function isPending(type: number): boolean {
  return type >= 2 && type <= 7
}
/** Limit orders: 2, 3. */
export function isLimit(type: number): boolean {
  return type === 2 || type === 3
}
/** Stop orders: 4, 5. */
export function isStop(type: number): boolean {
  return type === 4 || type === 5
}
/** Stop-limit orders: 6, 7. */
export function isStopLimit(type: number): boolean {
  return type === 6 || type === 7
}

/** Filling (`typeFilling`). */
export const OrderFilling = { Fok: 0, Ioc: 1, Return: 2, Boc: 3 } as const
export type OrderFilling = (typeof OrderFilling)[keyof typeof OrderFilling]

/** Symbol filling flags (`tradeFillFlags`, bit mask). */
export const FillFlags = { Fok: 1, Ioc: 2, Boc: 4, All: 7 } as const
export type FillFlags = (typeof FillFlags)[keyof typeof FillFlags]

/** Time in force (`typeTime`). */
export const OrderTime = { Gtc: 0, Day: 1, Specified: 2, SpecifiedDay: 3 } as const
export type OrderTime = (typeof OrderTime)[keyof typeof OrderTime]

/** Symbol expiration flags (`tradeTimeFlags`, bit mask). */
export const TimeFlags = { Gtc: 1, Day: 2, Specified: 4, SpecifiedDay: 8, All: 15 } as const
export type TimeFlags = (typeof TimeFlags)[keyof typeof TimeFlags]

/** Allowed order kinds (`tradeOrderFlags`, bit mask). */
export const OrderFlags = {
  Market: 1,
  /** Also required for stop-limit. */
  Limit: 2,
  Stop: 4,
  StopLimit: 8,
  StopLoss: 16,
  TakeProfit: 32,
  CloseBy: 64,
  All: 127,
} as const
export type OrderFlags = (typeof OrderFlags)[keyof typeof OrderFlags]

/** Trade request flags (`typeFlags`). */
export const RequestFlags = {
  /** Set by the official client on opening market and pending orders. */
  Open: 2,
  /** Set on closing requests. */
  Close: 3,
  /** Expert request (cleared before sending). */
  Expert: 256,
  /** Signal request (cleared before sending). */
  Signal: 512,
  /** Skip margin check (dealer requests only). */
  SkipMarginCheck: 1024,
} as const
export type RequestFlags = (typeof RequestFlags)[keyof typeof RequestFlags]

/** Order states (`orderState`). */
export const OrderState = {
  Started: 0,
  Placed: 1,
  Canceled: 2,
  Partial: 3,
  Filled: 4,
  Rejected: 5,
  Expired: 6,
  RequestAdding: 7,
  RequestModifying: 8,
  RequestCancelling: 9,
} as const
export type OrderState = (typeof OrderState)[keyof typeof OrderState]

/** Position types (`position.tradeAction`). */
export const PositionType = { Buy: 0, Sell: 1 } as const
export type PositionType = (typeof PositionType)[keyof typeof PositionType]

/** Deal types (`deal.tradeAction`). */
export const DealType = {
  Buy: 0,
  Sell: 1,
  Balance: 2,
  Credit: 3,
  Charge: 4,
  Correction: 5,
  Bonus: 6,
  Commission: 7,
  CommissionDaily: 8,
  CommissionMonthly: 9,
  CommissionAgentDaily: 10,
  CommissionAgentMonthly: 11,
  Interest: 12,
  BuyCanceled: 13,
  SellCanceled: 14,
  Dividend: 15,
  DividendFranked: 16,
  Tax: 17,
} as const
export type DealType = (typeof DealType)[keyof typeof DealType]

/** Balance operations: deal types 2–12 and 15–18 (official classification). */
export function isBalanceDeal(type: number): boolean {
  return (type >= 2 && type <= 12) || (type >= 15 && type <= 18)
}

/** Deal entries (`deal.entry`). */
export const DealEntry = { In: 0, Out: 1, InOut: 2, OutBy: 3 } as const
export type DealEntry = (typeof DealEntry)[keyof typeof DealEntry]

/** Trade return codes (`retcode`). */
export const TradeRetcode = {
  Accepted: 0,
  Sent: 10001,
  RequestAccepted: 10002,
  InProcess: 10003,
  Requote: 10004,
  Prices: 10005,
  Reject: 10006,
  Cancel: 10007,
  Placed: 10008,
  Done: 10009,
  DonePartial: 10010,
  Error: 10011,
  Timeout: 10012,
  Invalid: 10013,
  InvalidVolume: 10014,
  InvalidPrice: 10015,
  InvalidStops: 10016,
  TradeDisabled: 10017,
  MarketClosed: 10018,
  NoMoney: 10019,
  PriceChanged: 10020,
  PriceOff: 10021,
  InvalidExpiration: 10022,
  OrderChanged: 10023,
  TooManyRequests: 10024,
  NoChanges: 10025,
  ServerDisablesAt: 10026,
  ClientDisablesAt: 10027,
  Locked: 10028,
  Frozen: 10029,
  InvalidFill: 10030,
  Connection: 10031,
  OnlyReal: 10032,
  LimitOrders: 10033,
  LimitVolume: 10034,
  InvalidOrder: 10035,
  PositionClosed: 10036,
  CloseOrderExist: 10039,
  LimitPositions: 10040,
  RejectCancel: 10041,
  LongOnly: 10042,
  ShortOnly: 10043,
  CloseOnly: 10044,
  FifoClose: 10045,
  DonePartialAlt: 11001,
  DemoDisabled: 1025,
} as const
export type TradeRetcode = (typeof TradeRetcode)[keyof typeof TradeRetcode]

const retcodeDescriptions: Readonly<Record<number, string>> = {
  0: 'accepted',
  10001: 'request sent',
  10002: 'request accepted',
  10003: 'request in process',
  10004: 'requote',
  10005: 'prices received',
  10006: 'request rejected',
  10007: 'request canceled by trader',
  10008: 'order placed',
  10009: 'request completed',
  10010: 'request partially completed',
  10011: 'request processing error',
  10012: 'request canceled by timeout',
  10013: 'invalid request',
  10014: 'invalid volume',
  10015: 'invalid price',
  10016: 'invalid stops',
  10017: 'trade disabled',
  10018: 'market closed',
  10019: 'not enough money',
  10020: 'price changed',
  10021: 'no quotes',
  10022: 'invalid expiration',
  10023: 'order state changed',
  10024: 'too many requests',
  10025: 'no changes in request',
  10026: 'auto-trading disabled by server',
  10027: 'auto-trading disabled by client',
  10028: 'request locked for processing',
  10029: 'order or position frozen',
  10030: 'invalid or unsupported filling mode',
  10031: 'no connection with the trade server',
  10032: 'operation allowed only for live accounts',
  10033: 'pending orders limit reached',
  10034: 'volume limit for the symbol reached',
  10035: 'invalid or prohibited order type',
  10036: 'position already closed',
  10039: 'a close order already exists for the position',
  10040: 'positions limit reached',
  10041: 'pending-order activation rejected, order canceled',
  10042: 'only long positions allowed',
  10043: 'only short positions allowed',
  10044: 'only position closing allowed',
  10045: 'position close prohibited by FIFO rule',
  11001: 'done partially',
  1025: 'demo account allocation disabled',
}

/** Human-readable description of a trade return code (`"unknown retcode N"` if not known). */
export function retcodeDescription(code: number): string {
  return retcodeDescriptions[code] ?? `unknown retcode ${code}`
}

const successRetcodes: ReadonlySet<number> = new Set([10008, 10009, 10010, 11001])
const pendingRetcodes: ReadonlySet<number> = new Set([0, 10001, 10002, 10003, 10028])

/** Official success set: 10008, 10009, 10010, 11001. */
export function isRetcodeSuccess(code: number): boolean {
  return successRetcodes.has(code)
}

/** False for the codes after which a further cmd 19 result is expected (0, 10001–10003, 10028). */
export function isRetcodeFinal(code: number): boolean {
  return !pendingRetcodes.has(code)
}

/** Symbol trade modes (`tradeMode`). */
export const SymbolTradeMode = { Disabled: 0, LongOnly: 1, ShortOnly: 2, CloseOnly: 3, Full: 4 } as const
export type SymbolTradeMode = (typeof SymbolTradeMode)[keyof typeof SymbolTradeMode]

/** Margin calculation modes (`tradeCalcMode`). */
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
export type CalcMode = (typeof CalcMode)[keyof typeof CalcMode]

/** Account types (`accountType`). */
export const AccountType = { Real: 0, Demo: 1, Contest: 2, Preliminary: 3 } as const
export type AccountType = (typeof AccountType)[keyof typeof AccountType]

/** Margin modes (`marginMode`). */
export const MarginMode = { RetailNetting: 0, Exchange: 1, RetailHedging: 2 } as const
export type MarginMode = (typeof MarginMode)[keyof typeof MarginMode]

/** Account `rights` bits. */
export const AccountRights = { TradeDisabled: 4, Investor: 8, ReadOnly: 512, ResetPassword: 1024 } as const
export type AccountRights = (typeof AccountRights)[keyof typeof AccountRights]

/** Account `permissionsFlags` bits. */
export const AccountPermissions = { RiskWarning: 16 } as const
export type AccountPermissions = (typeof AccountPermissions)[keyof typeof AccountPermissions]

/** cmd 10 `flagMask`. */
export const TransactionFlag = { OpenOrder: 0, HistoryOrder: 1, Deal: 2 } as const
export type TransactionFlag = (typeof TransactionFlag)[keyof typeof TransactionFlag]

/** cmd 10 `transactionType`. */
export const TransactionType = { Add: 0, Update: 1, Delete: 2 } as const
export type TransactionType = (typeof TransactionType)[keyof typeof TransactionType]

/** Order-book level `bookType`. */
export const BookType = { Reset: 0, Sell: 1, Buy: 2, SellMarket: 3, BuyMarket: 4 } as const
export type BookType = (typeof BookType)[keyof typeof BookType]

/** Tick `fields` bits (cmd 8). */
export const TickFields = { Bid: 1, Ask: 2, Last: 4, Volume: 8 } as const
export type TickFields = (typeof TickFields)[keyof typeof TickFields]

/**
 * Response codes (the inner frame's `code` byte and client-side codes;
 * docs/architecture.md#requests-and-replies).
 */
export const ResponseCode = {
  Ok: 0,
  InternalError: 1,
  ServerUnavailable: 2,
  InvalidAccount: 3,
  OtpRequired: 5,
  TotpRequired: 6,
  InvalidEmail: 7,
  InvalidPhone: 8,
  SslUnsupported: 9,
  InvalidAccountOtp: 201,
  InvalidVerificationCode: 1031,
  PasswordTooShort: 2000,
  PasswordTooSimple: 2001,
  CurrentPasswordIncorrect: 2005,
  PasswordsDoNotMatch: 2006,
  EnterPassword: 2007,
  EnterCurrentPassword: 2008,
} as const
export type ResponseCode = (typeof ResponseCode)[keyof typeof ResponseCode]

const responseMessages: Readonly<Record<number, string>> = {
  0: 'success',
  1: 'internal error',
  2: 'server is not available',
  3: 'invalid account or password',
  5: 'OTP required (or invalid OTP when repeated)',
  6: '2FA/TOTP must be enabled for this account',
  7: 'invalid e-mail',
  8: 'invalid phone',
  9: 'authorisation by SSL certificate is not supported',
  201: 'invalid account OTP',
  1031: 'invalid verification code',
  2000: 'password too short',
  2001: 'password must mix lower- and upper-case letters, digits and symbols',
  2005: 'current password is incorrect',
  2006: 'passwords do not match',
  2007: 'enter the password',
  2008: 'enter the current password',
}

/** Message for a response code (`"response code N"` if not known). */
export function responseCodeMessage(code: number): string {
  return responseMessages[code] ?? `response code ${code}`
}
