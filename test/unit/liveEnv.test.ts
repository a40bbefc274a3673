import { describe, expect, it } from 'vitest'
import { liveEnv } from '../live/_env.js'

describe('live-broker suite gating (test/live/_env.ts)', () => {
  const full = {
    MT5_LIVE_SERVER: 'wss://example.test/terminal',
    MT5_LIVE_LOGIN: '123',
    MT5_LIVE_PASSWORD: 'pw',
  }

  it('skips, naming the missing variables, unless server, login and password are all set', () => {
    expect(liveEnv({})).toEqual({
      skip: 'live-broker suite skipped: MT5_LIVE_SERVER, MT5_LIVE_LOGIN, MT5_LIVE_PASSWORD not set',
    })
    expect(liveEnv({ ...full, MT5_LIVE_PASSWORD: '' })).toEqual({
      skip: 'live-broker suite skipped: MT5_LIVE_PASSWORD not set',
    })
  })

  it('is read-only unless MT5_LIVE_TRADE is exactly 1', () => {
    expect(liveEnv(full)).toEqual({
      server: 'wss://example.test/terminal',
      login: '123',
      password: 'pw',
      trade: false,
      symbol: 'EURUSD',
    })
    expect(liveEnv({ ...full, MT5_LIVE_TRADE: 'true' })).toMatchObject({ trade: false })
    expect(liveEnv({ ...full, MT5_LIVE_TRADE: '1', MT5_LIVE_SYMBOL: 'XAUUSD' })).toMatchObject({
      trade: true,
      symbol: 'XAUUSD',
    })
  })
})
