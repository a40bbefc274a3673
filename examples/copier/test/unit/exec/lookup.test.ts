import type { Order } from 'mt5web'
import { OrderState, OrderType } from 'mt5web'
import { describe, expect, it } from 'vitest'
import { findCopyByTag } from '../../../src/exec/lookup.js'
import { formatTag } from '../../../src/link/tag.js'

const scope = { prefix: 'cp', source: '10001' }
const SETUP_MS = Date.UTC(2026, 0, 7, 12)

const order = (ticket: bigint, type: number, state: number, setupMs: number): Order =>
  ({ ticket, symbol: 'EURUSD', comment: formatTag(1n, scope), type, state, timeSetupMs: setupMs }) as Order

const trader = (open: Order[], history: Order[]) => ({
  orders: async () => open,
  history: async () => ({ orders: history, deals: [], positions: [] }),
})

describe('findCopyByTag', () => {
  it('does not take the copy cancelled for a source type change as the outcome of its replacement', async () => {
    // #601 was the buy stop-limit copy, cancelled when its source triggered into a buy limit
    const replaced = order(601n, OrderType.BuyStopLimit, OrderState.Canceled, SETUP_MS)
    const t = trader([], [replaced])
    expect(await findCopyByTag(t, scope, 1n, 'EURUSD', SETUP_MS, OrderType.BuyLimit)).toBeUndefined()
    // a copy of the type sent, cancelled since (by hand), is the outcome
    const sent = order(602n, OrderType.BuyLimit, OrderState.Canceled, SETUP_MS + 1000)
    const found = await findCopyByTag(
      trader([], [replaced, sent]),
      scope,
      1n,
      'EURUSD',
      SETUP_MS,
      OrderType.BuyLimit,
    )
    expect(found).toMatchObject({ order: { ticket: 602n }, where: 'history' })
  })
})
