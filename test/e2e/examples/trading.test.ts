/**
 * Runs the trading examples against the simulator (loopback, ephemeral port, sessions always open)
 * on an account that already holds positions and orders the examples did not create: those must
 * survive, exactly as they were.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main as allOrderTypes } from '../../../examples/all-order-types.js'
import { main as trading } from '../../../examples/trading.js'
import type { SimServer } from '../../../src/sim/index.js'
import { login, openTrades, password, simWithForeignTrades } from './_foreignTrades.js'

describe('trading examples', () => {
  let sim: SimServer
  let before: ReturnType<typeof openTrades>

  beforeEach(async () => {
    ;({ sim, before } = await simWithForeignTrades())
  })

  afterEach(async () => {
    await sim.close()
  })

  it('trading: check, buy, partial close, history; other positions and orders survive', async () => {
    const { check, opened, position, partial, closed, deals } = await trading({
      server: sim.url(),
      login,
      password,
    })
    expect(check.retcode).toBe(0)
    expect(opened.ok && partial.ok && closed.ok).toBe(true)
    expect(position.order).toBe(opened.order)
    expect(before.positions.map((p) => p.ticket)).not.toContain(position.ticket)
    expect(deals).toHaveLength(3)
    expect(openTrades(sim)).toEqual(before)
  })

  it('all-order-types places every order type and removes only what it created', async () => {
    const results = await allOrderTypes({ server: sim.url(), login, password })
    expect(Object.keys(results)).toHaveLength(8)
    expect(Object.values(results).every((r) => r.ok)).toBe(true)
    expect(results.buyLimit!.retcode).toBe(10008)
    expect(results.buyMarket!.retcode).toBe(10009)
    expect(openTrades(sim)).toEqual(before)
  })
})
