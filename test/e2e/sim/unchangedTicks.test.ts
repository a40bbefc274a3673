/** The wall-clock feed pushes a tick only when bid or ask changed (as a real server does). */
import { afterEach, describe, expect, it } from 'vitest'
import type { Tick } from '../../../src/model/types.js'
import { createSimServer, defaultBroker, type SimServer } from '../../../src/sim/index.js'
import { makeClient, until } from '../client/_marketClient.js'

describe('timer feed without unchanged ticks', () => {
  let sim: SimServer | undefined
  let client: ReturnType<typeof makeClient> | undefined

  afterEach(async () => {
    await client?.close()
    await sim?.close()
  })

  it('never pushes the same bid/ask twice in a row', async () => {
    const broker = defaultBroker()
    // a calm EURUSD: most random-walk steps round to zero points (unchanged quotes)
    broker.symbols = broker.symbols.map((s) => (s.name === 'EURUSD' ? { ...s, volatility: 0.3 } : s))
    sim = await createSimServer({ port: 0, host: '127.0.0.1', brokers: [broker], tickIntervalMs: 5 })
    client = makeClient(sim.url())
    await client.connect()
    const ticks: Tick[] = []
    client.on('tick', (t) => {
      if (t.symbol === 'EURUSD' || t.symbol === 'GBPUSD') ticks.push(t)
    })
    await client.subscribeTicks(['EURUSD', 'GBPUSD'])
    const started = Date.now()
    await until(() => ticks.filter((t) => t.symbol === 'EURUSD').length >= 4, 5000)
    const elapsed = Date.now() - started
    for (const symbol of ['EURUSD', 'GBPUSD']) {
      const mine = ticks.filter((t) => t.symbol === symbol)
      expect(mine.length).toBeGreaterThan(1)
      for (let i = 1; i < mine.length; i += 1) {
        const a = mine[i - 1]!
        const b = mine[i]!
        expect(a.bid === b.bid && a.ask === b.ask, `${symbol} tick ${i} repeats ${a.bid}/${a.ask}`).toBe(
          false,
        )
      }
    }
    // far fewer EURUSD ticks than timer steps: the unchanged ones were skipped
    const eur = ticks.filter((t) => t.symbol === 'EURUSD').length
    expect(eur).toBeLessThan(Math.max(8, elapsed / 5 / 2))
  })
})
