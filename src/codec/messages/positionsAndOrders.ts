/**
 * cmd 4 reply: positions and open orders.
 *
 * | part      | layout                          |
 * |-----------|---------------------------------|
 * | positions | u32 n + n × Position (344 B)    |
 * | orders    | u32 m + m × Order (356 B)       |
 */
import { BodyReader, BodyWriter } from '../cursor.js'
import { type OrderRecord, orderSchema } from '../schemas/order.js'
import { type PositionRecord, positionSchema } from '../schemas/position.js'

/** The decoded cmd 4 reply. */
export interface PositionsAndOrders {
  positions: PositionRecord[]
  orders: OrderRecord[]
}

/** Decodes a cmd 4 reply body. */
export function decodePositionsAndOrders(body: Uint8Array): PositionsAndOrders {
  const r = new BodyReader(body, 'cmd 4 positions and orders')
  const positions = r.countedRecords(positionSchema, 'positions')
  const orders = r.countedRecords(orderSchema, 'orders')
  return { positions, orders }
}

/** Encodes a cmd 4 reply body. */
export function encodePositionsAndOrders(value: PositionsAndOrders): Uint8Array {
  return new BodyWriter(
    8 + value.positions.length * positionSchema.size + value.orders.length * orderSchema.size,
  )
    .countedRecords(positionSchema, value.positions)
    .countedRecords(orderSchema, value.orders)
    .finish()
}
