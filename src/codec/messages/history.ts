/**
 * cmd 5 — trade history.
 *
 * Request: HistoryRequest (8 B: i32 from, i32 to, Unix seconds).
 *
 * Reply:
 * | part   | layout                                  |
 * |--------|-----------------------------------------|
 * | deals  | u32 n + n × Deal (356 B)                |
 * | orders | u32 m + m × Order (356 B, history)      |
 */
import { BodyReader, BodyWriter } from '../cursor.js'
import { type DealRecord, dealSchema } from '../schemas/deal.js'
import { type HistoryRequestRecord, historyRequestSchema } from '../schemas/historyRequest.js'
import { type OrderRecord, orderSchema } from '../schemas/order.js'

/** Encodes the cmd 5 request payload. */
export function encodeHistoryRequest(value: HistoryRequestRecord): Uint8Array {
  return historyRequestSchema.encode(value)
}

/** Decodes the cmd 5 request payload (simulator side). */
export function decodeHistoryRequest(body: Uint8Array): HistoryRequestRecord {
  return historyRequestSchema.decodeBytes(body)
}

/** The decoded cmd 5 reply. */
export interface History {
  deals: DealRecord[]
  orders: OrderRecord[]
}

/** Decodes a cmd 5 reply body. */
export function decodeHistory(body: Uint8Array): History {
  const r = new BodyReader(body, 'cmd 5 history')
  const deals = r.countedRecords(dealSchema, 'deals')
  const orders = r.countedRecords(orderSchema, 'orders')
  return { deals, orders }
}

/** Encodes a cmd 5 reply body. */
export function encodeHistory(value: History): Uint8Array {
  return new BodyWriter(8 + (value.deals.length + value.orders.length) * 356)
    .countedRecords(dealSchema, value.deals)
    .countedRecords(orderSchema, value.orders)
    .finish()
}
