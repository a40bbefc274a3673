import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAccount } from '../../../src/codec/messages/account.js'
import { decodeFullSymbols, encodeFullSymbolNameRequest } from '../../../src/codec/messages/fullSymbols.js'
import { decodeSymbolList } from '../../../src/codec/messages/symbols.js'
import {
  createSimServer,
  defaultBroker,
  defineAccount,
  deriveBroker,
  type SimServer,
} from '../../../src/sim/index.js'
import { LOGIN, PASSWORD, trade } from './_helpers.js'
import { connectRaw, loginPayload, loginRaw } from './_rawClient.js'

describe('sim: several brokers in one process', () => {
  let sim: SimServer
  beforeAll(async () => {
    const base = defaultBroker()
    const pro = deriveBroker(base, {
      name: 'ProBroker',
      rename: (n) => `${n}.pro`,
      symbolOverrides: { volumeMin: 0.1, volumeStep: 0.1 },
      accounts: [defineAccount({ login: 70001, password: 'Pro12345', marginMode: 0 })],
    })
    sim = await createSimServer({ brokers: [base, pro], historyDays: 0 })
  })
  afterAll(() => sim.close())

  it('routes each broker by URL path with its own naming, specs and accounts', async () => {
    expect(sim.brokers).toEqual(['SimBroker', 'ProBroker'])
    expect(sim.url('ProBroker')).toMatch(/\/ProBroker$/)
    const a = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const t = await connectRaw(sim.url().replace(/\/$/, '/terminal'))
    expect((await t.request(28, loginPayload(LOGIN, PASSWORD))).code).toBe(0)
    const wrong = await connectRaw(sim.url('ProBroker'))
    expect((await wrong.request(28, loginPayload(LOGIN, PASSWORD))).code).toBe(3)
    const b = await loginRaw(sim.url('ProBroker'), 70001, 'Pro12345')
    const namesA = decodeSymbolList((await a.request(6)).body).map((s) => s.tradeSymbol)
    const namesB = decodeSymbolList((await b.request(6)).body).map((s) => s.tradeSymbol)
    expect(namesA).toContain('EURUSD')
    expect(namesB).toContain('EURUSD.pro')
    expect(namesB).not.toContain('EURUSD')
    const spec = decodeFullSymbols((await b.request(18, encodeFullSymbolNameRequest('EURUSD.pro'))).body)[0]!
    expect(spec.trade.volumeMin).toBe(10_000_000n)
    expect(decodeAccount((await b.request(3)).body).main.marginMode).toBe(0)
    expect(decodeAccount((await b.request(3)).body).main.serverName).toBe('ProBroker-Demo')
    const small = await trade(b, {
      tradeAction: 3,
      tradeSymbol: 'EURUSD.pro',
      tradeType: 0,
      tradeVolume: 1_000_000n,
      typeFilling: 1,
    })
    expect(small.result.result.retcode).toBe(10014)
    const ok = await trade(b, {
      tradeAction: 3,
      tradeSymbol: 'EURUSD.pro',
      tradeType: 0,
      tradeVolume: 10_000_000n,
      typeFilling: 1,
    })
    expect(ok.result.result.retcode).toBe(10009)
    expect(sim.control.broker('ProBroker').account(70001).positions.length).toBe(1)
    expect(sim.control.account(LOGIN).positions.length).toBe(0)
    for (const c of [a, t, wrong, b]) c.close()
  })

  it('rejects unknown paths', async () => {
    await expect(connectRaw(sim.url().replace(/\/$/, '/nope'))).rejects.toThrow()
  })
})
