import { describe, expect, it } from 'vitest'
import { createManualClock, isManualClock, realClock } from '../../../../src/sim/engine/clock.js'
import { defaultBroker, deriveBroker } from '../../../../src/sim/engine/config.js'
import { createEngine } from '../../../../src/sim/engine/engine.js'
import { barOpenTime, createFeed } from '../../../../src/sim/engine/feed.js'
import { createRandom } from '../../../../src/sim/engine/random.js'

const START = Date.UTC(2026, 0, 7)

describe('clock and random', () => {
  it('manual clock advances and sets; the real clock is not manual', () => {
    const c = createManualClock(1000)
    expect(c.advance(500)).toBe(1500)
    c.set(10)
    expect(c.now()).toBe(10)
    expect(() => c.advance(-1)).toThrow(RangeError)
    expect(isManualClock(c)).toBe(true)
    expect(isManualClock(realClock)).toBe(false)
  })

  it('the seeded generator is deterministic', () => {
    const a = createRandom(7)
    const b = createRandom(7)
    const xs = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs)
    expect(createRandom(8).next()).not.toBe(xs[0])
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true)
  })
})

describe('feed', () => {
  const symbols = defaultBroker().symbols

  it('random walk is deterministic per seed, digits-rounded with the configured spread', () => {
    const run = (seed: number) => {
      const clock = createManualClock(START)
      const feed = createFeed({ symbols, clock, seed })
      return Array.from({ length: 20 }, () => {
        clock.advance(1000)
        return feed.next('EURUSD')
      })
    }
    const a = run(3)
    expect(run(3)).toEqual(a)
    expect(run(4)).not.toEqual(a)
    for (const t of a) {
      expect(Number(t.bid.toFixed(5))).toBe(t.bid)
      expect(Math.round((t.ask - t.bid) * 1e5)).toBe(10)
    }
  })

  it('scripted ticks come before the random walk', () => {
    const clock = createManualClock(START)
    const feed = createFeed({ symbols, clock, seed: 1 })
    feed.script('EURUSD', [
      { bid: 1.2, ask: 1.2002 },
      { bid: 1.21, ask: 1.2102 },
    ])
    expect(feed.next('EURUSD')).toMatchObject({ bid: 1.2, ask: 1.2002 })
    expect(feed.next('EURUSD')).toMatchObject({ bid: 1.21 })
    expect(Math.abs(feed.next('EURUSD').bid - 1.21)).toBeLessThan(0.01)
  })

  it('bars are consistent with the ticks (M1, M5, H1)', () => {
    const clock = createManualClock(START)
    const feed = createFeed({ symbols, clock, seed: 9 })
    const ticks = []
    for (let i = 0; i < 600; i += 1) {
      clock.advance(1000)
      ticks.push(feed.next('EURUSD'))
    }
    const from = START / 1000
    const m1 = feed.rates('EURUSD', 1, from, from + 3600)
    expect(m1).toHaveLength(11) // the initial tick at START + 10 full minutes
    for (const bar of m1) {
      const inBar = [...feed.ticks('EURUSD', bar.time * 1000, bar.time * 1000 + 59_999)]
      expect(bar.tickVolume).toBe(inBar.length)
      expect(bar.open).toBe(inBar[0]!.bid)
      expect(bar.close).toBe(inBar.at(-1)!.bid)
      expect(bar.high).toBe(Math.max(...inBar.map((t) => t.bid)))
      expect(bar.low).toBe(Math.min(...inBar.map((t) => t.bid)))
    }
    const h1 = feed.rates('EURUSD', 60, from, from + 3600)
    expect(h1).toHaveLength(1)
    // unchanged quotes are not recorded: the initial tick + the 600 steps that moved the price
    const recorded = feed.ticks('EURUSD', START, START + 3_600_000)
    expect(recorded.length).toBeGreaterThan(400)
    expect(h1[0]!.tickVolume).toBe(recorded.length)
    expect(h1[0]!.high).toBe(Math.max(...m1.map((b) => b.high)))
    expect(feed.rates('EURUSD', 5, from, from + 3600)).toHaveLength(3)
  })

  it('a step that changes neither bid nor ask is no tick: nothing recorded, the last tick returned', () => {
    const clock = createManualClock(START)
    const calm = symbols.map((s) => (s.name === 'EURUSD' ? { ...s, volatility: 0.1 } : s))
    const feed = createFeed({ symbols: calm, clock, seed: 2 })
    const first = feed.quote('EURUSD')!
    clock.advance(1000)
    expect(feed.next('EURUSD')).toBe(first) // |normal × 0.1| < 0.5 point almost always
    feed.script('EURUSD', [
      { bid: first.bid, ask: first.ask },
      { bid: 1.2, ask: 1.2001 },
    ])
    expect(feed.next('EURUSD')).toBe(first)
    expect(feed.next('EURUSD')).toMatchObject({ bid: 1.2, ask: 1.2001 })
    let previous = feed.quote('EURUSD')!
    for (let i = 0; i < 200; i += 1) {
      clock.advance(1000)
      const t = feed.next('EURUSD')
      if (t !== previous) expect(t.bid !== previous.bid || t.ask !== previous.ask).toBe(true)
      previous = t
    }
    const history = feed.ticks('EURUSD', START, START + 300_000)
    for (let i = 1; i < history.length; i += 1) {
      const a = history[i - 1]!
      const b = history[i]!
      expect(a.bid === b.bid && a.ask === b.ask).toBe(false)
    }
  })

  it('week bars start on Sunday, month bars on the 1st', () => {
    const wed = Date.UTC(2026, 0, 7, 15) / 1000
    expect(barOpenTime(wed, 10080)).toBe(Date.UTC(2026, 0, 4) / 1000)
    expect(barOpenTime(wed, 43200)).toBe(Date.UTC(2026, 0, 1) / 1000)
    expect(barOpenTime(wed, 1440)).toBe(Date.UTC(2026, 0, 7) / 1000)
  })

  it('backfill produces history before now', () => {
    const clock = createManualClock(START)
    const feed = createFeed({ symbols, clock, seed: 5 })
    feed.backfill('EURUSD', START - 3_600_000, START, 60_000)
    const ticks = feed.ticks('EURUSD', START - 3_600_000, START - 1)
    expect(ticks.length).toBeGreaterThanOrEqual(2 * 60)
    expect(ticks.length).toBeLessThanOrEqual(6 * 60)
    expect(feed.rates('EURUSD', 1, (START - 3_600_000) / 1000, START / 1000 - 1)).toHaveLength(60)
  })

  it('a backfill longer than the history limit keeps the newest part, up to now', () => {
    const feed = createFeed({ symbols, clock: createManualClock(START), seed: 5, historyLimit: 600 })
    feed.backfill('EURUSD', START - 86_400_000, START, 60_000)
    const ticks = feed.ticks('EURUSD', 0, START - 1)
    expect(ticks.length).toBeLessThanOrEqual(600)
    expect(ticks[ticks.length - 1]!.timeMs).toBeGreaterThan(START - 60_000)
  })

  it('backfilled M1 bars have real ranges and tick volumes, the same for the same seed', () => {
    const bars = (seed: number) => {
      const feed = createFeed({ symbols, clock: createManualClock(START), seed })
      feed.backfill('EURUSD', START - 86_400_000, START, 60_000)
      return feed.rates('EURUSD', 1, (START - 86_400_000) / 1000, START / 1000 - 1)
    }
    const m1 = bars(5)
    expect(m1).toHaveLength(1440)
    expect(bars(5)).toEqual(m1)
    expect(bars(6)).not.toEqual(m1)
    const point = 1e-5
    for (const b of m1) {
      expect(b.tickVolume).toBeGreaterThanOrEqual(2)
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close))
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close))
      // Prices on the symbol's grid (no float noise from the integer-point walk).
      expect(Number(b.high.toFixed(5))).toBe(b.high)
    }
    // An indicator over these bars reads something: most bars have a range.
    const ranged = m1.filter((b) => b.high - b.low >= point / 2).length
    expect(ranged / m1.length).toBeGreaterThan(0.9)
    const avgRange = m1.reduce((n, b) => n + (b.high - b.low), 0) / m1.length
    expect(avgRange).toBeGreaterThan(2 * point)
  })
})

