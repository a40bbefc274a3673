/** accountInfo() margin, free margin and level against the simulator's own account state. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountSummary } from '../../../src/model/types.js'
import { createManualClock } from '../../../src/sim/engine/clock.js'
import { defaultBroker, defineSymbol } from '../../../src/sim/engine/config.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { LOGIN, makeClient, PASSWORD, until } from './_marketClient.js'

const NETTING = 10002

function expectRelative(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-6)
}

function expectSameFigures(info: AccountSummary, sim: SimServer, login: number): void {
  const s = sim.control.account(login).summary
  expect(s.margin).toBeGreaterThan(0)
  expectRelative(info.equity, s.equity)
  expectRelative(info.margin, s.margin)
  expectRelative(info.marginFree, s.marginFree)
  expectRelative(info.marginLevel, s.marginLevel)
}

describe('account margin e2e', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeClient> | undefined

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
  })

  afterEach(async () => {
    await client?.close()
    client = undefined
    await sim.close()
  })

  it('hedging: larger leg per symbol, EURUSD + USDJPY (cross) + XAUUSD (CFD leverage)', async () => {
    const c = makeClient(sim.url())
    client = c
    await c.connect()
    expect((await c.accountInfo()).margin).toBe(0)
    for (const r of [
      sim.control.buy(LOGIN, 'EURUSD', 0.5),
      sim.control.sell(LOGIN, 'EURUSD', 0.3),
      sim.control.buy(LOGIN, 'USDJPY', 1),
      sim.control.sell(LOGIN, 'XAUUSD', 0.2),
    ])
      expect(r.result.retcode).toBe(10009)
    const info = await c.accountInfo()
    expectSameFigures(info, sim, LOGIN)
    // EURUSD: 0.5 lot buy leg (EUR → USD at the ask) + USDJPY 1000 USD + XAUUSD 0.2 × 100 / 100 × price
    expect(info.margin).toBeGreaterThan(1000 + 500)
    expect(info.marginFree).toBeCloseTo(info.equity - info.margin, 9)

    // the push module's `account` event carries the same margin (computed from its own positions)
    const events: AccountSummary[] = []
    c.on('account', (a) => events.push(a))
    sim.control.balance(LOGIN, 1000)
    await until(() => events.some((a) => a.balance === info.balance + 1000))
    const pushed = events.at(-1)!
    expect(pushed.margin).toBe(info.margin)
    expect(pushed.marginFree).toBeCloseTo(pushed.equity - info.margin, 9)
    expect(c.accountSummary()?.margin).toBe(info.margin)
  })

  it('netting: every position counts (CFD index with a 5 % margin rate)', async () => {
    const c = makeClient(sim.url(), { login: NETTING, password: PASSWORD })
    client = c
    await c.connect()
    sim.control.advanceClock(2 * 3_600_000) // US500 trades 01:00–22:00
    expect(sim.control.buy(NETTING, 'GBPUSD', 0.4).result.retcode).toBe(10009)
    expect(sim.control.sell(NETTING, 'USDJPY', 0.7).result.retcode).toBe(10009)
    expect(sim.control.buy(NETTING, 'US500', 1).result.retcode).toBe(10009)
    const info = await c.accountInfo()
    expect(info.hedging).toBe(false)
    expectSameFigures(info, sim, NETTING)
  })
})

describe('account event and accountSummary() margin e2e (no accountInfo call)', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeClient> | undefined

  beforeEach(async () => {
    // a weekday on a manual clock (forex open whatever day the test runs), plus a cross: EURGBP
    const broker = defaultBroker()
    broker.symbols.push(defineSymbol({ name: 'EURGBP', initialBid: 0.855 }))
    sim = await createSimServer({
      port: 0,
      host: '127.0.0.1',
      clock: createManualClock(Date.UTC(2026, 0, 7, 12)),
      brokers: [broker],
    })
  })

  afterEach(async () => {
    await client?.close()
    client = undefined
    await sim.close()
  })

  it('carry the margin of the open positions (USDJPY, EURGBP, EURUSD on a USD account)', async () => {
    const c = makeClient(sim.url())
    client = c
    const events: AccountSummary[] = []
    c.on('account', (a) => events.push(a))
    await c.connect()
    await until(() => events.length > 0)
    expect(events.at(-1)!.margin).toBe(0)
    for (const r of [
      sim.control.buy(LOGIN, 'USDJPY', 1),
      sim.control.sell(LOGIN, 'EURGBP', 0.4),
      sim.control.buy(LOGIN, 'EURUSD', 0.3),
    ])
      expect(r.result.retcode).toBe(10009)
    const server = () => sim.control.account(LOGIN).summary
    // every trade pushes cmd 10 and cmd 14: the last event carries the margin of all three
    await until(() => events.at(-1)?.margin === server().margin)
    const pushed = events.at(-1)!
    expect(pushed.margin).toBeGreaterThan(1000)
    expect(pushed.equity).toBe(server().equity)
    expect(pushed.marginFree).toBe(server().marginFree)
    expect(pushed.marginLevel).toBe(server().marginLevel)
    expect(c.accountSummary()).toEqual(pushed)
    // accountInfo() computes the same margin the same way
    expect((await c.accountInfo()).margin).toBe(pushed.margin)
  })
})
