/**
 * Domain objects the client hands to users: decoded, typed, with symbol names resolved, times in
 * Unix milliseconds, volumes in lots (`number`, converted exactly from the wire's lots × 10^8) and
 * prices unscaled. Tickets, logins and magic numbers stay `bigint` because they exceed 2^53.
 */

/** A quote update (cmd 8). Absent fields keep the symbol's previous value. */
export interface Tick {
  symbol: string
  symbolId: number
  /** Unix ms, server clock. */
  timeMs: number
  bid: number
  ask: number
  last: number
  /** Volume in lots. */
  volume: number
  /** Raw `fields` bit mask of the update (1 bid, 2 ask, 4 last, 8 volume). */
  fields: number
  /** Raw tick flags (0x200 = delayed quote). */
  flags: number
}

/** One level of an order book. */
export interface BookLevel {
  price: number
  /** Lots. */
  volume: number
}

/** An order book snapshot of one symbol (cmd 23). Bids best (highest) first, asks best (lowest) first. */
export interface Book {
  symbol: string
  symbolId: number
  timeMs: number
  bids: BookLevel[]
  asks: BookLevel[]
}

/** One OHLC bar (cmd 11). */
export interface Bar {
  /** Bar open time, Unix ms (server clock). */
  timeMs: number
  open: number
  high: number
  low: number
  close: number
  /** Ticks in the bar. */
  tickVolume: number
  /** Exchange volume (0 for most forex symbols). */
  realVolume: number
}

/** Entry in the symbol list (cmd 6/34). */
export interface SymbolInfo {
  name: string
  id: number
  digits: number
  description: string
  /** Backslash-separated path, e.g. `Forex\Majors\EURUSD`. */
  path: string
  calcMode: number
  basis: string
  sector: number
}

/** An open position (cmd 4, cmd 10). */
export interface Position {
  ticket: bigint
  /** Ticket of the order that opened it. */
  order: bigint
  symbol: string
  /** 0 buy, 1 sell (`PositionType`). */
  type: number
  /** Lots. */
  volume: number
  priceOpen: number
  priceCurrent: number
  sl: number
  tp: number
  profit: number
  swap: number
  commission: number
  /** Expert id ("magic") as reported by the server. The web trade request cannot set it. */
  magic: bigint
  comment: string
  digits: number
  contractSize: number
  reason: number
  externalId: string
  timeCreateMs: number
  timeUpdateMs: number
}

/** An open or historical order (cmd 4, cmd 5, cmd 10). */
export interface Order {
  ticket: bigint
  symbol: string
  /** `OrderType`. */
  type: number
  /** `OrderState`. */
  state: number
  /** `OrderFilling`. */
  filling: number
  /** `OrderTime`. */
  timeType: number
  reason: number
  /** Order price; for stop-limit orders the activation (stop) price. */
  priceOrder: number
  /** Limit price of a stop-limit order, else 0. */
  priceTrigger: number
  priceCurrent: number
  sl: number
  tp: number
  /** Lots. */
  volumeInitial: number
  /** Lots not yet filled. */
  volumeCurrent: number
  magic: bigint
  positionId: bigint
  comment: string
  externalId: string
  digits: number
  contractSize: number
  timeSetupMs: number
  /** Unix ms, 0 = no expiration. */
  timeExpirationMs: number
  timeDoneMs: number
}

/** A deal from history (cmd 5, cmd 10). */
export interface Deal {
  ticket: bigint
  order: bigint
  positionId: bigint
  symbol: string
  /** `DealType`. */
  type: number
  /** `DealEntry`: 0 in, 1 out, 2 in/out, 3 out by. */
  entry: number
  price: number
  /** Lots. */
  volume: number
  profit: number
  commission: number
  fee: number
  swap: number
  sl: number
  tp: number
  magic: bigint
  comment: string
  externalId: string
  reason: number
  digits: number
  contractSize: number
  timeMs: number
}

/** Summary of the trading account (cmd 3 / cmd 14 plus what the client derives). */
export interface AccountSummary {
  login: bigint
  name: string
  server: string
  company: string
  currency: string
  currencyDigits: number
  leverage: number
  balance: number
  credit: number
  /** Floating profit reported by the server. */
  profit: number
  /** balance + credit + profit. */
  equity: number
  /** Margin of open positions and orders, computed by the client (the block has no margin field). */
  margin: number
  marginFree: number
  /** Percent, 0 when there is no margin. */
  marginLevel: number
  /** 0 real, 1 demo, 2 contest, 3 preliminary. */
  type: number
  /** 0 netting, 1 exchange, 2 hedging. */
  marginMode: number
  hedging: boolean
  tradeAllowed: boolean
  investor: boolean
  readOnly: boolean
  /** Server time offset from UTC in seconds (timezoneShift + 3600 × daylightmode). */
  serverOffsetSeconds: number
  serverBuild: number
}

/** The outcome of a trade request (cmd 19, or the immediate cmd 12 rejection). */
export interface TradeResult {
  retcode: number
  /** Human-readable meaning of `retcode`. */
  description: string
  ok: boolean
  deal: bigint
  order: bigint
  /**
   * Position of the deal: the position a market order opened, added to, reversed or closed; 0n
   * without a deal (pending orders, failures) or when it could not be read. The wire result has
   * no such field: `tradeRequest` takes it from the deal's cmd 10 push (or the history).
   */
  position: bigint
  /** Lots. */
  volume: number
  price: number
  bid: number
  ask: number
  comment: string
  /** The request's action id (echoed by the server). */
  requestId: number
}
