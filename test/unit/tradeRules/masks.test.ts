import { describe, expect, it } from 'vitest'
import { matchesGroupMask, matchesPathMask } from '../../../src/tradeRules/masks.js'

describe('matchesPathMask (official overrides)', () => {
  it('matches * across backslashes', () => {
    expect(matchesPathMask('Forex\\*', 'Forex\\Majors\\EURUSD')).toBe(true)
    expect(matchesPathMask('*', 'anything')).toBe(true)
    expect(matchesPathMask('Metals\\*', 'Forex\\Majors\\EURUSD')).toBe(false)
  })
  it('excludes with ! even when a positive pattern matches', () => {
    expect(matchesPathMask('Forex\\*, !Forex\\Exotics\\*', 'Forex\\Exotics\\USDTRY')).toBe(false)
    expect(matchesPathMask('Forex\\*, !Forex\\Exotics\\*', 'Forex\\Majors\\EURUSD')).toBe(true)
  })
  it('treats ? and [ literally', () => {
    expect(matchesPathMask('EUR?SD', 'EURUSD')).toBe(false)
    expect(matchesPathMask('EUR?SD', 'EUR?SD')).toBe(true)
  })
  it('needs a positive pattern', () => {
    expect(matchesPathMask('!X*', 'EURUSD')).toBe(false)
  })
})

describe('matchesGroupMask (MetaTrader5 group filter)', () => {
  it('supports * ? [] and !', () => {
    expect(matchesGroupMask('*USD*', 'EURUSD')).toBe(true)
    expect(matchesGroupMask('*USD*,!EUR*', 'EURUSD')).toBe(false)
    expect(matchesGroupMask('EUR?SD', 'EURUSD')).toBe(true)
    expect(matchesGroupMask('[EG]*', 'GBPUSD')).toBe(true)
    expect(matchesGroupMask('[!EG]*', 'GBPUSD')).toBe(false)
    expect(matchesGroupMask('!EUR*', 'GBPUSD')).toBe(true)
    expect(matchesGroupMask('', 'X')).toBe(true)
  })
})
