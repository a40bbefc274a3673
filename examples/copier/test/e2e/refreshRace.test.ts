/**
 * A target's open orders read again after the copier traded on it (`refreshOrders`, after
 * recovering intents or a pass whose effects its pushes did not show yet) must not undo a trade
 * push that arrived while the request was in flight: the snapshot predates it (an order modified or
 * cancelled meanwhile would show at its old price, or still open, until the next push). The cmd 4
 * answer is held until the simulator has pushed the changes made after it, which is the race made
 * deterministic (the same interception as the SDK's own load race test).
 */
import { createSimServer, type SimServer } from 'mt5web/sim'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Accounts, connectAccounts } from '../../src/service/accounts.js'
import { until } from './_env.js'

const LOGIN = 10001
const POSITIONS_AND_ORDERS = 4

describe('refreshOrders', () => {
  let sim: SimServer
  let accounts: Accounts | undefined

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1', historyDays: 0 })
  })
  afterEach(async () => {
    await accounts?.close()
    await sim.close()
  })

  it('keeps the order pushes that arrive while its request is in flight', async () => {
    const place = (price: number) =>
      sim.control.placeOrder(LOGIN, { symbol: 'EURUSD', type: 2, lots: 0.1, price }).result.tradeOrder
    const [moved, cancelled] = [place(1.05), place(1.051)]
    const errors: Error[] = []
    accounts = connectAccounts(
      [
        {
          id: 't1',
          server: sim.url(),
          login: String(LOGIN),
          password: 'Demo1234',
          market: false,
          onOrders: () => undefined,
          onError: (e) => errors.push(e),
        },
      ],
      { concurrency: 1, onStatus: () => undefined, onError: (e) => errors.push(e) },
    )
    const account = accounts.get('t1')
    if (!account) throw new Error('no account')
    await until(() => account.synced && account.orders.size === 2, 5000)

    // the cmd 4 answer is returned only after the order is moved, the other cancelled, and both pushed
    const client = account.client as unknown as {
      request: (command: number, ...rest: unknown[]) => Promise<unknown>
    }
    const send = client.request.bind(client)
    let held = false
    client.request = (command, ...rest) => {
      if (command !== POSITIONS_AND_ORDERS || held) return send(command, ...rest)
      held = true
      return (async () => {
        const answer = await send(command, ...rest)
        sim.control.modifyOrder(LOGIN, moved, { price: 1.04 })
        sim.control.cancelOrder(LOGIN, cancelled)
        await until(
          () => account.orders.get(moved)?.priceOrder === 1.04 && !account.orders.has(cancelled),
          3000,
        )
        return answer
      })()
    }
    await account.refreshOrders()
    expect(held).toBe(true)
    expect(account.orders.get(moved)?.priceOrder).toBe(1.04)
    expect([...account.orders.keys()]).toEqual([moved])
    expect(errors).toEqual([])
  })
})
