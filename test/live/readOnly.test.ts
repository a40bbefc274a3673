// Read-only checks against a real broker: login, account, symbols, bars, trades and history decode
// and make sense. Nothing here sends a trade request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mt5Client } from '../../src/index.js'
import { connectLive, live } from './_env.js'

describe.runIf(live)('live broker, read-only', () => {
  let client: Mt5Client
  const env = live!

  beforeAll(async () => {
    client = await connectLive(env)
  })
  afterAll(async () => {
    await client?.close()
  })

  it('logs in and reads the account', async () => {
    const account = await client.accountInfo()
    expect(account.login).toBe(BigInt(env.login))
    expect(account.currency).toMatch(/^[A-Z]{3,}$/)
    expect(Number.isFinite(account.balance)).toBe(true)
    expect(account.serverBuild).toBeGreaterThan(0)
  })

  it('lists symbols and loads the specification of MT5_LIVE_SYMBOL', async () => {
    const symbols = await client.symbols()
    expect(symbols.length).toBeGreaterThan(0)
    const info = await client.fullSymbolInfo(env.symbol)
    expect(info.name).toBe(env.symbol)
    expect(info.digits).toBeGreaterThanOrEqual(0)
    expect(info.tickSize).toBeGreaterThan(0)
    expect(info.trade.volumeMin).toBeGreaterThan(0n)
  })

  it('reads the bars of the last 7 days (trading days whatever the weekday)', async () => {
    const to = new Date()
    const from = new Date(to.getTime() - 7 * 86_400_000)
    const bars = await client.rates(env.symbol, 'H1', from, to)
    expect(bars.length).toBeGreaterThan(0)
    for (const bar of bars) {
      expect(bar.high).toBeGreaterThanOrEqual(bar.low)
      expect(bar.open).toBeGreaterThan(0)
    }
  })

  it('reads open positions, orders and 30 days of history', async () => {
    const [positions, orders] = await Promise.all([client.positions(), client.orders()])
    for (const p of positions) expect(p.volume).toBeGreaterThan(0)
    for (const o of orders) expect(o.volumeInitial).toBeGreaterThan(0)
    const history = await client.history({ from: new Date(Date.now() - 30 * 86_400_000), to: new Date() })
    expect(Array.isArray(history.deals)).toBe(true)
    expect(Array.isArray(history.orders)).toBe(true)
  })
})
