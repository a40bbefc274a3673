import type { Deal, Order, Position } from 'mt5web'
import { OrderState } from 'mt5web'
import { describe, expect, it } from 'vitest'
import {
  findExpiredCopies,
  findGoneSources,
  findPastCopies,
  goneReasonOf,
  pastCopyLinks,
} from '../../../src/exec/history.js'
import { formatTag } from '../../../src/link/tag.js'

const scope = { prefix: 'cp', source: '10001' }
const other = { prefix: 'cp', source: '99999' }
const DAY_MS = 86_400_000
const SETUP_MS = Date.UTC(2026, 0, 7, 12)

const order = (ticket: bigint, comment: string, state: number, setupMs = SETUP_MS): Order =>
  ({ ticket, symbol: 'EURUSD', comment, state, timeSetupMs: setupMs }) as Order
const deal = (orderTicket: bigint, comment: string): Deal =>
  ({ ticket: orderTicket + 1000n, order: orderTicket, symbol: 'EURUSD', comment }) as Deal
const position = (orderTicket: bigint, comment: string): Position =>
  ({ ticket: orderTicket, order: orderTicket, symbol: 'EURUSD', comment }) as Position

/** The client calls the lookups make, answering from fixed lists and recording the `from` asked. */
function account(positions: Position[], orders: Order[], deals: Deal[]) {
  const asked: (number | Date | undefined)[] = []
  return {
    asked,
    client: {
      positions: async () => positions,
      history: async (p?: { from?: number | Date }) => {
        asked.push(p?.from)
        return { orders, deals }
      },
    },
  }
}

describe('goneReasonOf', () => {
  it('maps every final order state, and nothing for a live one', () => {
    expect(goneReasonOf(OrderState.Filled)).toBe('filled')
    expect(goneReasonOf(OrderState.Partial)).toBe('filled')
    expect(goneReasonOf(OrderState.Canceled)).toBe('cancelled')
    expect(goneReasonOf(OrderState.Rejected)).toBe('cancelled')
    expect(goneReasonOf(OrderState.Expired)).toBe('expired')
    expect(goneReasonOf(OrderState.Placed)).toBeUndefined()
    expect(goneReasonOf(OrderState.Started)).toBeUndefined()
  })
})

describe('findPastCopies', () => {
  it('takes a copy cancelled with another type than its source now as replaced, not as a past copy', async () => {
    // source #1 was a buy stop-limit (6), it triggered into a buy limit (2): its copy #601 was cancelled
    const replaced = { ...order(601n, formatTag(1n, scope), OrderState.Canceled), type: 6 }
    const byHand = { ...order(602n, formatTag(2n, scope), OrderState.Canceled), type: 2 }
    const filled = { ...order(603n, formatTag(3n, scope), OrderState.Filled), type: 6 }
    const { client } = account([], [replaced, byHand, filled], [])
    const sources = [1n, 2n, 3n].map((ticket) => ({ ticket, setupMs: SETUP_MS, type: 2 }))
    const found = await findPastCopies(client, scope, sources)
    expect(found.map((c) => c.copyTicket).sort()).toEqual([602n, 603n])
  })

  it('finds copies in positions, history orders and deals; never a rejected request or another scope', async () => {
    const { client, asked } = account(
      [position(501n, formatTag(1n, scope)), position(502n, 'by hand')],
      [
        order(601n, formatTag(2n, scope), OrderState.Canceled),
        order(602n, formatTag(3n, scope), OrderState.Rejected),
        order(603n, formatTag(4n, other), OrderState.Filled),
        order(604n, formatTag(9n, scope), OrderState.Filled),
      ],
      [deal(701n, formatTag(5n, scope))],
    )
    const sources = [1n, 2n, 3n, 4n, 5n].map((ticket) => ({ ticket, setupMs: SETUP_MS + Number(ticket) }))
    const found = await findPastCopies(client, scope, sources)
    expect(found).toEqual([
      { sourceTicket: 1n, copyTicket: 501n, symbol: 'EURUSD', where: 'position' },
      { sourceTicket: 2n, copyTicket: 601n, symbol: 'EURUSD', where: 'history' },
      { sourceTicket: 5n, copyTicket: 701n, symbol: 'EURUSD', where: 'history' },
    ])
    // from the oldest source's setup, two days earlier (server-local stamps)
    expect(asked).toEqual([Math.floor((SETUP_MS + 1 - 2 * DAY_MS) / 1000)])
  })

  it('asks nothing when no source needs a lookup', async () => {
    const { client, asked } = account([], [], [])
    expect(await findPastCopies(client, scope, [])).toEqual([])
    expect(asked).toEqual([])
  })
})

describe('findGoneSources', () => {
  it("reads each source order's end; a deal makes it filled whatever its final state", async () => {
    const { client } = account(
      [],
      [
        order(1n, '', OrderState.Filled),
        order(2n, '', OrderState.Canceled),
        order(3n, '', OrderState.Expired),
        order(4n, '', OrderState.Canceled),
        order(6n, '', OrderState.Filled),
      ],
      [deal(4n, '')],
    )
    const tickets = new Map([1n, 2n, 3n, 4n, 5n].map((t) => [t, SETUP_MS]))
    const gone = await findGoneSources(client, tickets)
    expect([...gone]).toEqual([
      [1n, 'filled'],
      [2n, 'cancelled'],
      [3n, 'expired'],
      [4n, 'filled'],
    ])
  })
})

describe('expired copies', () => {
  const EXPIRY_MS = SETUP_MS + 240_000
  const expired = (ticket: bigint, comment: string) => ({
    ...order(ticket, comment, OrderState.Expired),
    type: 2,
    timeType: 2,
    timeExpirationMs: EXPIRY_MS,
  })

  it('findExpiredCopies reads which copies expired and with which expiry; asks nothing for none', async () => {
    const { client, asked } = account(
      [],
      [expired(801n, formatTag(1n, scope)), order(802n, formatTag(2n, scope), OrderState.Canceled)],
      [],
    )
    const found = await findExpiredCopies(client, new Set([801n, 802n, 803n]), SETUP_MS)
    expect([...found]).toEqual([[801n, { timeType: 'specified', expirationMs: EXPIRY_MS }]])
    expect(asked).toHaveLength(1)
    expect(await findExpiredCopies(client, new Set(), SETUP_MS)).toEqual(new Map())
    expect(asked).toHaveLength(1)
  })

  it('findPastCopies reports an expired copy with its expiry, linked active for the planner to judge', async () => {
    const { client } = account([], [expired(801n, formatTag(1n, scope))], [])
    const found = await findPastCopies(client, scope, [{ ticket: 1n, setupMs: SETUP_MS, type: 2 }])
    expect(found).toEqual([
      {
        sourceTicket: 1n,
        copyTicket: 801n,
        symbol: 'EURUSD',
        where: 'history',
        expired: { timeType: 'specified', expirationMs: EXPIRY_MS },
      },
    ])
    expect(pastCopyLinks('t1', found)).toEqual([
      { target: 't1', sourceTicket: 1n, copyTicket: 801n, status: 'active' },
    ])
  })
})
