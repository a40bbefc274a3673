/** Public types of the simulator's trading engine: its events, results, snapshots and options. */
import type { DealRecord } from '../../codec/schemas/deal.js'
import type { OrderRecord } from '../../codec/schemas/order.js'
import type { PositionRecord } from '../../codec/schemas/position.js'
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import type { TradeResultRecord } from '../../codec/schemas/tradeResult.js'
import type { AccountSummary } from './account.js'
import type { Clock } from './clock.js'
import type { AccountConfig, BrokerConfig, SymbolSpec } from './config.js'
import type { Feed } from './feed.js'

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
