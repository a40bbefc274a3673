/**
 * Engine events → push bodies (official layouts). A state change is pushed as cmd 10 frames (one
 * per event, in the engine's order: order form for orders, deal form for deals and position
 * updates), then one cmd 14 account block; a client's own request then gets its cmd 19 result.
 */
import { encodeTradeTransactions } from '../../codec/messages/tradeTransactions.js'
import { dealSchema } from '../../codec/schemas/deal.js'
import { type PositionRecord, positionSchema } from '../../codec/schemas/position.js'
import type { AccountSummary } from '../engine/account.js'
import type { EngineEvent } from '../engine/engine.js'

/** One frame to push: command id and body. */
export interface PushFrame {
  command: number
  body: Uint8Array
}

function tail(a: AccountSummary): {
  balance: number
  credit: number
  commissionDaily: number
  commissionMonthly: number
  accProfit: number
} {
  return {
    balance: a.balance,
    credit: a.credit,
    commissionDaily: a.commissionDaily,
    commissionMonthly: a.commissionMonthly,
    accProfit: a.accProfit,
  }
}

/** The cmd 10 body of one (non-account) event; `undefined` for account events. */
export function transactionBody(event: EngineEvent, transactionId: number): Uint8Array | undefined {
  switch (event.type) {
    case 'order':
      return encodeTradeTransactions({
        kind: 'order',
        records: [
          {
            flagMask: event.flagMask,
            transactionId,
            transactionType: event.transactionType,
            order: event.order,
          },
        ],
      })
    case 'deal': {
      const position: PositionRecord = event.position ?? positionSchema.zero()
      return encodeTradeTransactions({
        kind: 'deal',
        records: [
          {
            flagMask: 2,
            transactionId,
            transactionType: 0,
            deal: event.deal,
            position: event.positionClosed ? { ...position, tradeVolume: 0n } : position,
            ...tail(event.account),
            deals: [],
            positions: [],
          },
        ],
      })
    }
    case 'position':
      return encodeTradeTransactions({
        kind: 'deal',
        records: [
          {
            flagMask: 2,
            transactionId,
            transactionType: 1,
            deal: dealSchema.zero(),
            position: event.position,
            ...tail(event.account),
            deals: [],
            positions: [],
          },
        ],
      })
    default:
      return undefined
  }
}

/** Events of one login grouped for pushing: the cmd 10 bodies in order and the last account figures. */
export interface LoginPushes {
  transactions: Uint8Array[]
  /** Latest figures (from account, deal or position events), if anything changed the balance. */
  account: AccountSummary | undefined
}

/** Splits events by login, encoding cmd 10 bodies with ids from `nextId`. */
export function groupEvents(events: readonly EngineEvent[], nextId: () => number): Map<number, LoginPushes> {
  const out = new Map<number, LoginPushes>()
  for (const e of events) {
    let g = out.get(e.login)
    if (!g) {
      g = { transactions: [], account: undefined }
      out.set(e.login, g)
    }
    const body = transactionBody(e, nextId())
    if (body) g.transactions.push(body)
    if (e.type !== 'order') g.account = e.account
  }
  return out
}
