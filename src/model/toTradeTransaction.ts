/**
 * Decoded cmd 10 records (official layout) → {@link TradeTransaction}s. A deal-form record whose
 * deal ticket is 0 has `deal: null`; one whose position has neither a ticket nor a symbol has
 * `position: null`.
 */

import type { TradeTransaction } from '../client/types.js'
import type {
  DealTransaction,
  OrderTransaction,
  TradeTransactions,
} from '../codec/messages/tradeTransactions.js'
import { toDeal } from './toDeal.js'
import { toOrder } from './toOrder.js'
import { toPosition } from './toPosition.js'

/** Converts one order-form record. */
export function toOrderTransaction(record: OrderTransaction): TradeTransaction {
  return {
    kind: 'order',
    flagMask: record.flagMask,
    transactionId: record.transactionId,
    transactionType: record.transactionType,
    order: toOrder(record.order),
  }
}

/** Converts one deal-form record. */
export function toDealTransaction(record: DealTransaction): TradeTransaction {
  const hasPosition = record.position.positionId !== 0n || record.position.tradeSymbol !== ''
  return {
    kind: 'deal',
    transactionId: record.transactionId,
    transactionType: record.transactionType,
    deal: record.deal.deal === 0n ? null : toDeal(record.deal),
    position: hasPosition ? toPosition(record.position) : null,
    balance: record.balance,
    credit: record.credit,
    profit: record.accProfit,
    deals: record.deals.map(toDeal),
    positions: record.positions.map(toPosition),
  }
}

/** Converts a whole decoded cmd 10 body, one transaction per record. */
export function toTradeTransactions(body: TradeTransactions): TradeTransaction[] {
  return body.kind === 'order' ? body.records.map(toOrderTransaction) : body.records.map(toDealTransaction)
}
