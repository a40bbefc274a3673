import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as mt5 from '../../../src/compat/index.js'
import { toJSON } from '../../../src/index.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { HEDGING, makeTradingClient, PASSWORD, until } from '../trading/_tradingClient.js'

describe('mt5web/compat', () => {
  let sim: SimServer

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    sim.control.setPrice('EURUSD', 1.085, 1.0852)
    expect(await mt5.initialize(makeTradingClient(sim.url()))).toBe(true)
    expect(mt5.lastError()).toEqual([0, ''])
  })

  afterEach(async () => {
    await mt5.shutdown()
    await sim.close()
  })

  it('account, terminal, version and symbols', async () => {
    expect((await mt5.accountInfo())?.currency).toBe('USD')
    expect((await mt5.terminalInfo())?.connected).toBe(true)
    const v = await mt5.version()
    expect(v?.[0]).toBe(500)
    const total = await mt5.symbolsTotal()
    expect(total).toBeGreaterThan(3)
    const usd = await mt5.symbolsGet('*USD*,!EUR*')
    expect(usd?.some((s) => s.name === 'GBPUSD')).toBe(true)
    expect(usd?.some((s) => s.name === 'EURUSD')).toBe(false)
    expect(await mt5.symbolInfo('EURUSD')).toMatchObject({ name: 'EURUSD' })
    expect(await mt5.symbolInfo('NOPE')).toBeNull()
    expect(mt5.lastError()[0]).not.toBe(0)
    expect(await mt5.symbolSelect('EURUSD', true)).toBe(true)
    await until(async () => (await mt5.symbolInfoTick('EURUSD')) !== null)
    expect(await mt5.marketBookAdd('EURUSD')).toBe(true)
    expect(await mt5.marketBookRelease('EURUSD')).toBe(true)
    const ticks = await mt5.copyTicksRange('EURUSD', 0, 2_000_000_000)
    expect(ticks?.length).toBeGreaterThan(0)
    expect(ticks?.[0]).toHaveProperty('timeMsc')
    const bars = await mt5.copyRatesRange(
      'EURUSD',
      1,
      new Date(sim.control.clock.now() - 3_600_000),
      new Date(sim.control.clock.now()),
    )
    expect(Array.isArray(bars)).toBe(true)
  })

  it('symbolInfoTick works without symbolSelect, or says why in lastError()', async () => {
    const tick = await mt5.symbolInfoTick('EURUSD')
    expect(tick).toMatchObject({ symbol: 'EURUSD', bid: 1.085, ask: 1.0852 })
    expect(mt5.lastError()).toEqual([0, ''])
    expect(await mt5.symbolInfoTick('NOPE')).toBeNull()
    expect(mt5.lastError()).toEqual([-1, 'MT5_SYMBOL_NOT_FOUND: unknown symbol "NOPE"'])
    sim.control.faults.delay(300)
    expect(await mt5.symbolInfoTick('GBPUSD', 50)).toBeNull()
    expect(mt5.lastError()[1]).toMatch(/^MT5_TIMEOUT: /)
    sim.control.faults.delay(0)
    // Not selected: a later call asks the server again rather than returning the first call's tick.
    sim.control.setPrice('EURUSD', 1.09, 1.0902)
    expect(await mt5.symbolInfoTick('EURUSD')).toMatchObject({ bid: 1.09, ask: 1.0902 })
    const info = await mt5.symbolInfo('EURUSD')
    expect(info?.digits).toBe(5)
    expect(info?.quoteSessions).toHaveLength(7)
  })

  it('orderSend, positions, history, calc and check', async () => {
    await mt5.symbolSelect('EURUSD', true)
    await until(async () => (await mt5.symbolInfoTick('EURUSD')) !== null)
    const r = await mt5.orderSend({ action: 1, symbol: 'EURUSD', volume: 0.1, type: 0, comment: 'compat' })
    expect(r?.retcode).toBe(10009)
    expect(await mt5.positionsTotal()).toBe(1)
    const [p] = (await mt5.positionsGet({ symbol: 'EURUSD' })) ?? []
    expect(p?.comment).toBe('compat')
    // the documented JSON form: JSON.stringify would throw on the bigint tickets
    const json = JSON.parse(toJSON({ positions: await mt5.positionsGet(), result: r }))
    expect(json.positions[0].ticket).toBe(String(p!.ticket))
    expect(json.result.order).toBe(String(r!.order))
    const sl = await mt5.orderSend({
      action: 5,
      symbol: 'EURUSD',
      volume: 0.1,
      type: 6,
      price: 1.09,
      stoplimit: 1.0895,
    })
    expect(sl?.retcode).toBe(10008)
    const [o] = (await mt5.ordersGet({ ticket: sl!.order })) ?? []
    expect(o).toMatchObject({ priceOrder: 1.09, priceTrigger: 1.0895 })
    expect(await mt5.ordersTotal()).toBe(1)
    const bad = await mt5.orderSend({ action: 1, symbol: 'EURUSD', volume: 0.005, type: 0 })
    expect(bad?.retcode).toBe(10014)
    const deals = await mt5.historyDealsGet(0, undefined, { position: p!.ticket })
    expect(deals?.length).toBe(1)
    expect(await mt5.historyDealsTotal(0)).toBeGreaterThan(0)
    expect(await mt5.historyOrdersTotal(0)).toBeGreaterThan(0)
    const margin = await mt5.orderCalcMargin(0, 'EURUSD', 1, 1.0852)
    expect(margin).toBeGreaterThan(0)
    expect(await mt5.orderCalcProfit(0, 'EURUSD', 1, 1.085, 1.086)).toBeCloseTo(100, 6)
    expect(await mt5.orderCalcProfit(9, 'EURUSD', 1, 1.085, 1.086)).toBeNull()
    expect(mt5.lastError()[0]).toBe(-1)
    const check = await mt5.orderCheck({ action: 1, symbol: 'EURUSD', volume: 1, type: 0 })
    expect(check?.retcode).toBe(0)
  })
})

describe('mt5web/compat: initialize({ server, login, password }) as in Python', () => {
  let sim: SimServer
  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
  })
  afterEach(async () => {
    await mt5.shutdown()
    await sim.close()
  })

  it('creates, connects and later closes its own client', async () => {
    expect(
      await mt5.initialize({ server: sim.url(), login: HEDGING, password: PASSWORD, timeout: 5_000 }),
    ).toBe(true)
    expect(mt5.lastError()).toEqual([0, ''])
    expect((await mt5.accountInfo())?.login).toBe(BigInt(HEDGING))
    await mt5.shutdown()
    await until(async () => sim.control.connections().length === 0)
    expect(await mt5.accountInfo()).toBeNull()
    expect(mt5.lastError()[1]).toMatch(/not initialized/)
  })

  it('a refused login is RES_E_AUTH_FAILED, without the password', async () => {
    expect(await mt5.initialize({ server: sim.url(), login: HEDGING, password: 'Wrong-pass-1' })).toBe(false)
    const [code, message] = mt5.lastError()
    expect(code).toBe(mt5.RES_E_AUTH_FAILED)
    expect(message).not.toContain('Wrong-pass-1')
  })

  it('bad options are RES_E_INVALID_PARAMS naming the field', async () => {
    expect(await mt5.initialize({ server: 'MetaQuotes-Demo', login: HEDGING, password: PASSWORD })).toBe(
      false,
    )
    expect(mt5.lastError()[0]).toBe(mt5.RES_E_INVALID_PARAMS)
    expect(mt5.lastError()[1]).toMatch(/server/)
    expect(mt5.lastError()[1]).not.toContain(PASSWORD)
  })
})
