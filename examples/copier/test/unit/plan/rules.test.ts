import { describe, expect, it } from 'vitest'
import { insideTradingHours, serverClock } from '../../../src/plan/hours.js'
import { copyVolume, volumeLimits, volumeLimitsOf } from '../../../src/plan/lots.js'
import { checkExpiration, checkSession, checkStops } from '../../../src/plan/preflight.js'
import { createSymbolMapper, symbolMapperOf } from '../../../src/plan/symbols.js'
import type { OrderFields } from '../../../src/plan/types.js'
import { NOON_MONDAY, symbolSpec, targetConfig } from '../../helpers/planInput.js'

describe('symbol mapping', () => {
  const names = new Set(['XAUUSD', 'EURUSD.m', 'GBPUSD', 'mini.USDJPY', 'AUDUSD'])
  const has = (n: string) => names.has(n)

  it('explicit pairs win, then rules in order, then the same name', () => {
    const mapper = createSymbolMapper({ GOLD: 'XAUUSD', '*': '*.m', 'x*': 'mini.*' })
    expect(mapper.map('GOLD', has)).toBe('XAUUSD')
    expect(mapper.map('EURUSD', has)).toBe('EURUSD.m')
    expect(mapper.map('GBPUSD', has)).toBe('GBPUSD') // GBPUSD.m absent: same name
    expect(mapper.map('xUSDJPY', has)).toBe('mini.USDJPY')
    expect(mapper.map('NZDUSD', has)).toBeUndefined()
    expect(mapper.candidates('NZDUSD')).toEqual(['NZDUSD.m', 'NZDUSD'])
  })

  it('a pair naming a missing symbol is not second-guessed', () => {
    expect(createSymbolMapper({ GOLD: 'GOLD.x', '*': '*.m' }).map('GOLD', has)).toBeUndefined()
  })

  it('strips suffixes, and a rule never produces an empty stem', () => {
    const mapper = createSymbolMapper({ '*.raw': '*' })
    expect(mapper.map('AUDUSD.raw', has)).toBe('AUDUSD')
    expect(mapper.candidates('.raw')).toEqual(['.raw'])
  })
})

describe('values the planner keeps between plans', () => {
  it('a session answer holds for its minute only: the next minute is asked again', () => {
    // Monday 00:00–01:00 open (server clock); the same specification object is asked each time
    const spec = symbolSpec('EURUSD', {
      tradeSessions: [[], [{ openMinutes: 0, closeMinutes: 60 }], [], [], [], [], []],
    })
    const monday = Date.UTC(2026, 11, 7)
    expect(checkSession(spec, monday + 59 * 60_000 + 59_999)).toBeUndefined()
    expect(checkSession(spec, monday + 59 * 60_000)).toBeUndefined()
    expect(checkSession(spec, monday + 60 * 60_000)?.reason).toBe('sessionClosed')
    expect(checkSession(spec, monday + 60 * 60_000 + 1)?.reason).toBe('sessionClosed')
    expect(checkSession(spec, monday + 30 * 60_000)).toBeUndefined()
    // another specification object with other sessions is not answered from the first one's
    const closed = symbolSpec('EURUSD', {
      tradeSessions: [[], [], [], [], [], [], [{ openMinutes: 0, closeMinutes: 1 }]],
    })
    expect(checkSession(closed, monday + 30 * 60_000)?.reason).toBe('sessionClosed')
  })

  it('volume limits and symbol mappers are computed once per config and specification object', () => {
    const config = targetConfig({ lots: { min: 0.2 } })
    const spec = symbolSpec('EURUSD')
    expect(volumeLimitsOf(config.lots, spec)).toEqual(volumeLimits(config.lots, spec))
    expect(volumeLimitsOf(config.lots, spec)).toBe(volumeLimitsOf(config.lots, spec))
    const other = symbolSpec('EURUSD', { volumeMin: 1 })
    expect(volumeLimitsOf(config.lots, other)).toEqual(volumeLimits(config.lots, other))
    expect(volumeLimitsOf(config.lots, other).low).toBe(1)
    const symbols = { '*': '*.m' }
    expect(symbolMapperOf(symbols)).toBe(symbolMapperOf(symbols))
    expect(symbolMapperOf({ '*': '*.x' }).map('EURUSD', (n) => n === 'EURUSD.x')).toBe('EURUSD.x')
  })
})

describe('trading hours', () => {
  const at = (day: number, hh: number, mm = 0) => Date.UTC(2026, 11, 6 + day, hh, mm) // day 0 = Sunday
  const w = (days: string[], from: number, to: number) => ({ days: days as never, from, to })

  it('reads the weekday and minute of a server-clock time', () => {
    expect(serverClock(at(1, 12, 30))).toEqual({ day: 1, minute: 750 })
    expect(serverClock(at(6, 23, 59))).toEqual({ day: 6, minute: 1439 })
    expect(serverClock(NOON_MONDAY).day).toBe(1)
  })

  it('opens windows on their days, end exclusive; 24:00 closes at midnight', () => {
    const windows = [w(['mon', 'tue'], 8 * 60, 24 * 60)]
    expect(insideTradingHours(windows, at(1, 8))).toBe(true)
    expect(insideTradingHours(windows, at(1, 23, 59))).toBe(true)
    expect(insideTradingHours(windows, at(1, 7, 59))).toBe(false)
    expect(insideTradingHours(windows, at(3, 12))).toBe(false)
  })

  it('a window crossing midnight ends on the next morning', () => {
    const windows = [w(['fri'], 22 * 60, 2 * 60)]
    expect(insideTradingHours(windows, at(5, 23))).toBe(true)
    expect(insideTradingHours(windows, at(6, 1, 59))).toBe(true)
    expect(insideTradingHours(windows, at(6, 2))).toBe(false)
    expect(insideTradingHours(windows, at(5, 1))).toBe(false)
  })
})

