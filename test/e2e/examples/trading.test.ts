/** Runs the trading examples against the simulator (loopback, ephemeral port). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main as allOrderTypes } from '../../../examples/all-order-types.js'
import { main as trading } from '../../../examples/trading.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'

const login = 10001
const password = 'Demo1234'

describe('trading examples', () => {
  let sim: SimServer

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    sim.control.setPrice('EURUSD', 1.085, 1.0852)
  })

  afterEach(async () => {
    await sim.close()
  })

  it('trading: check, buy, partial close, history', async () => {
    const { check, opened, partial, closed, deals } = await trading({ server: sim.url(), login, password })
    expect(check.retcode).toBe(0)
    expect(opened.ok && partial.ok && closed.ok).toBe(true)
    expect(deals).toHaveLength(3)
  })

  it('all-order-types places every order type and cleans up', async () => {
    const results = await allOrderTypes({ server: sim.url(), login, password })
    expect(Object.keys(results)).toHaveLength(8)
    expect(Object.values(results).every((r) => r.ok)).toBe(true)
    expect(results.buyLimit!.retcode).toBe(10008)
    expect(results.buyMarket!.retcode).toBe(10009)
  })
})