describe('multi-broker', () => {
  it('deriveBroker renames symbols and changes volume settings', () => {
    const b = deriveBroker(defaultBroker(), {
      name: 'OtherBroker',
      rename: (n) => `${n}.m`,
      symbolOverrides: { volumeStep: 0.1, volumeMin: 0.1 },
    })
    expect(b.symbols.map((s) => s.name)).toContain('EURUSD.m')
    expect(b.symbols.find((s) => s.name === 'EURUSD.m')!.path).toBe('Forex\\EURUSD.m')
    const engine = createEngine({ broker: b, clock: createManualClock(Date.UTC(2026, 0, 7, 10)) })
    expect(engine.symbol('EURUSD.m')!.trade.volumeStep).toBe(10_000_000n)
    expect(engine.symbol('EURUSD')).toBeUndefined()
  })
})

describe('full symbol record', () => {
  it('encodes to the 3068-byte FullSymbol with the trade settings and sessions', async () => {
    const { fullSymbol } = await import('../../../../src/sim/server/wire.js')
    const { fullSymbolSchema } = await import('../../../../src/codec/schemas/fullSymbol.js')
    const engine = createEngine({ broker: defaultBroker(), clock: createManualClock(START) })
    const rec = fullSymbol({ id: 9, spec: engine.symbol('US500')! })
    const bytes = fullSymbolSchema.encode(rec)
    expect(bytes.length).toBe(3068)
    const back = fullSymbolSchema.decodeBytes(bytes)
    expect(back).toMatchObject({ tradeSymbol: 'US500', symbolId: 9, tradeCalcMode: 3, digits: 2 })
    expect(back.trade.volumeMin).toBe(10_000_000n)
    expect(back.schedule.tradeSessions[1]![0]).toEqual({ open: 60, close: 1320 })
    expect(back.schedule.tradeSessions[0]![0]).toEqual({ open: 0, close: 0 })
  })
})
