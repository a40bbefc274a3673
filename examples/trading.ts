/**
 * A market buy with SL/TP, a pre-flight check, a partial close and the deal history. It closes
 * only the position it opened: whatever else is open on the account is left alone.
 *
 * Run against a local simulator (`npx mt5web-sim` in another terminal) and its demo account:
 * `npx tsx examples/trading.ts`. Against another account, set the environment first:
 * `MT5_SERVER` (ws:// or wss:// URL, default `ws://127.0.0.1:8228/`), `MT5_LOGIN` (default 10001)
 * and `MT5_PASSWORD` (default the simulator's `Demo1234`). Command-line arguments are not read.
 * (Imports from `../src/index.js`; in your own code import from `'mt5web'`.)
 *
 * The web trade request has no magic number: tag your orders with `comment` (≤ 32 characters).
 */
import { createClient } from '../src/index.js'
import { runIfMain } from './_run.js'

export async function main({ server, login, password }: { server: string; login: number; password: string }) {
  const client = createClient({ server, login, password, reconnect: false })
  await client.connect()
  try {
    await client.subscribeTicks(['EURUSD'])
    const check = await client.orderCheck({ action: 3, symbol: 'EURUSD', type: 0, volume: 0.1 })
    console.log(
      `check: retcode ${check.retcode}, margin ${check.margin.toFixed(2)}, free ${check.marginFree.toFixed(2)}`,
    )
    const tick = client.lastTick('EURUSD')
    const ask = tick?.ask ?? 0
    const opened = await client.buyMarket({
      symbol: 'EURUSD',
      volume: 0.1,
      sl: ask > 0 ? ask - 0.005 : undefined,
      tp: ask > 0 ? ask + 0.005 : undefined,
      comment: 'example',
    })
    console.log(`bought 0.1 EURUSD at ${opened.price} (deal ${opened.deal})`)
    // The position this buy opened (its opening order is ours), not just any EURUSD position.
    const position = (await client.positions({ symbol: 'EURUSD' })).find((p) => p.order === opened.order)
    if (!position) throw new Error(`no open position from order ${opened.order}`)
    const partial = await client.closePosition({ ticket: position.ticket, volume: 0.04 })
    console.log(`closed 0.04 at ${partial.price}`)
    const closed = await client.closePosition({ ticket: position.ticket })
    const { deals } = await client.history({ from: 0, position: position.ticket })
    console.log(`${deals.length} deals for position ${position.ticket}`)
    return { check, opened, position, partial, closed, deals }
  } finally {
    await client.close()
  }
}

runIfMain(import.meta.url, main)