describe('copy volume', () => {
  const lots = (overrides: Record<string, unknown>) => targetConfig({ lots: overrides }).lots

  it('works with any volume when the symbol has no step', () => {
    const spec = symbolSpec('X', { volumeStep: 0, volumeMin: 0, volumeMax: 0 })
    expect(copyVolume(0.123456789, 'X', lots({}), spec)).toEqual({ ok: true, volume: 0.12345679 })
  })

  it('fixed lots ignore the source volume and the multipliers', () => {
    expect(copyVolume(7, 'X', lots({ fixed: 0.2, multiplier: 3 }), symbolSpec('X'))).toEqual({
      ok: true,
      volume: 0.2,
    })
  })

  it('raiseToMin lands on the step grid above the minimum', () => {
    const spec = symbolSpec('X', { volumeStep: 0.1, volumeMin: 0.1 })
    expect(copyVolume(0.01, 'X', lots({ min: 0.25, belowMin: 'raiseToMin' }), spec)).toEqual({
      ok: true,
      volume: 0.3,
    })
  })
})

describe('pre-flight checks', () => {
  const order = (o: Partial<OrderFields>): OrderFields => ({
    symbol: 'EURUSD',
    type: 'sellStop',
    volume: 1,
    price: 1.09,
    stopLimitPrice: 0,
    sl: 0,
    tp: 0,
    timeType: 'gtc',
    expirationMs: 0,
    comment: '',
    ...o,
  })
  const spec = symbolSpec('EURUSD', { stopsLevelPoints: 50 })
  const quote = { bid: 1.1, ask: 1.1001 }

  it('stop orders sit beyond the market by the stops level', () => {
    expect(checkStops(order({ price: 1.0995 }), spec, quote)).toBeUndefined()
    expect(checkStops(order({ price: 1.0996 }), spec, quote)?.reason).toBe('priceTooClose')
    expect(checkStops(order({ type: 'buyStop', price: 1.1006 }), spec, quote)).toBeUndefined()
    expect(checkStops(order({ type: 'buyStop', price: 1.1005 }), spec, quote)?.reason).toBe('priceTooClose')
  })

  it('a stop-limit limit price keeps the stops level from its stop price; SL/TP from the limit price', () => {
    const base = { type: 'sellStopLimit' as const, price: 1.09 }
    expect(checkStops(order({ ...base, stopLimitPrice: 1.0905 }), spec, quote)).toBeUndefined()
    expect(checkStops(order({ ...base, stopLimitPrice: 1.0904 }), spec, quote)?.reason).toBe('priceTooClose')
    expect(checkStops(order({ ...base, stopLimitPrice: 1.0905, sl: 1.0908 }), spec, quote)?.reason).toBe(
      'stopsTooClose',
    )
    expect(
      checkStops(order({ ...base, stopLimitPrice: 1.0905, sl: 1.091, tp: 1.08 }), spec, quote),
    ).toBeUndefined()
  })

  it('the fingerprint of a stops refusal ignores the moving quote', () => {
    const a = checkStops(order({ price: 1.0996 }), spec, quote)
    const b = checkStops(order({ price: 1.0996 }), spec, { bid: 1.09962, ask: 1.09972 })
    expect(a?.fingerprint).toBe(b?.fingerprint)
  })

  it('expiration modes follow the symbol flags; day orders are never past', () => {
    const dayOnly = symbolSpec('EURUSD', { timeFlags: 2 })
    expect(checkExpiration(order({ timeType: 'day' }), dayOnly, NOON_MONDAY)).toBeUndefined()
    expect(checkExpiration(order({ timeType: 'gtc' }), dayOnly, NOON_MONDAY)?.reason).toBe(
      'expirationNotSupported',
    )
    expect(
      checkExpiration(order({ timeType: 'specified', expirationMs: NOON_MONDAY }), spec, NOON_MONDAY)?.reason,
    ).toBe('alreadyExpired')
  })

  it('a specified-day expiry is a date: past only once its day has ended', () => {
    const monday = order({ timeType: 'specifiedDay', expirationMs: NOON_MONDAY })
    const midnight = NOON_MONDAY + 12 * 3_600_000
    expect(checkExpiration(monday, spec, NOON_MONDAY)).toBeUndefined()
    expect(checkExpiration(monday, spec, midnight - 1)).toBeUndefined()
    expect(checkExpiration(monday, spec, midnight)?.reason).toBe('alreadyExpired')
  })
})
