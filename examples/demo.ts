/**
 * `npm start`: starts the embedded simulator (a default broker with a funded demo account and a live
 * random-walk feed) and runs a small bot against it over a real loopback WebSocket: it streams
 * ticks, then places, modifies and cancels a pending order, printing what it does.
 *
 * Imports the SDK from `../src/` so it runs under tsx without a separate compile step; a user's bot
 * imports the same names from `mt5web` and `mt5web/sim`.
 */
import { createClient, OrderType, retcodeDescription } from '../src/index.js'
import { ALWAYS_OPEN, createSimServer, defaultBroker } from '../src/sim/index.js'
import { runIfMain } from './_run.js'

const SYMBOL = 'EURUSD'

export async function main({
  ticks = 5,
  log = console.log,
}: {
  ticks?: number
  log?: (line: string) => void
} = {}) {
  // The simulator follows each symbol's trade sessions (forex is closed at weekends, as at a real
  // broker); the demo opens them around the clock so it works whenever it is run.
  const base = defaultBroker()
  const broker = {
    ...base,
    symbols: base.symbols.map((s) => ({ ...s, quoteSessions: ALWAYS_OPEN, tradeSessions: ALWAYS_OPEN })),
  }
  const account = broker.accounts[0]
  if (!account) throw new Error('the default broker has no account')
  const sim = await createSimServer({ brokers: [broker], tickIntervalMs: 200, historyDays: 0 })
  log(`simulator listening on ${sim.url()} (broker ${broker.name}, account ${account.login})`)

  const client = createClient({ server: sim.url(), login: account.login, password: account.password })
  try {
    await client.connect()
    const info = await client.accountInfo()
    log(
      `logged in: ${info.name}, balance ${info.balance.toFixed(2)} ${info.currency}, leverage 1:${info.leverage}`,
    )

    log(`streaming ${ticks} ${SYMBOL} ticks…`)
    let seen = 0
    for await (const tick of client.ticks([SYMBOL])) {
      log(`  tick ${tick.symbol} bid ${tick.bid} ask ${tick.ask}`)
      if (++seen >= ticks) break
    }

    const last = client.lastTick(SYMBOL)
    if (!last) throw new Error('no quote received')
    const spec = await client.fullSymbolInfo(SYMBOL)
    const point = 10 ** -spec.digits
    const price = Number((last.ask - 200 * point).toFixed(spec.digits))
    const placed = await client.buyLimit({ symbol: SYMBOL, volume: 0.1, price, comment: 'mt5web demo' })
    log(
      `placed buy limit 0.1 ${SYMBOL} @ ${price}: order ${placed.order} (${placed.retcode} ${placed.description})`,
    )

    const newPrice = Number((price - 50 * point).toFixed(spec.digits))
    const modified = await client.modifyPendingOrder({ ticket: placed.order, price: newPrice })
    log(
      `modified order ${placed.order} to ${newPrice}: ${modified.retcode} ${retcodeDescription(modified.retcode)}`,
    )

    const pending = (await client.orders()).filter((o) => o.type === OrderType.BuyLimit)
    log(`open pending orders: ${pending.map((o) => `#${o.ticket} @ ${o.priceOrder}`).join(', ')}`)

    const cancelled = await client.cancelPendingOrder({ ticket: placed.order })
    log(`cancelled order ${placed.order}: ${cancelled.retcode} ${cancelled.description}`)
  } finally {
    await client.close()
    await sim.close()
    log('done: client closed, simulator stopped')
  }
}

// The demo starts its own simulator, so the account from the environment is not used.
runIfMain(import.meta.url, () => main())
