/**
 * A simulator (sessions always open) whose demo account already holds positions and orders that
 * the examples did not create, and a snapshot of them: an example may act only on its own trades.
 */
import { expect } from 'vitest'
import { createSimServer, type SimServer, type SimServerOptions } from '../../../src/sim/index.js'
import { alwaysOpenBroker } from '../../helpers/alwaysOpenBroker.js'

export const login = 10001
export const password = 'Demo1234'

/** Tickets and volumes of what is open on the account. */
export function openTrades(sim: SimServer) {
  const { positions, orders } = sim.control.account(login)
  return {
    positions: positions.map((p) => ({ ticket: p.positionId, volume: p.tradeVolume })),
    orders: orders.map((o) => ({ ticket: o.tradeOrder, volume: o.volumeCurrent })),
  }
}

/** Starts the simulator and opens someone else's trades (the terminal user, another bot). */
export async function simWithForeignTrades(options: Partial<SimServerOptions> = {}) {
  const sim = await createSimServer({ port: 0, host: '127.0.0.1', brokers: [alwaysOpenBroker()], ...options })
  sim.control.setPrice('EURUSD', 1.085, 1.0852)
  sim.control.buy(login, 'EURUSD', 0.3, { comment: 'not the example' })
  sim.control.sell(login, 'EURUSD', 0.2, { comment: 'not the example' })
  sim.control.placeOrder(login, { symbol: 'EURUSD', type: 2, lots: 0.5, price: 1.07 })
  sim.control.placeOrder(login, { symbol: 'EURUSD', type: 5, lots: 0.5, price: 1.07 })
  const before = openTrades(sim)
  expect(before.positions).toHaveLength(2)
  expect(before.orders).toHaveLength(2)
  return { sim, before }
}
