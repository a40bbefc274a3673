/**
 * Shared setup of the trading e2e suites (orderTypes, rejections, timeouts, edgeCases): a simulator
 * with the default broker plus special-purpose symbols and accounts, a manual clock on a weekday,
 * and a logged-in trading client subscribed to the symbols a test quotes.
 */

import type { ClientOptions } from '../../../src/client/types.js'
import { createManualClock, type ManualClock } from '../../../src/sim/engine/clock.js'
import {
  type BrokerConfig,
  defaultBroker,
  defineAccount,
  defineSymbol,
  type SymbolConfig,
} from '../../../src/sim/engine/config.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { HEDGING, makeTradingClient, NETTING, until } from './_tradingClient.js'

export { HEDGING, NETTING, until }

/** Account with a tiny balance (10019 no money). */
export const POOR = 10003
/** Account allowing two pending orders (10033). */
export const TWO_PENDING = 10004

/** 2026-01-07 12:00 UTC, a Wednesday: forex sessions are open. */
export const WEDNESDAY_NOON = Date.UTC(2026, 0, 7, 12)

/** A EURUSD-like symbol with overrides (profit currency USD, base EUR). */
function eur(name: string, fields: Partial<SymbolConfig> = {}): SymbolConfig {
  return defineSymbol({
    name,
    description: name,
    currencyBase: 'EUR',
    currencyProfit: 'USD',
    currencyMargin: 'EUR',
    initialBid: 1.085,
    ...fields,
  })
}

/** The special symbols every suite may use, by purpose. */
export const SPECIAL = {
  /** Trade mode 0 (disabled): 10017. */
  disabled: 'EURUSD.dis',
  /** Trade mode 1 (long only): 10042. */
  longOnly: 'EURUSD.lng',
  /** Trade mode 2 (short only): 10043. */
  shortOnly: 'EURUSD.sht',
  /** Trade mode 3 (close only): 10044. */
  closeOnly: 'EURUSD.clo',
  /** Only GTC allowed (time flags 1): 10022. */
  gtcOnly: 'EURUSD.gtc',
  /** Only IOC filling (fill flags 2): FOK gives 10030. */
  iocOnly: 'EURUSD.ioc',
  /** Market + limit + SL/TP only: stop, stop-limit and close-by give 10035. */
  limitOnly: 'EURUSD.lim',
  /** Volume limit 0.5 lots per direction: 10034. */
  capped: 'EURUSD.cap',
  /** Liquidity 0.1 lot per fill, FOK allowed: FOK above it gives 10006. */
  thin: 'EURUSD.thn',
  /** Instant execution: a stale price beyond the deviation gives a requote (10004). */
  instant: 'EURUSD.ins',
  /** Stops level 50 points. */
  stops: 'EURUSD.stp',
  /** Volume 0.1 … 5 lots, step 0.1. */
  coarse: 'EURUSD.crs',
  /** Open every day (ALWAYS_OPEN sessions are tested through this symbol). */
  always: 'EURUSD.all',
} as const

/** The default broker plus the special symbols and accounts (and `extra` symbols). */
export function tradingBroker(extra: readonly SymbolConfig[] = []): BrokerConfig {
  const base = defaultBroker()
  const always = Array.from({ length: 7 }, () => [{ open: 0, close: 1440 }])
  base.symbols.push(
    ...extra,
    eur(SPECIAL.disabled, { tradeMode: 0 }),
    eur(SPECIAL.longOnly, { tradeMode: 1 }),
    eur(SPECIAL.shortOnly, { tradeMode: 2 }),
    eur(SPECIAL.closeOnly, { tradeMode: 3 }),
    eur(SPECIAL.gtcOnly, { timeFlags: 1 }),
    eur(SPECIAL.iocOnly, { fillFlags: 2 }),
    eur(SPECIAL.limitOnly, { orderFlags: 1 | 2 | 16 | 32 }),
    eur(SPECIAL.capped, { volumeLimit: 0.5 }),
    eur(SPECIAL.thin, { maxFillVolume: 0.1, fillFlags: 1 | 2 }),
    eur(SPECIAL.instant, { exemode: 1, fillFlags: 1 }),
    eur(SPECIAL.stops, { stopsLevel: 50 }),
    eur(SPECIAL.coarse, { volumeMin: 0.1, volumeMax: 5, volumeStep: 0.1 }),
    eur(SPECIAL.always, { tradeSessions: always, quoteSessions: always }),
  )
  base.accounts.push(
    defineAccount({ login: POOR, name: 'Poor', balance: 100 }),
    defineAccount({ login: TWO_PENDING, name: 'Two pending', maxPendingOrders: 2 }),
  )
  return base
}

