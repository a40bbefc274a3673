/** An account opened through cmd 30 can log in, read its account and trade. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '../../../src/client/createClient.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { makeClient } from './_marketClient.js'

describe('opened demo account e2e', () => {
  let sim: SimServer
  const closers: Array<() => Promise<void>> = []

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
  })

  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
    await sim.close()
  })

  it('logs in with the returned credentials and places a market order', async () => {
    const opener = makeClient(sim.url())
    closers.push(() => opener.close())
    const demo = await opener.openDemoAccount({
      firstName: 'Grace',
      secondName: 'Hopper',
      email: 'grace@example.com',
      deposit: 25_000,
      leverage: 200,
    })
    const login = Number(demo.login)
    expect(sim.control.account(login).summary.balance).toBe(25_000)

    const client = createClient({
      server: sim.url(),
      login: demo.login,
      password: demo.password,
      reconnect: false,
    })
    closers.push(() => client.close())
    await client.connect()
    const info = await client.accountInfo()
    expect(info.login).toBe(demo.login)
    expect(info.balance).toBe(25_000)
    expect(info.leverage).toBe(200)
    expect(info.tradeAllowed).toBe(true)

    const r = await client.buyMarket({ symbol: 'EURUSD', volume: 0.1 })
    expect(r.retcode).toBe(10009)
    expect(r.ok).toBe(true)
    const state = sim.control.account(login)
    expect(state.positions).toHaveLength(1)
    expect(state.positions[0]!.tradeSymbol).toBe('EURUSD')
    const positions = await client.positions()
    expect(positions.map((p) => p.symbol)).toEqual(['EURUSD'])
    const after = await client.accountInfo()
    expectRelative(after.margin, state.summary.margin)
  })
})

function expectRelative(actual: number, expected: number): void {
  expect(expected).toBeGreaterThan(0)
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * 1e-6)
}
