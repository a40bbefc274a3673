/**
 * Runs the market and account examples against the simulator (loopback, ephemeral port) on an
 * account with trades of its own, which the read-only examples leave as they were.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main as connectAndAccount } from '../../../examples/connect-and-account.js'
import { main as marketData } from '../../../examples/market-data.js'
import { main as orderBook } from '../../../examples/order-book.js'
import { main as realtimeTicks } from '../../../examples/realtime-ticks.js'
import type { SimServer } from '../../../src/sim/index.js'
import { login, openTrades, password, simWithForeignTrades } from './_foreignTrades.js'

describe('market examples', () => {
  let sim: SimServer
  let before: ReturnType<typeof openTrades>

  beforeEach(async () => {
    // A tick timer so the streaming examples receive live ticks.
    ;({ sim, before } = await simWithForeignTrades({ tickIntervalMs: 20 }))
  })

  afterEach(async () => {
    expect(openTrades(sim)).toEqual(before)
    await sim.close()
  })

  it('connect-and-account prints the account', async () => {
    const { account } = await connectAndAccount({ server: sim.url(), login, password })
    expect(account.login).toBe(BigInt(login))
    expect(account.equity).toBeGreaterThan(0)
  })

  it('market-data loads symbols, a specification and bars', async () => {
    const { symbols, spec, bars } = await marketData({ server: sim.url(), login, password })
    expect(symbols.some((s) => s.name === 'EURUSD')).toBe(true)
    expect(spec.name).toBe('EURUSD')
    expect(bars.length).toBeGreaterThan(0)
  })

  it('realtime-ticks streams ticks', async () => {
    const ticks = await realtimeTicks({
      server: sim.url(),
      login,
      password,
      count: 3,
      signal: AbortSignal.timeout(10_000),
    })
    expect(ticks).toHaveLength(3)
    for (const t of ticks) expect(['EURUSD', 'GBPUSD']).toContain(t.symbol)
  })

  it('order-book prints a book', async () => {
    const books = await orderBook({
      server: sim.url(),
      login,
      password,
      count: 1,
      signal: AbortSignal.timeout(10_000),
    })
    expect(books[0]?.symbol).toBe('EURUSD')
  })
})
