/**
 * An order-form cmd 10 record applied to the open orders (docs/architecture.md#commands, cmd 10, official):
 * `flagMask 0` (open orders): add (0) or update (1) → insert/replace by ticket, delete (2) →
 * remove. `flagMask 1` (history orders): the order has left the open list, so an open order of
 * the same ticket is removed. Returns true when the open orders changed.
 */
import type { TradeTransaction } from '../../client/types.js'
import type { PushStore } from './pushStore.js'

/** Applies one order transaction to `store.orders`. */
export function applyOrderTransaction(
  store: PushStore,
  tx: Extract<TradeTransaction, { kind: 'order' }>,
): boolean {
  const ticket = tx.order.ticket
  if (tx.flagMask === 0) {
    if (tx.transactionType === 2) return store.orders.delete(ticket)
    store.orders.set(ticket, tx.order)
    return true
  }
  if (tx.flagMask === 1) return store.orders.delete(ticket)
  return false
}
