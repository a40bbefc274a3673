/**
 * Per-symbol price feed: a seeded random walk (bid moves by a normal step in points, ask = bid +
 * spread) or scripted ticks, with a bounded tick history from which bars of any period are built.
 */
import { pointOf } from '../../codec/scale.js'
import type { RateBarRecord } from '../../codec/schemas/rateBar.js'
import type { Clock } from './clock.js'
import type { SymbolConfig } from './config.js'
import { createRandom, type Random } from './random.js'

/** One price update. */
export interface FeedTick {
  /** Server time in ms. */
  timeMs: number
  bid: number
  ask: number
}

/** One bar, as cmd 11 carries it (`time` in seconds, plain prices built from bids). */
export type FeedBar = RateBarRecord

/** A scripted price: absolute bid/ask, applied `dtMs` after the previous one (default 1000). */
export interface ScriptedTick {
  bid: number
  ask: number
  dtMs?: number
}

/** The price feed of one broker. */
export interface Feed {
  /** Symbol names in the feed. */
  symbols(): string[]
  /** Last tick of a symbol (undefined for unknown symbols). */
  quote(symbol: string): FeedTick | undefined
  /** Sets bid/ask now (rounded to the symbol's digits) and records the tick. */
  setPrice(symbol: string, bid: number, ask: number): FeedTick
  /** Queues scripted ticks for a symbol; `next` consumes them before random-walking. */
  script(symbol: string, ticks: readonly ScriptedTick[]): void
  /**
   * Produces the next tick of a symbol now (the next scripted one, else a random-walk step). A real
   * feed has no tick without a change: when bid and ask equal the last quote, nothing is recorded
   * and the last tick itself is returned (same object), so callers can skip it.
   */
  next(symbol: string): FeedTick
  /**
   * Generates random-walk history in `[fromMs, toMs)` before any live tick: 2–6 seeded ticks in
   * every `intervalMs` (one bar of that length gets an open, a high, a low and a close).
   */
  backfill(symbol: string, fromMs: number, toMs: number, intervalMs: number): void
  /** Recorded ticks with `fromMs ≤ timeMs ≤ toMs`. */
  ticks(symbol: string, fromMs: number, toMs: number): FeedTick[]
  /**
   * Bars of `periodMinutes` (1, 5, 15, 30, 60, 240, 1440, 10080 = W1 from Sunday, 43200 = MN1 by
   * calendar month) whose open time (seconds) is in `[from, to]`, built from the recorded bids.
   */
  rates(symbol: string, periodMinutes: number, from: number, to: number): FeedBar[]
}

/** Options of `createFeed`. */
export interface FeedOptions {
  symbols: readonly SymbolConfig[]
  clock: Clock
  seed: number
  /** Ticks kept per symbol (default 200 000). */
  historyLimit?: number
}

interface SymbolFeed {
  config: SymbolConfig
  last: FeedTick
  history: FeedTick[]
  queue: ScriptedTick[]
  scriptTime: number
}

/** Ticks generated per backfill interval (drawn uniformly, seeded): bars with a range and a volume. */
const BACKFILL_MIN_TICKS = 2
const BACKFILL_MAX_TICKS = 6

function roundTo(value: number, digits: number): number {
  return Number(value.toFixed(digits))
}

/** Open time (seconds) of the bar containing `timeSec`. */
export function barOpenTime(timeSec: number, periodMinutes: number): number {
  if (periodMinutes === 43200) {
    const d = new Date(timeSec * 1000)
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000
  }
  if (periodMinutes === 10080) {
    const day = Math.floor(timeSec / 86400)
    const weekday = (day + 4) % 7 // 1970-01-01 was a Thursday; 0 = Sunday
    return (day - weekday) * 86400
  }
  const p = periodMinutes * 60
  return Math.floor(timeSec / p) * p
}

