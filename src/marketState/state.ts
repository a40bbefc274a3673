/**
 * Per-client state of the `marketData` module (`client.state.modules.get('marketData')`): symbol
 * cache, full-specification cache, tick and book subscription sets, tick history and the latest
 * books. cmd 8 / cmd 23 are decoded by `./push.ts` (the push handlers leave them to this module).
 *
 * @internal
 */
import type { BaseClient } from '../client/types.js'
import { encodeSymbolIdList } from '../codec/messages/symbolIdList.js'
import type { TradeSettings } from '../codec/schemas/tradeSettings.js'
import type { Book, SymbolInfo } from '../model/types.js'
import { Command } from '../protocol/commands.js'
import type { StoredBook } from './orderBook.js'
import { SubscriptionSet } from './subscriptionSet.js'
import { SymbolCache } from './symbolCache.js'
import { TickCache } from './tickCache.js'
import { TickState } from './tickState.js'

/** Module key in `client.state.modules`. */
export const MARKET_DATA_MODULE = 'marketData'

/** Default ticks kept per symbol. */
export const DEFAULT_TICK_CACHE_SIZE = 1_000

/** State of the `marketData` module. @internal */
export interface MarketDataState {
  readonly symbols: SymbolCache
  /** In-flight symbol-list load, shared by concurrent callers. */
  loading: Promise<SymbolInfo[]> | undefined
  /** Full specifications by symbol name (see `fullSymbolInfo`). */
  readonly full: Map<string, unknown>
  readonly tickSubs: SubscriptionSet
  readonly bookSubs: SubscriptionSet
  /** Serialises cmd 7 sends so the last one sent is the latest set. */
  tickSend: Promise<void>
  /** Serialises cmd 22 sends. */
  bookSend: Promise<void>
  readonly ticks: TickCache
  /** Carry-forward and stale-tick state of cmd 8. */
  readonly tickState: TickState
  /** Latest book per subscribed symbol id. */
  readonly books: Map<number, Book>
  /** Stored book levels (price → lots) per symbol id, updated by cmd 23. */
  readonly bookLevels: Map<number, StoredBook>
  /** The account's `symbolsCount` (cmd 3 / cmd 14), once seen: picks cmd 34 (> 256) or cmd 6. */
  symbolsCount: number | undefined
  /** The account's trade-settings blocks (group overrides, cmd 3 / cmd 14), once seen. */
  tradeOverrides: readonly TradeSettings[] | undefined
  /** Effective spread difference per symbol id, derived from `full` and `tradeOverrides`. */
  readonly spreadDiffs: Map<number, SpreadDiff>
}

/** A symbol's effective spread difference, cached with the inputs it was derived from. @internal */
export interface SpreadDiff {
  readonly full: unknown
  readonly overrides: readonly TradeSettings[] | undefined
  readonly spreadDiff: number
  readonly spreadDiffBalance: number
  readonly point: number
}

/** Returns (creating on first use) the market-data state of `client`. @internal */
export function marketState(client: BaseClient): MarketDataState {
  const existing = client.state.modules.get(MARKET_DATA_MODULE) as MarketDataState | undefined
  if (existing) return existing
  const size = client.options.tickCacheSize ?? DEFAULT_TICK_CACHE_SIZE
  const state: MarketDataState = {
    symbols: new SymbolCache(client.options.symbolCacheTtlMs ?? 0),
    loading: undefined,
    full: new Map(),
    tickSubs: new SubscriptionSet(),
    bookSubs: new SubscriptionSet(),
    tickSend: Promise.resolve(),
    bookSend: Promise.resolve(),
    // tickCacheSize 0 keeps only the last tick per symbol.
    ticks: new TickCache({ capacity: Math.max(1, size), maxSymbols: client.options.tickCacheSymbols ?? 0 }),
    tickState: new TickState(),
    books: new Map(),
    bookLevels: new Map(),
    symbolsCount: undefined,
    tradeOverrides: undefined,
    spreadDiffs: new Map(),
  }
  client.state.modules.set(MARKET_DATA_MODULE, state)
  // Replay the subscription sets after every re-login (the new session starts with none). The
  // books of the old session are dropped first: the new one sends fresh snapshots, and a level
  // left from before must not merge with them.
  client.state.afterLogin.push(async () => {
    state.bookLevels.clear()
    state.books.clear()
    if (state.tickSubs.size > 0) await sendTickSet(client, state)
    if (state.bookSubs.size > 0) await sendBookSet(client, state)
  })
  return state
}

/** The cached symbol with id `id`, if the list is loaded. Used by the push handlers. */
export function symbolById(client: BaseClient, id: number): SymbolInfo | undefined {
  return marketState(client).symbols.byId(id)
}

/** Sends the whole tick subscription set (cmd 7 replaces the server's set). @internal */
export function sendTickSet(client: BaseClient, state: MarketDataState): Promise<void> {
  const run = state.tickSend.then(
    () => undefined,
    () => undefined,
  )
  const next = run.then(async () => {
    await client.request(Command.subscribeTicks, encodeSymbolIdList(state.tickSubs.ids()), { timeoutMs: 0 })
  })
  state.tickSend = next.catch(() => undefined)
  return next
}

/** Sends the whole book subscription set (cmd 22 replaces the server's set). @internal */
export function sendBookSet(client: BaseClient, state: MarketDataState): Promise<void> {
  const run = state.bookSend.then(
    () => undefined,
    () => undefined,
  )
  const next = run.then(async () => {
    await client.request(Command.subscribeBook, encodeSymbolIdList(state.bookSubs.ids()), { timeoutMs: 0 })
  })
  state.bookSend = next.catch(() => undefined)
  return next
}
