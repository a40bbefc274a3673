/**
 * Every order type: market buy/sell, buy/sell limit, buy/sell stop, buy/sell stop-limit (official
 * roles: `price` = activation price, `stopLimit` = limit price), then modify, and clean up: it
 * cancels the orders and closes the positions it created, and nothing else on the account.
 *
 * Run against a local simulator (`npx mt5web-sim` in another terminal) and its demo account:
 * `npx tsx examples/all-order-types.ts`. Against another account, set the environment first:
 * `MT5_SERVER` (ws:// or wss:// URL, default `ws://127.0.0.1:8228/`), `MT5_LOGIN` (default 10001)
 * and `MT5_PASSWORD` (default the simulator's `Demo1234`). Command-line arguments are not read.
 */

import type { TradeResult } from '../src/index.js'
import { createClient } from '../src/index.js'
import { runIfMain } from './_run.js'

export async function main({ server, login, password }: { server: string; login: number; password: string }) {
  const client = createClient({ server, login, password, reconnect: false })
  await client.connect()
  try {
    await client.subscribeTicks(['EURUSD'])
    let tick = client.lastTick('EURUSD')
    for (let i = 0; i < 100 && !tick; i++) {
      await new Promise((r) => setTimeout(r, 20))
      tick = client.lastTick('EURUSD')
    }
    if (!tick) throw new Error('no EURUSD quote')
    const { bid, ask } = tick
    const p = (x: number) => Number(x.toFixed(5))
    const v = { symbol: 'EURUSD', volume: 0.01 }
    const results: Record<string, TradeResult> = {
      buyMarket: await client.buyMarket({ ...v, comment: 'buy' }),
      sellMarket: await client.sellMarket({ ...v, comment: 'sell' }),
      buyLimit: await client.buyLimit({ ...v, price: p(ask - 0.01) }),
      sellLimit: await client.sellLimit({ ...v, price: p(bid + 0.01) }),
      buyStop: await client.buyStop({ ...v, price: p(ask + 0.01) }),
      sellStop: await client.sellStop({ ...v, price: p(bid - 0.01) }),
      buyStopLimit: await client.buyStopLimit({ ...v, price: p(ask + 0.01), stopLimit: p(ask + 0.005) }),
      sellStopLimit: await client.sellStopLimit({ ...v, price: p(bid - 0.01), stopLimit: p(bid - 0.005) }),
    }
    for (const [name, r] of Object.entries(results))
      console.log(`${name}: ${r.retcode} ${r.description} order ${r.order}`)
    const limit = results.buyLimit!
    await client.modifyPendingOrder({ ticket: limit.order, price: p(ask - 0.012) })
    // Clean up by ticket: only the orders placed above and the positions they opened (a position
    // records its opening order), never other orders or positions of the account.
    const ours = new Set(Object.values(results).map((r) => r.order))
    for (const o of await client.orders({ symbol: 'EURUSD' }))
      if (ours.has(o.ticket)) await client.cancelPendingOrder({ ticket: o.ticket })
    for (const pos of await client.positions({ symbol: 'EURUSD' }))
      if (ours.has(pos.order)) await client.closePosition({ ticket: pos.ticket })
    return results
  } finally {
    await client.close()
  }
}

runIfMain(import.meta.url, main)
