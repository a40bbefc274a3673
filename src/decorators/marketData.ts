/**
 * The `marketData` feature: symbols, specifications, bars, tick and book subscriptions, the tick
 * cache. `createBaseClient(o).extend(marketDataActions)`.
 *
 * The decorator owns cmd 8 / cmd 23: it decodes them (symbol names, unscaled prices, carry-forward,
 * stale-tick dropping), fills the tick cache and the latest books, and emits `tick` / `book`
 * (`pushHandlers` skips these two commands when this module is installed).
 */

import { clearTickCache } from '../actions/market/clearTickCache.js'
import { type FullSymbolInfo, fullSymbolInfo } from '../actions/market/fullSymbolInfo.js'
import { invalidateSymbols } from '../actions/market/invalidateSymbols.js'
import { lastBook } from '../actions/market/lastBook.js'
import { lastTick } from '../actions/market/lastTick.js'
import { type LoadSymbolsParameters, loadSymbols } from '../actions/market/loadSymbols.js'
import { quote } from '../actions/market/quote.js'
import { type Bar, type RatesOptions, rates, type TimeframeInput } from '../actions/market/rates.js'
import { type Spread, type SpreadsParameters, spreads } from '../actions/market/spreads.js'
import { subscribeBook } from '../actions/market/subscribeBook.js'
import {
  type SubscribeTicksOptions,
  type SymbolsInput,
  subscribeTicks,
  type TickSubscription,
  type Unsubscribe,
} from '../actions/market/subscribeTicks.js'
import { symbol } from '../actions/market/symbol.js'
import { symbolGroups } from '../actions/market/symbolGroups.js'
import { symbols } from '../actions/market/symbols.js'
import { type TickCacheStats, tickCacheStats } from '../actions/market/tickCacheStats.js'
import { type TicksOptions, ticks } from '../actions/market/ticks.js'
import { ticksFrom } from '../actions/market/ticksFrom.js'
import { ticksRange } from '../actions/market/ticksRange.js'
import { unsubscribeBook } from '../actions/market/unsubscribeBook.js'
import { unsubscribeTicks } from '../actions/market/unsubscribeTicks.js'
import type { BaseClient, RequestOptions } from '../client/types.js'
import { decodeAccount } from '../codec/messages/account.js'
import { decodeBookPush, decodeTickPush, mergeSymbolPush } from '../marketState/push.js'
import { sharedTradeSettings } from '../marketState/sharedTradeSettings.js'
import { type MarketDataState, marketState } from '../marketState/state.js'
import type { Book, SymbolInfo, Tick } from '../model/types.js'
import { Command } from '../protocol/commands.js'
import { bindMethods, type Methods } from './methods.js'

/** Market-data methods of a client. */
export interface MarketDataActions {
  /** Loads (or returns the fresh cached) symbol list. See {@link loadSymbols}. */
  loadSymbols(params?: LoadSymbolsParameters): Promise<SymbolInfo[]>
  /** Marks the symbol cache stale. See {@link invalidateSymbols}. */
  invalidateSymbols(): void
  /** A symbol by name. See {@link symbol}. */
  symbol(name: string): Promise<SymbolInfo>
  /** Every symbol. See {@link symbols}. */
  symbols(): Promise<SymbolInfo[]>
  /** Symbol group paths. See {@link symbolGroups}. */
  symbolGroups(): Promise<string[]>
  /** Full specification of a symbol. See {@link fullSymbolInfo}. */
  fullSymbolInfo(name: string): Promise<FullSymbolInfo>
  /** Spread instruments. See {@link spreads}. */
  spreads(params?: SpreadsParameters): Promise<Spread[]>
  /** OHLC bars. See {@link rates}. */
  rates(
    symbol: string,
    timeframe: TimeframeInput,
    from: Date | number,
    to: Date | number,
    options?: RatesOptions,
  ): Promise<Bar[]>
  /** Adds symbols to the tick subscription (`skipUnknown` to skip unknown names). See {@link subscribeTicks}. */
  subscribeTicks(symbols: SymbolsInput, options?: SubscribeTicksOptions): Promise<TickSubscription>
  /** Removes symbols from the tick subscription. See {@link unsubscribeTicks}. */
  unsubscribeTicks(symbols?: SymbolsInput): Promise<void>
  /** Adds symbols to the book subscription. See {@link subscribeBook}. */
  subscribeBook(symbols: SymbolsInput): Promise<Unsubscribe>
  /** Removes symbols from the book subscription. See {@link unsubscribeBook}. */
  unsubscribeBook(symbols?: SymbolsInput): Promise<void>
  /** Latest cached tick. See {@link lastTick}. */
  lastTick(symbol: string): Tick | undefined
  /** The current quote, one-shot (subscribes briefly when needed). See {@link quote}. */
  quote(symbol: string, options?: RequestOptions): Promise<Tick>
  /** Tick cache figures. See {@link tickCacheStats}. */
  tickCacheStats(): TickCacheStats
  /** Forgets cached ticks of one symbol or all. See {@link clearTickCache}. */
  clearTickCache(symbol?: string): number
  /** Cached ticks from a time. See {@link ticksFrom}. */
  ticksFrom(symbol: string, fromMs: number, count: number): Tick[]
  /** Cached ticks in a range. See {@link ticksRange}. */
  ticksRange(symbol: string, fromMs: number, toMs: number): Tick[]
  /** Latest book. See {@link lastBook}. */
  lastBook(symbol: string): Book | undefined
  /** Async iterator of ticks. See {@link ticks}. */
  ticks(symbols: SymbolsInput, options?: TicksOptions): AsyncGenerator<Tick, void, undefined>
}