/** Creates a feed; initial prices come from each symbol's `initialBid` and `spread`. */
export function createFeed(options: FeedOptions): Feed {
  const { clock } = options
  const random: Random = createRandom(options.seed)
  const limit = options.historyLimit ?? 200_000
  const feeds = new Map<string, SymbolFeed>()
  for (const config of options.symbols) {
    const point = pointOf(config.digits)
    const bid = roundTo(config.initialBid, config.digits)
    const last = { timeMs: clock.now(), bid, ask: roundTo(bid + config.spread * point, config.digits) }
    feeds.set(config.name, { config, last, history: [last], queue: [], scriptTime: 0 })
  }
  const get = (symbol: string): SymbolFeed => {
    const f = feeds.get(symbol)
    if (!f) throw new RangeError(`feed: unknown symbol ${symbol}`)
    return f
  }
  const record = (f: SymbolFeed, tick: FeedTick): FeedTick => {
    f.last = tick
    f.history.push(tick)
    if (f.history.length > limit) f.history.splice(0, f.history.length - limit)
    return tick
  }
  const walk = (f: SymbolFeed, timeMs: number): FeedTick => {
    const { digits, spread, volatility } = f.config
    const point = pointOf(digits)
    let bid = roundTo(f.last.bid + Math.round(random.normal() * volatility) * point, digits)
    if (bid <= point) bid = point
    return { timeMs, bid, ask: roundTo(bid + spread * point, digits) }
  }

  return {
    symbols: () => [...feeds.keys()],
    quote: (symbol) => feeds.get(symbol)?.last,
    setPrice(symbol, bid, ask) {
      const f = get(symbol)
      const d = f.config.digits
      return record(f, { timeMs: clock.now(), bid: roundTo(bid, d), ask: roundTo(ask, d) })
    },
    script(symbol, ticks) {
      get(symbol).queue.push(...ticks)
    },
    next(symbol) {
      const f = get(symbol)
      const scripted = f.queue.shift()
      const d = f.config.digits
      const tick = scripted
        ? { timeMs: clock.now(), bid: roundTo(scripted.bid, d), ask: roundTo(scripted.ask, d) }
        : walk(f, clock.now())
      if (tick.bid === f.last.bid && tick.ask === f.last.ask) return f.last
      return record(f, tick)
    },
    backfill(symbol, fromMs, toMs, intervalMs) {
      const f = get(symbol)
      if (!(intervalMs > 0)) throw new RangeError('backfill: intervalMs must be > 0')
      const { digits, spread, volatility } = f.config
      // Integer points: one division per tick gives the same double as rounding with toFixed,
      // at a fraction of the cost (days of history for every symbol at every start).
      const scale = 10 ** digits
      const spreadPts = Math.round(spread)
      let pts = Math.round(f.last.bid * scale)
      const generated: FeedTick[] = []
      // Only the newest intervals that fit the history limit: no gap right before now.
      const intervals = Math.ceil((toMs - fromMs) / intervalMs)
      const skip = Math.max(0, intervals - Math.floor(limit / BACKFILL_MAX_TICKS))
      for (let t = fromMs + skip * intervalMs; t < toMs; t += intervalMs) {
        // Several ticks per interval, as a live feed has: bars get a real high/low range and a
        // tick volume, instead of O = H = L = C from a single tick.
        const n = BACKFILL_MIN_TICKS + random.int(BACKFILL_MAX_TICKS - BACKFILL_MIN_TICKS + 1)
        for (let j = 0; j < n; j++) {
          const timeMs = t + Math.floor((j * intervalMs) / n)
          if (timeMs >= toMs) break
          pts = Math.max(1, pts + Math.round(random.normal() * volatility))
          generated.push({ timeMs, bid: pts / scale, ask: (pts + spreadPts) / scale })
        }
      }
      const live = f.history.filter((t) => t.timeMs >= toMs)
      f.history = [...generated, ...live].slice(-limit)
      const last = f.history[f.history.length - 1]
      if (last) f.last = last
    },
    ticks(symbol, fromMs, toMs) {
      return get(symbol).history.filter((t) => t.timeMs >= fromMs && t.timeMs <= toMs)
    },
    rates(symbol, periodMinutes, from, to) {
      const bars: FeedBar[] = []
      let bar: FeedBar | undefined
      for (const tick of get(symbol).history) {
        const open = barOpenTime(Math.floor(tick.timeMs / 1000), periodMinutes)
        if (open < from || open > to) continue
        if (!bar || bar.time !== open) {
          bar = {
            time: open,
            open: tick.bid,
            high: tick.bid,
            low: tick.bid,
            close: tick.bid,
            tickVolume: 0,
            realVolume: 0,
          }
          bars.push(bar)
        }
        bar.high = Math.max(bar.high, tick.bid)
        bar.low = Math.min(bar.low, tick.bid)
        bar.close = tick.bid
        bar.tickVolume += 1
      }
      return bars
    },
  }
}
