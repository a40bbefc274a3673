/**
 * cmd 10 trade-update push (official framing, CONFLICT C4). Records back to back until the
 * body ends; the FIRST u32 of the body (the first record's `flagMask`) picks the form of every
 * record: 2 → deal form, anything else → order form.
 *
 * Order form (368 B): TxHeader (12) + Order (356).
 * Deal form: TxHeader (12) + Deal (356) + Position (344) + TxBalanceTail (40)
 *            + u32 n + n × Deal + u32 m + m × Position.
 */
import { ValidationError } from '../../errors.js'
import { BodyReader, BodyWriter } from '../cursor.js'
import { type DealRecord, dealSchema } from '../schemas/deal.js'
import { type OrderRecord, orderSchema } from '../schemas/order.js'
import { type PositionRecord, positionSchema } from '../schemas/position.js'
import { tradeTransactionHeaderSchema } from '../schemas/tradeTransactionHeader.js'
import { type TxBalanceTailRecord, txBalanceTailSchema } from '../schemas/txBalanceTail.js'

/** Header fields shared by both forms. */
export interface TradeTransactionHeader {
  /** 0 open order, 1 history order, 2 deal / position / balance. */
  flagMask: number
  transactionId: number
  /** 0 add, 1 update, 2 delete. */
  transactionType: number
}

/** One order-form record. */
export interface OrderTransaction extends TradeTransactionHeader {
  order: OrderRecord
}

/** One deal-form record. */
export interface DealTransaction extends TradeTransactionHeader, TxBalanceTailRecord {
  deal: DealRecord
  position: PositionRecord
  /** Further deals of the same transaction. */
  deals: DealRecord[]
  /** Further positions of the same transaction. */
  positions: PositionRecord[]
}

/** A decoded cmd 10 body. */
export type TradeTransactions =
  | { kind: 'order'; records: OrderTransaction[] }
  | { kind: 'deal'; records: DealTransaction[] }

const WHAT = 'cmd 10 trade transaction'

/** Decodes a cmd 10 body. An empty body is an order-form body with no records. */
export function decodeTradeTransactions(body: Uint8Array): TradeTransactions {
  const r = new BodyReader(body, WHAT)
  if (body.length === 0) return { kind: 'order', records: [] }
  if (body.length < 4) r.u32('flagMask')
  const dealForm = r.view.getUint32(0, true) === 2
  if (!dealForm) {
    const records: OrderTransaction[] = []
    while (r.remaining > 0) {
      const header = r.record(tradeTransactionHeaderSchema)
      const order = r.record(orderSchema)
      records.push({ ...header, order })
    }
    return { kind: 'order', records }
  }
  const records: DealTransaction[] = []
  while (r.remaining > 0) {
    const header = r.record(tradeTransactionHeaderSchema)
    const deal = r.record(dealSchema)
    const position = r.record(positionSchema)
    const tail = r.record(txBalanceTailSchema)
    const deals = r.countedRecords(dealSchema, 'deals')
    const positions = r.countedRecords(positionSchema, 'positions')
    records.push({ ...header, deal, position, ...tail, deals, positions })
  }
  return { kind: 'deal', records }
}

/**
 * Encodes a cmd 10 body. The reader picks the form from the first record's `flagMask`, so
 * deal-form records must have `flagMask` 2 first and order-form records must not start with 2.
 * @throws ValidationError when the first record's `flagMask` contradicts `kind`.
 */
export function encodeTradeTransactions(value: TradeTransactions): Uint8Array {
  // Exact size up front: the body is written without growing the buffer.
  const size =
    value.kind === 'order'
      ? value.records.length * 368
      : value.records.reduce((n, r) => n + 760 + r.deals.length * 356 + r.positions.length * 344, 0)
  const w = new BodyWriter(Math.max(size, 1))
  const first = value.records[0]
  if (first !== undefined && (first.flagMask === 2) !== (value.kind === 'deal')) {
    throw new ValidationError(
      `${WHAT}: a ${value.kind}-form body cannot start with flagMask ${first.flagMask}`,
      {
        field: 'records[0].flagMask',
        value: first.flagMask,
      },
    )
  }
  if (value.kind === 'order') {
    for (const rec of value.records) {
      w.record(tradeTransactionHeaderSchema, rec)
      w.record(orderSchema, rec.order)
    }
  } else {
    for (const rec of value.records) {
      w.record(tradeTransactionHeaderSchema, rec)
      w.record(dealSchema, rec.deal)
      w.record(positionSchema, rec.position)
      w.record(txBalanceTailSchema, rec)
      w.countedRecords(dealSchema, rec.deals)
      w.countedRecords(positionSchema, rec.positions)
    }
  }
  return w.finish()
}
