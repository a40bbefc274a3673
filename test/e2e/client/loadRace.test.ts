/**
 * A trade push (cmd 10) that arrives between the answers of the two requests loading the lists
 * after a login (cmd 4 orders and positions, cmd 3 account) used to be lost: it updated the old
 * lists, then the older cmd 4 snapshot replaced them. Found by the copier fault campaign (seeds 19
 * and 20 under load: the copier's source view kept a filled order open and an order's old TP, and
 * copied them so). The test holds the cmd 3 request until the push has arrived.
 * Then loaded again while pushes kept racing, at most 5 times, the last load standing: under a
 * stream of source changes (campaign seed 5 at full length, under load) it stood stale, and the
 * copier's view of the source missed two orders and an SL for good. The pushes that race a load are
 * now applied on top of its snapshot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBaseClient } from '../../../src/client/createBaseClient.js'
import type { BaseClient } from '../../../src/client/types.js'
import { type PushHandlers, pushHandlers } from '../../../src/decorators/pushHandlers.js'
import { Command } from '../../../src/protocol/commands.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { until } from '../../helpers/until.js'

const LOGIN = 10001

describe('push handlers: the lists loaded after a login', () => {
  let sim: SimServer
  let client: (BaseClient & PushHandlers) | undefined

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1', historyDays: 0 })
  })
  afterEach(async () => {
    await client?.close()
    await sim.close()
  })

  /**
   * Makes every cmd 3 request of the load(s) after a login wait until the cmd 4 answer is in and a
   * modification of `ticket` (price `prices[k]` for the k-th load) has been pushed after it.
   */
  function raceEveryLoad(base: BaseClient, ticket: bigint, prices: readonly number[]) {
    const send = base.request.bind(base) as (command: number, ...rest: unknown[]) => Promise<Uint8Array>
    let snapshot: Promise<unknown> | undefined
    let pushes = 0
    const raced: number[] = []
    base.events.on('tradeTransaction', () => {
      pushes++
    })
    base.request = ((command: number, ...rest: unknown[]) => {
      if (command === Command.positionsAndOrders) {
        snapshot = send(command, ...rest)
        return snapshot
      }
      const price = prices[raced.length]
      if (command !== Command.account || price === undefined) return send(command, ...rest)
      raced.push(price)
      return (async () => {
        await snapshot
        const before = pushes
        sim.control.modifyOrder(LOGIN, ticket, { price })
        await until(() => pushes > before, 3000)
        return send(command, ...rest)
      })()
    }) as typeof base.request
    return raced
  }

  it('keep the trade pushes that race every load, however many', async () => {
    const placed = sim.control.placeOrder(LOGIN, { symbol: 'EURUSD', type: 2, lots: 0.1, price: 1.05 })
    const ticket = placed.result.tradeOrder
    const base = createBaseClient({ server: sim.url(), login: LOGIN, password: 'Demo1234', reconnect: false })
    // more races than any bounded number of loads again
    const raced = raceEveryLoad(base, ticket, [1.049, 1.048, 1.047, 1.046, 1.045, 1.044, 1.043, 1.042])
    client = base.extend(pushHandlers)
    const loaded = new Promise<void>((resolve) => client?.events.once('positions', () => resolve()))
    await client.connect()
    await loaded
    expect(raced.length).toBeGreaterThan(0)
    // the last modification pushed is what the client holds
    expect(client.openOrders().find((o) => o.ticket === ticket)?.priceOrder).toBe(raced.at(-1))
    expect(sim.control.account(LOGIN).orders.find((o) => o.tradeOrder === ticket)?.priceOrder).toBe(
      raced.at(-1),
    )
  })

  it('emit no list of before the load while it runs: every orders event holds all the open orders', async () => {
    const tickets = [1.05, 1.051].map(
      (price) =>
        sim.control.placeOrder(LOGIN, { symbol: 'EURUSD', type: 2, lots: 0.1, price }).result.tradeOrder,
    )
    const base = createBaseClient({ server: sim.url(), login: LOGIN, password: 'Demo1234', reconnect: false })
    const raced = raceEveryLoad(base, tickets[0] as bigint, [1.049])
    client = base.extend(pushHandlers)
    // a push during the first load changed the empty lists of before it: [that order] alone, which
    // a copier took for the account's orders (the others gone, looked up, found in no history)
    const emitted: bigint[][] = []
    client.events.on('orders', (orders) => emitted.push(orders.map((o) => o.ticket).sort()))
    const loaded = new Promise<void>((resolve) => client?.events.once('positions', () => resolve()))
    await client.connect()
    await loaded
    expect(raced).toEqual([1.049])
    expect(emitted).toEqual([[...tickets].sort()])
    expect(client.openOrders().find((o) => o.ticket === tickets[0])?.priceOrder).toBe(1.049)
  })

  it('keep a trade push that lands between the cmd 4 and cmd 3 answers', async () => {
    const placed = sim.control.placeOrder(LOGIN, { symbol: 'EURUSD', type: 2, lots: 0.1, price: 1.05 })
    const ticket = placed.result.tradeOrder
    const base = createBaseClient({ server: sim.url(), login: LOGIN, password: 'Demo1234', reconnect: false })
    const raced = raceEveryLoad(base, ticket, [1.04])
    client = base.extend(pushHandlers)
    // the load ends with its queued events: positions (no trade push here emits one), orders, account
    const loaded = new Promise<void>((resolve) => client?.events.once('positions', () => resolve()))
    await client.connect()
    await loaded
    expect(raced).toEqual([1.04])
    expect(client.openOrders().find((o) => o.ticket === ticket)?.priceOrder).toBe(1.04)
  })
})
