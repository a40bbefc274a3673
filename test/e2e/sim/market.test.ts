import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeBook, unscaleBook } from '../../../src/codec/messages/book.js'
import { decodeCorporateLinks } from '../../../src/codec/messages/corporateLinks.js'
import {
  decodeFullSymbols,
  encodeFullSymbolNameRequest,
  encodeFullSymbolRequest,
} from '../../../src/codec/messages/fullSymbols.js'
import { decodeRateBars, encodeRatesRequest } from '../../../src/codec/messages/rates.js'
import { decodeSpreads } from '../../../src/codec/messages/spreads.js'
import { decodeSymbolDetails } from '../../../src/codec/messages/symbolDetails.js'
import { decodeSymbolGroups } from '../../../src/codec/messages/symbolGroups.js'
import { decodeCompressedSymbolList, decodeSymbolList } from '../../../src/codec/messages/symbols.js'
import { decodeTickRecords } from '../../../src/codec/messages/ticks.js'
import { Timeframe, type TimeframeName, timeframeMinutes } from '../../../src/codec/timeframe.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { LOGIN, PASSWORD, subscribe } from './_helpers.js'
import { loginRaw, type RawClient, sleep } from './_rawClient.js'

describe('sim market data', () => {
  let sim: SimServer
  let c: RawClient
  beforeAll(async () => {
    sim = await createSimServer({ seed: 7 })
    c = await loginRaw(sim.url(), LOGIN, PASSWORD)
  })
  afterAll(async () => {
    c.close()
    await sim.close()
  })

  it('lists symbols (6) and the same list zlib-compressed (34), and groups (9)', async () => {
    const plain = decodeSymbolList((await c.request(6)).body)
    expect(plain.map((s) => s.tradeSymbol)).toContain('EURUSD')
    expect(plain.length).toBe(9)
    const packed = await c.request(34)
    expect(packed.code).toBe(0)
    expect(await decodeCompressedSymbolList(packed.body)).toEqual(plain)
    const groups = decodeSymbolGroups((await c.request(9)).body).map((g) => g.groupName)
    expect(groups).toEqual(['Forex', 'Metals', 'Indices'])
  })

  it('returns full symbols by ids (official) and by name (pymt5)', async () => {
    const eur = sim.control.symbolId('EURUSD')
    const xau = sim.control.symbolId('XAUUSD')
    const byIds = decodeFullSymbols((await c.request(18, encodeFullSymbolRequest([eur, xau]))).body)
    expect(byIds.map((s) => s.tradeSymbol)).toEqual(['EURUSD', 'XAUUSD'])
    expect(byIds[0]!.digits).toBe(5)
    expect(byIds[0]!.trade.volumeMin).toBe(1_000_000n)
    expect(byIds[1]!.contractSize).toBe(100)
    const byName = decodeFullSymbols((await c.request(18, encodeFullSymbolNameRequest('USDJPY'))).body)
    expect(byName.map((s) => s.symbolId)).toEqual([sim.control.symbolId('USDJPY')])
  })

  it('answers spreads (20) with an empty official block and corporate links (44)', async () => {
    const sp = await c.request(20, subscribe([1]))
    expect(decodeSpreads(sp.body).spreads).toEqual([])
    const links = decodeCorporateLinks((await c.request(44)).body)
    expect(links.length).toBe(1)
    expect(links[0]!.url).toContain('SimBroker')
  })

  it('serves rates (11) for every timeframe, aligned and consistent with M1', async () => {
    const now = Math.floor(sim.control.clock.now() / 1000)
    const from = now - 3 * 86400
    const m1 = decodeRateBars(
      (await c.request(11, encodeRatesRequest({ symbol: 'EURUSD', period: Timeframe.M1, from, to: now })))
        .body,
      Timeframe.M1,
    )
    expect(m1.length).toBeGreaterThan(1000)
    for (const name of Object.keys(Timeframe) as TimeframeName[]) {
      const period = Timeframe[name]
      const r = await c.request(11, encodeRatesRequest({ symbol: 'EURUSD', period, from: 0, to: now }))
      const bars = decodeRateBars(r.body, period)
      expect(bars.length, name).toBeGreaterThan(0)
      const total = bars.reduce((n, b) => n + b.tickVolume, 0)
      expect(total, name).toBe(m1.reduce((n, b) => n + b.tickVolume, 0))
      expect(Math.max(...bars.map((b) => b.high)), name).toBe(Math.max(...m1.map((b) => b.high)))
      expect(bars[bars.length - 1]!.close, name).toBe(m1[m1.length - 1]!.close)
      void timeframeMinutes
    }
    const none = await c.request(
      11,
      encodeRatesRequest({ symbol: 'NOPE', period: Timeframe.M1, from, to: now }),
    )
    expect(none.body.length).toBe(0)
  })

  it('tick subscription (7) replaces the set; cmd 8 only for subscribed symbols; cmd 17 details', async () => {
    const eur = sim.control.symbolId('EURUSD')
    const gbp = sim.control.symbolId('GBPUSD')
    await c.request(7, subscribe([eur]))
    const snap = await c.waitFor((f) => f.command === 8)
    expect(decodeTickRecords(snap.body).map((t) => t.symbolId)).toEqual([eur])
    const details = await c.waitFor((f) => f.command === 17)
    expect(decodeSymbolDetails(details.body)[0]!.symbolId).toBe(eur)

    let from = c.count()
    sim.control.setPrice('EURUSD', 1.1, 1.10012)
    sim.control.setPrice('GBPUSD', 1.3, 1.30015)
    sim.control.tick(['EURUSD', 'GBPUSD'])
    await sleep(50)
    const ticks = c.frames
      .slice(from)
      .filter((f) => f.command === 8)
      .flatMap((f) => decodeTickRecords(f.body))
    expect(ticks.every((t) => t.symbolId === eur)).toBe(true)
    expect(ticks[0]!.bid).toBe(110000)
    expect(ticks[0]!.ask).toBe(110012)

    await c.request(7, subscribe([gbp]))
    from = c.count()
    sim.control.setPrice('EURUSD', 1.2, 1.20012)
    sim.control.setPrice('GBPUSD', 1.31, 1.31015)
    await sleep(50)
    const after = c.frames
      .slice(from)
      .filter((f) => f.command === 8)
      .flatMap((f) => decodeTickRecords(f.body))
    expect(after.map((t) => t.symbolId)).toEqual([gbp])
    expect(after[0]!.bid).toBe(131000)

    await c.request(7, subscribe([]))
    from = c.count()
    sim.control.setPrice('GBPUSD', 1.32, 1.32015)
    await sleep(30)
    expect(c.frames.slice(from).filter((f) => f.command === 8)).toEqual([])
  })

  it('book subscription (22) pushes official cmd 23 books with scaled integer prices', async () => {
    const eur = sim.control.symbolId('EURUSD')
    sim.control.setPrice('EURUSD', 1.085, 1.0851)
    const from = c.count()
    await c.request(22, subscribe([eur]))
    const push = await c.waitFor((f) => f.command === 23, 3000, from)
    const [entry] = decodeBook(push.body)
    expect(entry!.symbolId).toBe(eur)
    expect(entry!.levels[0]!.price).toBeTypeOf('bigint')
    const book = unscaleBook(entry!, 5)
    expect(book.clear).toBe(true)
    expect(book.bids[0]!.price).toBe(1.085)
    expect(book.asks.some((a) => a.price === 1.0851)).toBe(true)
    const next = c.count()
    sim.control.setPrice('EURUSD', 1.086, 1.0861)
    const again = await c.waitFor((f) => f.command === 23, 3000, next)
    expect(unscaleBook(decodeBook(again.body)[0]!, 5).bids[0]!.price).toBe(1.086)
    await c.request(22, subscribe([]))
  })

  it('generates ticks from a timer when tickIntervalMs > 0', async () => {
    const s = await createSimServer({ tickIntervalMs: 20, historyDays: 0 })
    const d = await loginRaw(s.url(), LOGIN, PASSWORD)
    await d.request(7, subscribe([s.control.symbolId('EURUSD')]))
    const from = d.count()
    await d.waitFor((f) => f.command === 8, 2000, from)
    d.close()
    await s.close()
  })
})
