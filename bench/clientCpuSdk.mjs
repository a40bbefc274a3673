/**
 * The SDK child of `bench/clientCpu.ts`: `createClient` of the BUILT package (plain node), one
 * `tick` listener per client.
 */
import { createClient } from '../dist/index.js'
import { serveWindows } from './clientCpuWindow.mjs'

/** @type {Array<ReturnType<typeof createClient>>} */
const clients = []
let ticks = 0
let sum = 0

/** @param {{ bid: number }} tick */
const onTick = (tick) => {
  ticks++
  sum += tick.bid
}

serveWindows({
  name: 'sdk',
  async setup(m) {
    for (const login of m.logins) {
      const client = createClient({
        server: m.url,
        login,
        password: m.password,
        reconnect: false,
        ...(m.tickCacheSize === undefined ? {} : { tickCacheSize: m.tickCacheSize }),
        ...(m.heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs: m.heartbeatIntervalMs }),
      })
      await client.connect()
      await client.subscribeTicks(m.symbols)
      client.on('tick', onTick)
      clients.push(client)
    }
  },
  async exit() {
    for (const c of clients) await c.close()
    if (sum === 0) console.error('sdk child: no tick values seen')
  },
  ticks: () => ticks,
  // Ticks held in the clients' tick caches: growing until every ring is full (or the process budget
  // is taken), and growing rings cost CPU (fresh memory, copies) that the steady state does not.
  cached: () => {
    let n = 0
    for (const c of clients) n += c.tickCacheStats().ticks
    return n
  },
})
