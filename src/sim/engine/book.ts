/** The order book of one account: active orders, open positions, history orders and deals. */
import type { DealRecord } from '../../codec/schemas/deal.js'
import type { OrderRecord } from '../../codec/schemas/order.js'
import type { PositionRecord } from '../../codec/schemas/position.js'
import { isPendingType } from './constants.js'

/** Mutable records held by the engine (the server encodes them as they are). */
export interface Book {
  /** Active orders by ticket (pending orders and market orders still being filled). */
  orders: Map<bigint, OrderRecord>
  /** Open positions by position ticket. */
  positions: Map<bigint, PositionRecord>
  /** Finished orders in completion order. */
  historyOrders: OrderRecord[]
  /** Deals in execution order (trades and balance operations). */
  deals: DealRecord[]
}

/** An empty book. */
export function createBook(): Book {
  return { orders: new Map(), positions: new Map(), historyOrders: [], deals: [] }
}

/** Number of active pending orders (types 2…7). */
export function pendingCount(book: Book): number {
  let n = 0
  for (const o of book.orders.values()) if (isPendingType(o.orderType)) n += 1
  return n
}

/** Open positions of one symbol. */
export function positionsOf(book: Book, symbol: string): PositionRecord[] {
  return [...book.positions.values()].filter((p) => p.tradeSymbol === symbol)
}

/** Deep-enough copy of a record for events/snapshots (records hold only primitives and arrays). */
export function copyRecord<T extends object>(record: T): T {
  return { ...record }
}
