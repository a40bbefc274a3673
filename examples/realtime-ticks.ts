/**
 * Stream ticks of two symbols with `for await`, stop after `count` ticks (or on the signal).
 *
 * Run: `npx tsx examples/realtime-ticks.ts` against a local simulator (`npx mt5web-sim`) and its demo account;
 * for another account set `MT5_SERVER` (ws:// or wss:// URL, default `ws://127.0.0.1:8228/`),
 * `MT5_LOGIN` (default 10001) and `MT5_PASSWORD` (default `Demo1234`) in the environment first.
 * (imports from `../src/index.js` so it also runs under vitest without a build; in your own code
 * import from `'mt5web'`).
 */
import { createClient, type Tick } from '../src/index.js'
import { runIfMain } from './_run.js'
import type { ExampleOptions } from './connect-and-account.js'

export async function main({
  server,
  login,
  password,
  signal,
  count = 5,
}: ExampleOptions & { count?: number }) {
  const client = createClient({ server, login, password, reconnect: false })
  await client.connect(signal ? { signal } : {})
  const received: Tick[] = []
  try {
    for await (const tick of client.ticks(['EURUSD', 'GBPUSD'], signal ? { signal } : {})) {
      console.log(`${tick.symbol} ${tick.bid}/${tick.ask} @ ${new Date(tick.timeMs).toISOString()}`)
      received.push(tick)
      if (received.length >= count) break
    }
    console.log('cached EURUSD ticks:', client.ticksFrom('EURUSD', 0, 1000).length)
    return received
  } finally {
    await client.close()
  }
}

runIfMain(import.meta.url, main)
