/**
 * Symbols, a full specification and one week of H1 bars with progress.
 *
 * Run: `npx tsx examples/market-data.ts` against a local simulator (`npx mt5web-sim`) and its demo account;
 * for another account set `MT5_SERVER` (ws:// or wss:// URL, default `ws://127.0.0.1:8228/`),
 * `MT5_LOGIN` (default 10001) and `MT5_PASSWORD` (default `Demo1234`) in the environment first.
 * (imports from `../src/index.js` so it also runs under vitest without a build; in your own code
 * import from `'mt5web'`).
 */
import { createClient } from '../src/index.js'
import { runIfMain } from './_run.js'
import type { ExampleOptions } from './connect-and-account.js'

export async function main({ server, login, password, signal }: ExampleOptions) {
  const client = createClient({ server, login, password, reconnect: false })
  await client.connect(signal ? { signal } : {})
  try {
    const symbols = await client.loadSymbols()
    console.log(`${symbols.length} symbols, groups: ${(await client.symbolGroups()).join(', ')}`)
    const spec = await client.fullSymbolInfo('EURUSD')
    console.log(
      `EURUSD: contract ${spec.contractSize}, tick size ${spec.tickSize}, Monday ${JSON.stringify(spec.tradeSessions[1])}`,
    )
    const to = Date.now()
    const bars = await client.rates('EURUSD', 'H1', to - 7 * 86_400_000, to, {
      onProgress: ({ done, total, bars: n }) => console.log(`rates ${done}/${total}: ${n} bars`),
    })
    const last = bars.at(-1)
    if (last) console.log(`last bar ${new Date(last.timeMs).toISOString()} close ${last.close}`)
    return { symbols, spec, bars }
  } finally {
    await client.close()
  }
}

runIfMain(import.meta.url, main)
