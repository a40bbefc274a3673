/**
 * Per-client state of the `marketData` module (`client.state.modules.get('marketData')`): symbol
 * cache, full-specification cache, tick and book subscription sets, tick carry-forward state, tick
 * history and the latest books. Also the push entry points the client's push handlers call for
 * cmd 8 and cmd 23 ({@link decodeTickPush}, {@link decodeBookPush}) and {@link symbolById}.
 *
 * @internal
 */
import { type BookEntry, decodeBook, unscaleBook } from '../codec/messages/book.js'
import { decodeTicks } from '../codec/messages/ticks.js'
import type { BaseClient } from '../client/types.js'
import type { Book, BookLevel, SymbolInfo, Tick } from '../model/types.js'
import { Command } from '../protocol/commands.js'
import { encodeSymbolIdList } from '../codec/messages/symbolIdList.js'
import { toLots } from './lots.js'
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
  readonly tickState: TickState
  /** Latest book per symbol id, levels keyed by price. */
  readonly books: Map<number, { bids: Map<number, number>; asks: Map<number, number>; book: Book }>
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
    ticks: new TickCache({ capacity: Math.max(1, size) }),
    tickState: new TickState(),
    books: new Map(),
  }
  client.state.modules.set(MARKET_DATA_MODULE, state)
  // Replay the subscription sets after every re-login (the new session starts with none).
  client.state.afterLogin.push(async () => {
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

/**
 * Handles a cmd 8 body: decodes it with the cached digits (unknown ids are skipped), drops stale
 * ticks, carries absent values forward, stores the ticks in the tick cache and returns them (the
 * caller emits `tick` for each). Never throws.
 */
export function decodeTickPush(client: BaseClient, body: Uint8Array): Tick[] {
  const state = marketState(client)
  const out: Tick[] = []
  for (const decoded of decodeTicks(body, (id) => state.symbols.byId(id)?.digits)) {
    const info = state.symbols.byId(decoded.symbolId)
    if (!info) continue
    const tick = state.tickState.apply(decoded, info.name)
    if (!tick) continue
    state.ticks.push(tick)
    out.push(tick)
  }
  return out
}

function sortedLevels(levels: Map<number, number>, descending: boolean): BookLevel[] {
  const out: BookLevel[] = []
  for (const [price, volume] of levels) out.push({ price, volume })
  out.sort((a, b) => (descending ? b.price - a.price : a.price - b.price))
  return out
}

/**
 * Handles a cmd 23 body: applies each entry to the stored book of its symbol (`booksFlags & 2`
 * clears it first; volume 0 removes a level), and returns the updated snapshots (the caller emits
 * `book` for each). Unknown symbol ids are skipped. Throws `ProtocolError` on a malformed body.
 */
export function decodeBookPush(client: BaseClient, body: Uint8Array): Book[] {
  const state = marketState(client)
  return decodeBook(body).flatMap((entry) => applyBookEntry(state, entry) ?? [])
}

function applyBookEntry(state: MarketDataState, entry: BookEntry): Book | undefined {
  const info = state.symbols.byId(entry.symbolId)
  if (!info) return undefined
  const update = unscaleBook(entry, info.digits)
  let stored = state.books.get(entry.symbolId)
  if (!stored || update.clear) {
    stored = {
      bids: new Map(),
      asks: new Map(),
      book: { symbol: info.name, symbolId: info.id, timeMs: 0, bids: [], asks: [] },
    }
    state.books.set(entry.symbolId, stored)
  }
  for (const [side, quotes] of [
    [stored.bids, update.bids],
    [stored.asks, update.asks],
  ] as const) {
    for (const quote of quotes) {
      if (quote.volume === 0n) side.delete(quote.price)
      else side.set(quote.price, toLots(quote.volume))
    }
  }
  stored.book = {
    symbol: info.name,
    symbolId: info.id,
    timeMs: entry.booksTime * 1000 + entry.timeMsc,
    bids: sortedLevels(stored.bids, true),
    asks: sortedLevels(stored.asks, false),
  }
  return stored.book
}
