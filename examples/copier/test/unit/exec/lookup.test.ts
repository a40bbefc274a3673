import type { Order } from 'mt5web'
import { OrderState, OrderTime, OrderType } from 'mt5web'
import { describe, expect, it } from 'vitest'
import { findCopyByTag, type SentOrder } from '../../../src/exec/lookup.js'
import { formatTag } from '../../../src/link/tag.js'

const scope = { prefix: 'cp', source: '10001' }
const SETUP_MS = Date.UTC(2026, 0, 7, 12)
const EXPIRY_S = SETUP_MS / 1000 + 3600

/** A copy of source #1 (a 0.1 lot buy limit at 1.07 until `EXPIRY_S`, unless `over` says otherwise). */
const order = (ticket: bigint, state: number, over: Partial<Order> = {}): Order =>
  ({
    ticket,
    symbol: 'EURUSD',
    comment: formatTag(1n, scope),
    type: OrderType.BuyLimit,
    state,
    timeSetupMs: SETUP_MS,
    volumeInitial: 0.1,
    priceOrder: 1.07,
    timeType: OrderTime.Specified,
    timeExpirationMs: EXPIRY_S * 1000,
    ...over,
  }) as Order

/** The place request those copies answer. */
const sent: SentOrder = {
  type: OrderType.BuyLimit,
  volume: 0.1,
  price: 1.07,
  timeType: OrderTime.Specified,
  expiration: EXPIRY_S,
}

const trader = (open: Order[], history: Order[]) => ({
  orders: async () => open,
  history: async () => ({ orders: history, deals: [], positions: [] }),
})

const find = (open: Order[], history: Order[], request: SentOrder = sent) =>
  findCopyByTag(trader(open, history), scope, 1n, 'EURUSD', SETUP_MS, request)

describe('findCopyByTag', () => {
  it('does not take the copy cancelled for a source type change as the outcome of its replacement', async () => {
    // #601 was the buy stop-limit copy, cancelled when its source triggered into a buy limit
    const replaced = order(601n, OrderState.Canceled, { type: OrderType.BuyStopLimit })
    expect(await find([], [replaced])).toBeUndefined()
    // a copy of the type sent, cancelled since (by hand), is the outcome
    const cancelled = order(602n, OrderState.Canceled, { timeSetupMs: SETUP_MS + 1000 })
    expect(await find([], [replaced, cancelled])).toMatchObject({ order: { ticket: 602n }, where: 'history' })
  })

  it('names the live copy the request created, not an older one with the same tag and setup time', async () => {
    // #601: an older live copy (its cancel still pending), listed first, same second
    const older = order(601n, OrderState.Placed, { priceOrder: 1.065 })
    const created = order(605n, OrderState.Placed)
    expect(await find([older, created], [])).toMatchObject({ order: { ticket: 605n }, where: 'open' })
    // the newest ticket when several match (a duplicate: the planner cancels the other)
    expect(await find([created, order(603n, OrderState.Placed)], [])).toMatchObject({
      order: { ticket: 605n },
    })
    // a live copy changed by hand since still counts as live: better than nothing
    expect(await find([older], [])).toMatchObject({ order: { ticket: 601n }, where: 'open' })
  })

  it('never names an expired or cancelled older copy for a request that took no effect', async () => {
    // #601 expired with an expiry its source no longer has: the new copy asks for a later one
    const expired = order(601n, OrderState.Expired, { timeExpirationMs: (EXPIRY_S - 1800) * 1000 })
    expect(await find([], [expired])).toBeUndefined()
    // the source's expiry was removed: the new copy is good till cancelled
    const gtc: SentOrder = { ...sent, timeType: OrderTime.Gtc, expiration: undefined }
    expect(await find([], [order(601n, OrderState.Expired)], gtc)).toBeUndefined()
    // with the request's own copy filled or cancelled since, that one (the newest matching ticket)
    const filled = order(606n, OrderState.Filled)
    const before = order(602n, OrderState.Canceled)
    expect(await find([], [before, filled, expired])).toMatchObject({
      order: { ticket: 606n },
      where: 'history',
    })
  })
})
