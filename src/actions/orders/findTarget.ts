/** Looks up the position or order a helper acts on; never guesses. @internal */
import type { BaseClient } from '../../client/types.js'
import { ValidationError } from '../../errors.js'
import type { Order, Position } from '../../model/types.js'
import { positionsAndOrders, type TradeSnapshot } from '../trading/positionsAndOrders.js'

/** The open position with `ticket`. @throws ValidationError when it is not open */
export function findPosition(snap: TradeSnapshot, ticket: bigint, field = 'ticket'): Position {
  const p = snap.positions.find((x) => x.ticket === ticket)
  if (!p) throw new ValidationError(`position ${ticket} is not open`, { field, value: ticket })
  return p
}

/** The open order with `ticket`. @throws ValidationError when it is not open */
export function findOrder(snap: TradeSnapshot, ticket: bigint): Order {
  const o = snap.orders.find((x) => x.ticket === ticket)
  if (!o) throw new ValidationError(`order ${ticket} is not open`, { field: 'ticket', value: ticket })
  return o
}

/** A fresh cmd 4 snapshot. */
export function snapshot(client: BaseClient): Promise<TradeSnapshot> {
  return positionsAndOrders(client)
}
