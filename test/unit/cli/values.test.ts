import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/cli/usageError.js'
import {
  parseCount,
  parseNumber,
  parsePositive,
  parseTicket,
  parseTime,
  parseTimeframe,
} from '../../../src/cli/values.js'

describe('value parsers', () => {
  it('parses numbers and rejects garbage with the argument name', () => {
    expect(parseNumber('1.0825', 'x')).toBe(1.0825)
    expect(() => parseNumber('abc', '--sl')).toThrow(/--sl must be a number/)
    expect(() => parseNumber('', 'x')).toThrow(UsageError)
    expect(() => parsePositive('0', 'LOTS')).toThrow(/LOTS must be greater than 0/)
    expect(parsePositive('0.1', 'LOTS')).toBe(0.1)
  })

  it('parses counts within bounds', () => {
    expect(parseCount('5', '--count')).toBe(5)
    expect(() => parseCount('0', '--count')).toThrow(/between 1/)
    expect(() => parseCount('1.5', '--count')).toThrow(/whole number/)
    expect(() => parseCount('11', '--count', 10)).toThrow(UsageError)
  })

  it('parses tickets as bigint', () => {
    expect(parseTicket('10000001')).toBe(10000001n)
    expect(parseTicket('#42')).toBe(42n)
    expect(parseTicket('18446744073709551615')).toBe(0xffff_ffff_ffff_ffffn)
    expect(() => parseTicket('18446744073709551616')).toThrow(UsageError)
    expect(() => parseTicket('-1')).toThrow(UsageError)
    expect(() => parseTicket('abc')).toThrow(/TICKET/)
  })

  it('parses ISO dates (UTC when no offset) and Unix seconds', () => {
    expect(parseTime('1767744000', '--from').toISOString()).toBe('2026-01-07T00:00:00.000Z')
    expect(parseTime('2026-01-07', '--from').toISOString()).toBe('2026-01-07T00:00:00.000Z')
    expect(parseTime('2026-01-07T12:30:00', '--from').toISOString()).toBe('2026-01-07T12:30:00.000Z')
    expect(parseTime('2026-01-07 12:30', '--from').toISOString()).toBe('2026-01-07T12:30:00.000Z')
    expect(parseTime('2026-01-07T12:30:00+02:00', '--from').toISOString()).toBe('2026-01-07T10:30:00.000Z')
    expect(() => parseTime('yesterday', '--from')).toThrow(/--from must be an ISO date or Unix seconds/)
    expect(() => parseTime('2026-13-45', '--to')).toThrow(UsageError)
    expect(() => parseTime('99999999999', '--to')).toThrow(/too large/)
  })

  it('parses timeframes case-insensitively', () => {
    expect(parseTimeframe('m1')).toBe('M1')
    expect(parseTimeframe('H4')).toBe('H4')
    expect(parseTimeframe('mn1')).toBe('MN1')
    expect(() => parseTimeframe('M7')).toThrow(/unknown timeframe "M7"/)
  })
})
