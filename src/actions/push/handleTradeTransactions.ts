/**
 * cmd 10 → `tradeTransaction` events, plus `positions` / `orders` / `account` when the stored
 * lists or the account changed (each emitted once per push, after the transactions).
 */

import type { TradeTransaction } from '../../client/types.js'
import { decodeTradeTransactions } from '../../codec/messages/tradeTransactions.js'
import { toTradeTransactions } from '../../model/toTradeTransaction.js'
import { applyDealTransaction } from './applyDealTransaction.js'
import { applyOrderTransaction } from './applyOrderTransaction.js'
import type { PushContext } from './pushStore.js'

/** Decodes a cmd 10 body, applies it to the store and emits the derived events. */
export function handleTradeTransactions(
  body: Uint8Array,
  ctx: PushContext,
): Array<[transaction: TradeTransaction]> {
  const transactions = toTradeTransactions(decodeTradeTransactions(body))
  let positions = false
  let orders = false
  let account = false
  for (const tx of transactions) {
    if (tx.kind === 'order') orders = applyOrderTransaction(ctx.store, tx) || orders
    else {
      const effect = applyDealTransaction(ctx.store, tx)
      positions ||= effect.positions
      account ||= effect.account
    }
  }
  // Queued: emitted after the transactions themselves, in this order.
  if (positions) ctx.emit('positions', [...ctx.store.positions.values()])
  if (orders) ctx.emit('orders', [...ctx.store.orders.values()])
  if (account && ctx.store.account) ctx.emit('account', ctx.store.account)
  return transactions.map((tx): [TradeTransaction] => [tx])
}
