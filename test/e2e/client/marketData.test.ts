import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Timeframe } from '../../../src/codec/timeframe.js'
import { SymbolNotFoundError } from '../../../src/errors.js'
import type { Book, Tick } from '../../../src/model/types.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { makeClient, until } from './_marketClient.js'

describe('marketData e2e', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeClient>

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    client = makeClient(sim.url())
    await client.connect()
  })

  afterEach(async () => {
    await client.close()
    await sim.close()
  })

  it('loads the symbol list and resolves names and ids', async () => {
    const list = await client.loadSymbols()
    expect(list.map((s) => s.name)).toContain('EURUSD')
    const eur = await client.symbol('EURUSD')
    expect(eur.id).toBe(sim.control.symbolId('EURUSD'))
    expect(eur.digits).toBe(5)
    expect((await client.symbols()).length).toBe(list.length)
    await expect(client.symbol('NOPE')).rejects.toBeInstanceOf(SymbolNotFoundError)
    client.invalidateSymbols()
    expect((await client.loadSymbols()).length).toBe(list.length)
  })

  it('returns groups, full specifications (cached) and spreads', async () => {
    const groups = await client.symbolGroups()
    expect(groups.length).toBeGreaterThan(0)
    const spec = await client.fullSymbolInfo('USDJPY')
    expect(spec).toMatchObject({ name: 'USDJPY', digits: 3 })
    expect(spec.quoteSessions).toHaveLength(7)
    expect(spec.tradeSessions).toHaveLength(7)
    expect(spec.contractSize).toBeGreaterThan(0)
    expect(await client.fullSymbolInfo('USDJPY')).toBe(spec)
    expect(await client.spreads()).toEqual([])
  })

  it('downloads bars in chunks with progress', async () => {
    const now = sim.control.clock.now()
    const from = now - 2 * 86_400_000
    const progress: number[] = []
    const bars = await client.rates('EURUSD', 'H1', from, now, {
      maxBarsPerRequest: 10,
      onProgress: (p) => progress.push(p.done),
    })
    expect(bars.length).toBeGreaterThan(10)
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.at(-1)).toBe(progress.length)
    for (let i = 1; i < bars.length; i++)
      expect(bars[i]!.timeMs - bars[i - 1]!.timeMs).toBeGreaterThanOrEqual(3_600_000)
    for (const b of bars) {
      expect(b.timeMs % 3_600_000).toBe(0)
      expect(b.high).toBeGreaterThanOrEqual(b.low)
    }
    const m1 = await client.rates('EURUSD', Timeframe.M1, now - 3_600_000, now)
    expect(m1.length).toBeGreaterThan(0)
  })

  it('accumulates tick subscriptions and feeds events and the tick cache', async () => {
    const ticks: Tick[] = []
    client.on('tick', (t) => ticks.push(t))
    const unA = await client.subscribeTicks('EURUSD')
    await client.subscribeTicks('GBPUSD')
    const eur = sim.control.symbolId('EURUSD')
    const gbp = sim.control.symbolId('GBPUSD')
    await until(() => (sim.control.connections()[0]?.tickSubscriptions.length ?? 0) === 2)
    expect([...sim.control.connections()[0]!.tickSubscriptions].sort()).toEqual([eur, gbp].sort())

    sim.control.setPrice('EURUSD', 1.1, 1.1002)
    await until(() => ticks.some((t) => t.symbol === 'EURUSD' && t.bid === 1.1))
    const last = client.lastTick('EURUSD')
    expect(last).toMatchObject({ symbol: 'EURUSD', bid: 1.1, ask: 1.1002 })
    expect(client.ticksFrom('EURUSD', 0, 100).length).toBeGreaterThan(0)
    expect(client.ticksRange('EURUSD', last!.timeMs, last!.timeMs).at(-1)).toEqual(last)

    await unA()
    await until(() => sim.control.connections()[0]!.tickSubscriptions.length === 1)
    expect(sim.control.connections()[0]!.tickSubscriptions).toEqual([gbp])
    await client.unsubscribeTicks()
    await until(() => sim.control.connections()[0]!.tickSubscriptions.length === 0)
  })

  it('yields ticks through the async iterator and unsubscribes on break', async () => {
    const iterator = client.ticks(['AUDUSD'])
    const first = iterator.next()
    await until(() => (sim.control.connections()[0]?.tickSubscriptions.length ?? 0) === 1)
    sim.control.setPrice('AUDUSD', 0.6612, 0.6614)
    const { value } = await first
    expect(value).toMatchObject({ symbol: 'AUDUSD' })
    await iterator.return()
    await until(() => sim.control.connections()[0]!.tickSubscriptions.length === 0)
  })

  it('subscribes books and keeps the last book', async () => {
    const books: Book[] = []
    client.on('book', (b) => books.push(b))
    const un = await client.subscribeBook('EURUSD')
    await until(() => books.length > 0)
    const book = client.lastBook('EURUSD')
    expect(book?.symbol).toBe('EURUSD')
    expect(book!.bids.length + book!.asks.length).toBeGreaterThan(0)
    await un()
    await until(() => sim.control.connections()[0]!.bookSubscriptions.length === 0)
    expect(client.lastBook('EURUSD')).toBeUndefined()
  })

  it('replays tick and book subscriptions after a reconnect', async () => {
    await client.close()
    client = (await import('./_marketClient.js')).makeClient(sim.url(), {
      reconnect: { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 5 },
    })
    await client.connect()
    await client.subscribeTicks(['EURUSD', 'USDJPY'])
    await client.subscribeBook('GBPUSD')
    const reconnected = new Promise<void>((resolve) => client.once('reconnect', () => resolve()))
    sim.control.faults.drop()
    await reconnected
    await until(() => {
      const c = sim.control.connections().find((x) => x.phase !== 'closed' && x.login !== undefined)
      return c !== undefined && c.tickSubscriptions.length === 2 && c.bookSubscriptions.length === 1
    })
  })
})
