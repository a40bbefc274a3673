/**
 * Memory per idle logged-in connection (issue #12), checked by what an idle client builds rather
 * than by heap figures (those depend on the machine): the group's trade settings are one shared
 * list per process, and the per-feature collections (symbol cache, tick cache and state, book
 * and subscription sets, push-store tick state and books, event-wrapper maps) are created on
 * first use, and the feature methods sit on one prototype shared by every client. `bench/heapRetained.ts` shows the bytes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBaseClient } from '../../../src/client/createBaseClient.js'
import { createClient, type Mt5Client } from '../../../src/client/createClient.js'
import { marketDataActions } from '../../../src/decorators/marketData.js'
import { getPushStore } from '../../../src/decorators/pushHandlers.js'
import { createSimServer, defineAccount, type SimServer } from '../../../src/sim/index.js'
import { alwaysOpenBroker } from '../../helpers/alwaysOpenBroker.js'
import { until } from '../../helpers/until.js'

const PASSWORD = 'Idle1234'

describe('an idle logged-in client', () => {
  let sim: SimServer
  const clients: Mt5Client[] = []

  beforeEach(async () => {
    const broker = alwaysOpenBroker()
    sim = await createSimServer({
      port: 0,
      host: '127.0.0.1',
      historyDays: 0,
      brokers: [
        {
          ...broker,
          accounts: [1, 2, 3].map((i) => defineAccount({ login: 20_000 + i, password: PASSWORD })),
        },
      ],
    })
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close()
    await sim.close()
  })

  async function loggedIn(login: number): Promise<Mt5Client> {
    const client = createClient({ server: sim.url(), login, password: PASSWORD, reconnect: false })
    clients.push(client)
    await client.connect()
    await until(() => getPushStore(client)?.accountBlock !== undefined)
    return client
  }

  it("shares the group's trade settings between the push stores of two accounts", async () => {
    const a = await loggedIn(20_001)
    const b = await loggedIn(20_002)
    const first = getPushStore(a)?.accountBlock?.tradeSettings
    const second = getPushStore(b)?.accountBlock?.tradeSettings
    expect(first?.length).toBeGreaterThan(0)
    expect(second).toBe(first)
    // still the account's own block: its main record is its own
    expect(getPushStore(b)?.accountBlock?.main).not.toBe(getPushStore(a)?.accountBlock?.main)
  })

  it('shares its feature methods with every other client (one prototype, bound on first use)', () => {
    const options = { server: sim.url(), password: PASSWORD, reconnect: false as const }
    const a = createClient({ ...options, login: 20_001 })
    const b = createClient({ ...options, login: 20_002 })
    expect(Object.getPrototypeOf(b)).toBe(Object.getPrototypeOf(a))
    // idle: no function of its own for any feature method
    expect(Object.hasOwn(a, 'symbols')).toBe(false)
    expect(Object.hasOwn(a, 'buyMarket')).toBe(false)
    expect(a.tickCacheStats().symbols).toBe(0)
    // read once, bound to its client and kept: detached calls work as with own closures
    const { tickCacheStats, symbols } = b
    expect(tickCacheStats().symbols).toBe(0)
    expect(b.symbols).toBe(symbols)
    expect(Object.hasOwn(b, 'symbols')).toBe(true)
    expect(Object.hasOwn(a, 'symbols')).toBe(false)
    // a stub assigned to one client shadows the shared method for that client only
    const stub = async () => []
    ;(a as { symbols: unknown }).symbols = stub
    expect(a.symbols).toBe(stub)
    expect(b.symbols).not.toBe(stub)
    // A decorator applied by hand gives bound methods of the client's own as well.
    const base = createBaseClient({ ...options, login: 20_003 }).extend(marketDataActions)
    const { tickCacheStats: stats } = base
    expect(stats().symbols).toBe(0)
  })

  it('creates no per-feature collection before it is used', async () => {
    await loggedIn(20_001) // module-level caches (client id, shared settings) are filled once
    const OriginalMap = globalThis.Map
    let created = 0
    globalThis.Map = class CountingMap<K, V> extends OriginalMap<K, V> {
      constructor(entries?: Iterable<readonly [K, V]> | null) {
        super(entries)
        // the simulator runs in this process too: count the client's maps only
        if (!new Error().stack?.includes('/sim/')) created++
      }
    } as MapConstructor
    let client: Mt5Client
    try {
      client = await loggedIn(20_002)
    } finally {
      globalThis.Map = OriginalMap
    }
    // The client's modules and symbol index, the transport's listener and request tables, the
    // position and order lists (twice: empty, then seeded at login); before this change: 22.
    expect(created).toBeLessThanOrEqual(8)
    // Used, the collections appear and work as before.
    await client.subscribeTicks(['EURUSD'])
    await until(() => client.lastTick('EURUSD') !== undefined)
    expect(client.tickCacheStats().symbols).toBe(1)
  })
})