/** A running simulator + client. */
export interface TradingEnv {
  sim: SimServer
  clock: ManualClock
  client: ReturnType<typeof makeTradingClient>
  /** Sets a price and waits until the client has seen the tick. */
  price(symbol: string, bid: number, ask: number): Promise<void>
  /** Number of client trade requests the simulator executed (its trade log). */
  trades(): number
  /** Runs `fn` right after the simulator executes the next trade (before its pushes and cmd 19 result). */
  afterNextTrade(fn: () => void): void
  close(): Promise<void>
}

/**
 * Starts the simulator on an ephemeral port with a manual clock at `startMs` (default Wednesday
 * noon), quotes `symbols` (EURUSD 1.085/1.0852-like by default) and logs in `login`.
 */
export async function startTrading(
  options: {
    login?: number
    startMs?: number
    quotes?: Record<string, [number, number]>
    client?: Partial<ClientOptions>
    /** Symbols added to the broker (e.g. a cross such as EURGBP). */
    symbols?: readonly SymbolConfig[]
  } = {},
): Promise<TradingEnv> {
  const clock = createManualClock(options.startMs ?? WEDNESDAY_NOON)
  let trades = 0
  let hook: (() => void) | undefined
  const sim = await createSimServer({
    port: 0,
    host: '127.0.0.1',
    clock,
    brokers: [tradingBroker(options.symbols)],
    historyDays: 1,
    log: (event) => {
      if (event !== 'trade') return
      trades++
      const fn = hook
      hook = undefined
      fn?.()
    },
  })
  const quotes = options.quotes ?? { EURUSD: [1.085, 1.0852] }
  for (const [s, [bid, ask]] of Object.entries(quotes)) sim.control.setPrice(s, bid, ask)
  const client = makeTradingClient(sim.url(), {
    login: options.login ?? HEDGING,
    ...options.client,
  })
  await client.connect()
  const names = Object.keys(quotes)
  await client.subscribeTicks(names)
  await until(() => names.every((n) => client.lastTick(n) !== undefined))
  return {
    sim,
    clock,
    client,
    async price(symbol, bid, ask) {
      sim.control.setPrice(symbol, bid, ask)
      await until(() => {
        const t = client.lastTick(symbol)
        return t !== undefined && t.bid === bid && t.ask === ask
      })
    },
    trades: () => trades,
    afterNextTrade(fn) {
      hook = fn
    },
    async close() {
      await client.close().catch(() => undefined)
      await sim.close()
    },
  }
}

/**
 * Loads the symbol specification, account and quotes the trade helpers need (one order check), so
 * that a fault injected afterwards hits the trade itself.
 */
export async function warm(env: TradingEnv, symbol = 'EURUSD'): Promise<void> {
  const check = await env.client.orderCheck({ action: 1, symbol, type: 0, volume: 0.01 })
  if (check.retcode !== 0) throw new Error(`warm-up order check of ${symbol} failed: ${check.retcode}`)
}

/**
 * A USD account quoting a direct pair (EURUSD), a yen pair (USDJPY, profit converted through its
 * own quote) and a cross (EURGBP, added to the broker, converted through GBPUSD).
 */
export function startCrossTrading(eurusd: [number, number] = [1.085, 1.0852]): Promise<TradingEnv> {
  return startTrading({
    symbols: [defineSymbol({ name: 'EURGBP', initialBid: 0.855 })],
    quotes: { EURUSD: eurusd, USDJPY: [150, 150.02], GBPUSD: [1.27, 1.2702], EURGBP: [0.855, 0.8552] },
  })
}

/** The rejection a promise ends with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection, the promise resolved')
}
