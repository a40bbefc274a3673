import { EventEmitter } from 'eventemitter3'
import { describe, expect, it } from 'vitest'
import { watchDealPositions, withDealPosition } from '../../../../src/actions/trading/dealPosition.js'
import type { BaseClient, ClientEvents, TradeTransaction } from '../../../../src/client/types.js'
import { tradeResultFromRetcode } from '../../../../src/model/toTradeResult.js'
import type { Deal } from '../../../../src/model/types.js'

const deal = (ticket: bigint, positionId: bigint) => ({ ticket, positionId }) as Deal

function dealTx(main: Deal | null, more: Deal[] = []): TradeTransaction {
  return {
    kind: 'deal',
    transactionId: 1,
    transactionType: 0,
    deal: main,
    position: null,
    balance: 0,
    credit: 0,
    profit: 0,
    deals: more,
    positions: [],
  }
}

describe('position of a market deal', () => {
  it('comes from the deal pushes seen while the request ran, without any request', async () => {
    const events = new EventEmitter<ClientEvents>()
    const requests: number[] = []
    const client = {
      events,
      request: async (command: number) => {
        requests.push(command)
        throw new Error('no request expected')
      },
    } as unknown as BaseClient
    const watch = watchDealPositions(client)
    events.emit('tradeTransaction', dealTx(deal(7n, 70n), [deal(8n, 80n)]))
    events.emit('tradeTransaction', dealTx(null, [deal(9n, 0n)]))
    const done = tradeResultFromRetcode(10009, 1, { deal: 8n })
    expect((await withDealPosition(client, done, undefined, watch, undefined)).position).toBe(80n)
    // a close names its position itself; no deal → no position
    expect((await withDealPosition(client, done, 5n, watch, undefined)).position).toBe(5n)
    const pending = tradeResultFromRetcode(10008, 2, { order: 3n })
    expect((await withDealPosition(client, pending, undefined, watch, undefined)).position).toBe(0n)
    watch.stop()
    expect(events.listenerCount('tradeTransaction')).toBe(0)
    expect(requests).toEqual([])
  })

  it('a failed history read keeps 0n and reports the error, never throws', async () => {
    const events = new EventEmitter<ClientEvents>()
    const reported: unknown[] = []
    const failure = new Error('history down')
    const client = {
      events,
      state: { reportError: (e: unknown) => reported.push(e) },
      request: async () => {
        throw failure
      },
    } as unknown as BaseClient
    const watch = watchDealPositions(client)
    const done = tradeResultFromRetcode(10009, 1, { deal: 11n })
    const r = await withDealPosition(client, done, undefined, watch, 1_700_000_000_000)
    expect(r.position).toBe(0n)
    expect(reported).toEqual([failure])
    watch.stop()
  })
})
