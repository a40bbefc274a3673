import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MT5TimeoutError, SymbolNotFoundError } from '../../../src/errors.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { makeClient, until } from './_marketClient.js'

describe('quote, subscribeTicks skipUnknown, tick cache options', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeClient>

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    client = makeClient(sim.url(), { tickCacheSize: 3, tickCacheSymbols: 2 })
    await client.connect()
  })
  afterEach(async () => {
    await client.close()
    await sim.close()
  })

  const serverSubscriptions = () => sim.control.connections()[0]?.tickSubscriptions ?? []

  it('quote() of an unsubscribed symbol subscribes briefly, returns the tick and unsubscribes', async () => {
    sim.control.setPrice('EURUSD', 1.1, 1.1002)
    const tick = await client.quote('EURUSD')
    expect(tick).toMatchObject({ symbol: 'EURUSD', bid: 1.1, ask: 1.1002 })
    await until(async () => serverSubscriptions().length === 0)
    await expect(client.quote('NOPE')).rejects.toBeInstanceOf(SymbolNotFoundError)
  })

  it('quote() of a subscribed symbol reads the cache and keeps the subscription', async () => {
    await client.subscribeTicks('GBPUSD')
    sim.control.setPrice('GBPUSD', 1.25, 1.2502)
    await until(async () => client.lastTick('GBPUSD')?.bid === 1.25)
    expect((await client.quote('GBPUSD')).bid).toBe(1.25)
    expect(serverSubscriptions()).toEqual([sim.control.symbolId('GBPUSD')])
  })

  it('quote() times out when no tick arrives in time, leaving nothing subscribed', async () => {
    const errors: Error[] = []
    client.on('error', (e) => errors.push(e))
    await client.quote('GBPUSD') // the symbol list is loaded: the deadline falls on cmd 7 and the tick
    await until(async () => serverSubscriptions().length === 0)
    sim.control.faults.delay(400)
    await expect(client.quote('EURUSD', { timeoutMs: 100 })).rejects.toBeInstanceOf(MT5TimeoutError)
    sim.control.faults.delay(0)
    // The brief subscription reached the server, and is removed once its late reply came back.
    await until(async () => serverSubscriptions().length > 0)
    await until(async () => serverSubscriptions().length === 0)
    expect(errors).toEqual([])
  })

  it('quote() settles within timeoutMs even when cmd 7 is answered late', async () => {
    sim.control.faults.delay(1_500)
    const started = Date.now()
    await expect(client.quote('EURUSD', { timeoutMs: 200 })).rejects.toBeInstanceOf(MT5TimeoutError)
    // Before: the call waited for the late cmd 7 reply, then for the unsubscribe's (≈ 3 s).
    expect(Date.now() - started).toBeLessThan(1_200)
    sim.control.faults.delay(0)
    await until(async () => serverSubscriptions().length === 0)
  })

  it('quote() after a quote asks the server again instead of returning the old cached tick', async () => {
    sim.control.setPrice('EURUSD', 1.1, 1.1002)
    expect((await client.quote('EURUSD')).bid).toBe(1.1)
    await until(async () => serverSubscriptions().length === 0)
    sim.control.setPrice('EURUSD', 1.2, 1.2002)
    expect((await client.quote('EURUSD')).bid).toBe(1.2)
  })

  it('subscribeTicks skipUnknown subscribes the known names and lists the unknown ones', async () => {
    await expect(client.subscribeTicks(['EURUSD', 'NOPE'])).rejects.toBeInstanceOf(SymbolNotFoundError)
    expect(serverSubscriptions()).toEqual([])
    const sub = await client.subscribeTicks(['EURUSD', 'NOPE', 'GBPUSD', 'ALSO.NOT'], { skipUnknown: true })
    expect(sub.skipped).toEqual(['NOPE', 'ALSO.NOT'])
    expect([...serverSubscriptions()].sort()).toEqual(
      [sim.control.symbolId('EURUSD'), sim.control.symbolId('GBPUSD')].sort(),
    )
    const none = await client.subscribeTicks(['NOPE'], { skipUnknown: true })
    expect(none.skipped).toEqual(['NOPE'])
    await none()
    await sub()
    await until(async () => serverSubscriptions().length === 0)
  })

  it('keeps tickCacheSize ticks of tickCacheSymbols symbols, reports them and clears them', async () => {
    await client.subscribeTicks(['EURUSD', 'GBPUSD', 'USDJPY'])
    for (let i = 1; i <= 5; i++) {
      sim.control.setPrice('EURUSD', 1.1 + i / 1e4, 1.1002 + i / 1e4)
      await until(async () => client.lastTick('EURUSD')?.bid === 1.1 + i / 1e4)
    }
    sim.control.setPrice('GBPUSD', 1.3, 1.3002)
    await until(async () => client.lastTick('GBPUSD')?.bid === 1.3)
    sim.control.setPrice('USDJPY', 150, 150.02)
    await until(async () => client.lastTick('USDJPY')?.bid === 150)
    const stats = client.tickCacheStats()
    expect(stats).toMatchObject({ capacity: 3, maxSymbols: 2, symbols: 2 })
    expect(Object.keys(stats.perSymbol)).toEqual(['GBPUSD', 'USDJPY'])
    expect(stats.ticks).toBe(stats.perSymbol.GBPUSD! + stats.perSymbol.USDJPY!)
    expect(client.clearTickCache('GBPUSD')).toBe(1)
    expect(client.lastTick('GBPUSD')).toBeUndefined()
    expect(client.clearTickCache()).toBe(1)
    expect(client.tickCacheStats()).toMatchObject({ symbols: 0, ticks: 0, perSymbol: {} })
  })
})