/** Module key marking that the frame listeners are registered. */
const LISTENERS_KEY = 'marketData.listeners'

/** The methods of {@link marketDataActions}, shared by every client of `createClient` (see `./methods.ts`). */
export const marketDataMethods: Methods<MarketDataActions> = {
  loadSymbols(params) {
    return loadSymbols(this, params)
  },
  invalidateSymbols() {
    return invalidateSymbols(this)
  },
  symbol(name) {
    return symbol(this, name)
  },
  symbols() {
    return symbols(this)
  },
  symbolGroups() {
    return symbolGroups(this)
  },
  fullSymbolInfo(name) {
    return fullSymbolInfo(this, name)
  },
  spreads(params) {
    return spreads(this, params)
  },
  rates(s, timeframe, from, to, options) {
    return rates(this, s, timeframe, from, to, options)
  },
  subscribeTicks(s, o) {
    return subscribeTicks(this, s, o)
  },
  unsubscribeTicks(s) {
    return unsubscribeTicks(this, s)
  },
  subscribeBook(s) {
    return subscribeBook(this, s)
  },
  unsubscribeBook(s) {
    return unsubscribeBook(this, s)
  },
  lastTick(s) {
    return lastTick(this, s)
  },
  quote(s, o) {
    return quote(this, s, o)
  },
  tickCacheStats() {
    return tickCacheStats(this)
  },
  clearTickCache(s) {
    return clearTickCache(this, s)
  },
  ticksFrom(s, fromMs, count) {
    return ticksFrom(this, s, fromMs, count)
  },
  ticksRange(s, fromMs, toMs) {
    return ticksRange(this, s, fromMs, toMs)
  },
  lastBook(s) {
    return lastBook(this, s)
  },
  ticks(s, options) {
    return ticks(this, s, options)
  },
}

/**
 * Installs the module on `client` (its state and frame listeners), once: applying it again does
 * nothing (no duplicate `tick` / `book` events). `createClient` then takes the methods from
 * {@link marketDataMethods}.
 */
export function installMarketData(client: BaseClient): void {
  const state = marketState(client)
  const emit = (event: 'tick' | 'book' | 'error', value: unknown): void => {
    try {
      ;(client.events.emit as (e: string, v: unknown) => boolean)(event, value)
    } catch (error) {
      if (event !== 'error') emit('error', error instanceof Error ? error : new Error(String(error)))
    }
  }
  // Frame listeners once per client: applying the decorator again only returns the methods.
  if (!client.state.modules.has(LISTENERS_KEY)) {
    client.state.modules.set(LISTENERS_KEY, true)
    registerListeners(client, state, emit)
  }
}

/**
 * Market-data decorator: `createBaseClient(options).extend(marketDataActions)`. Applying it twice
 * registers its frame listeners once (no duplicate `tick` / `book` events).
 */
export function marketDataActions(client: BaseClient): MarketDataActions {
  installMarketData(client)
  return bindMethods(client, marketDataMethods)
}

/** Registers the cmd 8 / 23 / 3 / 14 / 13 frame listeners of the module (once per client). */
function registerListeners(
  client: BaseClient,
  state: MarketDataState,
  emit: (event: 'tick' | 'book' | 'error', value: unknown) => void,
): void {
  const events = client.events
  client.onFrame(Command.ticks, (body) => {
    // Nobody listening (a pool's or a copier's client): the ticks go to the cache, no `Tick` objects.
    const ticks = decodeTickPush(client, body, events.listenerCount('tick') > 0)
    // One try per push, not a wrapper call per tick. A listener added to `client.events` directly
    // may throw: that is reported and the loop resumes with the next tick.
    let i = 0
    while (i < ticks.length) {
      try {
        for (; i < ticks.length; i++) events.emit('tick', ticks[i]!)
      } catch (error) {
        i++
        emit('error', error instanceof Error ? error : new Error(String(error)))
      }
    }
  })
  // The account's group overrides feed the spread difference of ticks, its symbolsCount the choice
  // of cmd 34 / cmd 6 (cmd 3 replies and cmd 14 pushes both reach frame listeners).
  const onAccount = (body: Uint8Array): void => {
    try {
      const block = decodeAccount(body)
      state.tradeOverrides = sharedTradeSettings(body, block.tradeSettings)
      state.symbolsCount = block.symbolsCount
    } catch (error) {
      emit('error', error instanceof Error ? error : new Error(String(error)))
    }
  }
  client.onFrame(Command.account, onAccount)
  client.onFrame(Command.accountUpdate, onAccount)
  client.onFrame(Command.book, (body) => {
    let books: Book[]
    try {
      books = decodeBookPush(client, body)
    } catch (error) {
      emit('error', error instanceof Error ? error : new Error(String(error)))
      return
    }
    for (const book of books) emit('book', book)
  })
  client.onFrame(Command.symbolUpdate, (body) => {
    try {
      mergeSymbolPush(client, body)
    } catch (error) {
      emit('error', error instanceof Error ? error : new Error(String(error)))
    }
  })
}
