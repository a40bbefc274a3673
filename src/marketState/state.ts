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

/** A settled promise to chain the first cmd 7 / cmd 22 send on (shared: it is never resolved again). */
const SETTLED: Promise<void> = Promise.resolve()

/**
 * The module state with every collection created on first use: an idle logged-in client (no
 * symbols loaded, nothing subscribed) keeps none of them (issue #12, memory per connection).
 * @internal
 */
class LazyMarketDataState implements MarketDataState {
  loading: Promise<SymbolInfo[]> | undefined = undefined
  tickSend: Promise<void> = SETTLED
  bookSend: Promise<void> = SETTLED
  symbolsCount: number | undefined = undefined
  tradeOverrides: readonly TradeSettings[] | undefined = undefined
  #symbols: SymbolCache | undefined
  #full: Map<string, unknown> | undefined
  #tickSubs: SubscriptionSet | undefined
  #bookSubs: SubscriptionSet | undefined
  #ticks: TickCache | undefined
  #tickState: TickState | undefined
  #books: Map<number, Book> | undefined
  #bookLevels: Map<number, StoredBook> | undefined
  #spreadDiffs: Map<number, SpreadDiff> | undefined
  readonly #options: BaseClient['options']

  constructor(options: BaseClient['options']) {
    this.#options = options
  }

  get symbols(): SymbolCache {
    this.#symbols ??= new SymbolCache(this.#options.symbolCacheTtlMs ?? 0)
    return this.#symbols
  }

  get full(): Map<string, unknown> {
    this.#full ??= new Map()
    return this.#full
  }

  get tickSubs(): SubscriptionSet {
    this.#tickSubs ??= new SubscriptionSet()
    return this.#tickSubs
  }

  get bookSubs(): SubscriptionSet {
    this.#bookSubs ??= new SubscriptionSet()
    return this.#bookSubs
  }

  get ticks(): TickCache {
    if (this.#ticks === undefined) {
      const size = this.#options.tickCacheSize ?? DEFAULT_TICK_CACHE_SIZE
      // tickCacheSize 0 keeps only the last tick per symbol.
      this.#ticks = new TickCache({
        capacity: Math.max(1, size),
        maxSymbols: this.#options.tickCacheSymbols ?? 0,
      })
    }
    return this.#ticks
  }

  get tickState(): TickState {
    this.#tickState ??= new TickState()
    return this.#tickState
  }

  get books(): Map<number, Book> {
    this.#books ??= new Map()
    return this.#books
  }

  get bookLevels(): Map<number, StoredBook> {
    this.#bookLevels ??= new Map()
    return this.#bookLevels
  }

  get spreadDiffs(): Map<number, SpreadDiff> {
    this.#spreadDiffs ??= new Map()
    return this.#spreadDiffs
  }

  /** After a re-login: the old session's books go (without creating the maps); subscriptions replayed. */
  async relogin(client: BaseClient): Promise<void> {
    this.#bookLevels?.clear()
    this.#books?.clear()
    if (this.#tickSubs !== undefined && this.#tickSubs.size > 0) await sendTickSet(client, this)
    if (this.#bookSubs !== undefined && this.#bookSubs.size > 0) await sendBookSet(client, this)
  }
}

/** Returns (creating on first use) the market-data state of `client`. @internal */
export function marketState(client: BaseClient): MarketDataState {
  const existing = client.state.modules.get(MARKET_DATA_MODULE) as MarketDataState | undefined
  if (existing) return existing
  const state = new LazyMarketDataState(client.options)
  client.state.modules.set(MARKET_DATA_MODULE, state)
  // Replay the subscription sets after every re-login (the new session starts with none). The
  // books of the old session are dropped first: the new one sends fresh snapshots, and a level
  // left from before must not merge with them.
  client.state.afterLogin.push(() => state.relogin(client))
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
