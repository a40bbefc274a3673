/**
 * cmd 8 / cmd 23 decoding of the `marketData` module. When the module is installed the push
 * handlers leave these two commands to it (`pushHandlers` checks `client.state.modules`), and the
 * decorator feeds `tick` / `book` events from here.
 *
 * @internal
 */

import { toFullSymbolInfo } from '../actions/market/fullSymbolInfo.js'
import type { BaseClient } from '../client/types.js'
import { decodeBook, unscaleBook } from '../codec/messages/book.js'
import { decodeFullSymbolPush } from '../codec/messages/fullSymbols.js'
import { pointOf, roundToDigits } from '../codec/scale.js'
import type { TradeSettings } from '../codec/schemas/tradeSettings.js'
import { toLots } from '../model/lots.js'
import type { Book, Tick } from '../model/types.js'
import { effectiveSettings } from '../tradeRules/effectiveSettings.js'
import { applyBookLevels, createStoredBook } from './orderBook.js'
import { type MarketDataState, marketState, type SpreadDiff } from './state.js'

/** What the spread difference needs from a cached full specification. */
interface FullSpec {
  readonly digits: number
  readonly point: number
  readonly trade: TradeSettings
}

/**
 * The effective spread difference of a symbol whose full specification is cached (its own `trade`
 * block under the account's group overrides), recomputed only when either input changes.
 */
function spreadDiffOf(state: MarketDataState, id: number, full: FullSpec): SpreadDiff {
  const cached = state.spreadDiffs.get(id)
  if (cached && cached.full === full && cached.overrides === state.tradeOverrides) return cached
  const trade = state.tradeOverrides ? effectiveSettings(full.trade, state.tradeOverrides) : full.trade
  const entry: SpreadDiff = {
    full,
    overrides: state.tradeOverrides,
    spreadDiff: trade.spreadDiff,
    spreadDiffBalance: trade.spreadDiffBalance,
    point: full.point > 0 ? full.point : pointOf(full.digits),
  }
  state.spreadDiffs.set(id, entry)
  return entry
}

// Module local, not the imported binding (per-tick path; see bench/RESULTS.md, "Codec").
const round = roundToDigits

/** Bid and ask of the last {@link spreadAdjusted} call (module scratch: no object per tick). */
let adjustedBid = 0
let adjustedAsk = 0

/**
 * Widens (or narrows) `bid`/`ask` by the spread difference, official formula
 * (docs/architecture.md#ticks), into {@link adjustedBid} / {@link adjustedAsk}. The carried raw
 * quotes stay unchanged, so a later partial tick is not widened twice. Returns `false` when the
 * adjusted bid ends above the adjusted ask (the tick is dropped).
 */
function spreadAdjusted(bid: number, ask: number, diff: SpreadDiff, digits: number): boolean {
  const { spreadDiff, spreadDiffBalance, point } = diff
  adjustedBid = bid
  adjustedAsk = ask
  if (spreadDiff === 0 || bid === 0 || ask === 0) return true
  const spreadPoints = Math.round((ask - bid) / point + spreadDiff)
  const half = spreadDiff - Math.trunc(spreadDiff / 2)
  const shift = spreadDiff > 0 ? half - spreadDiffBalance : half + spreadDiffBalance
  adjustedBid = round(bid - point * shift, digits)
  adjustedAsk = round(adjustedBid + point * spreadPoints, digits)
  return adjustedBid <= adjustedAsk
}

/** Shared by pushes that nobody listens to (never written to). */
const NO_TICKS: readonly Tick[] = Object.freeze([])

/**
 * Handles a cmd 8 body: 50-byte Tick records back to back, a shorter tail ignored (see
 * `codec/messages/ticks.ts`). Ticks of unknown ids are skipped; the rest are merged straight from
 * the record into the symbol's carry (`TickState.applyRecordToCarry`: prices unscaled with the
 * cached digits, stale ticks dropped, absent values carried forward), the spread difference of
 * symbols whose full specification is cached is applied (group overrides included;
 * docs/architecture.md#ticks), and the ticks are stored in the tick cache. With `materialize` (a
 * `tick` listener exists) they are also returned as fresh `Tick` objects (the caller emits `tick`
 * for each; no tick is modified after it is returned); without, nothing is allocated per tick and
 * the result is empty. Never throws.
 */
export function decodeTickPush(client: BaseClient, body: Uint8Array, materialize = true): readonly Tick[] {
  const state = marketState(client)
  const { symbols, tickState, full, ticks } = state
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const end = body.byteLength - 50
  const out: Tick[] | undefined = materialize ? [] : undefined
  // No full specification cached (the common case): no name lookup per tick.
  const specs = full.size > 0
  for (let o = 0; o <= end; o += 50) {
    const info = symbols.byId(view.getUint32(o, true))
    if (!info) continue
    const carry = tickState.applyRecordToCarry(view, o, info.digits)
    if (!carry) continue
    let bid = carry.bid
    let ask = carry.ask
    const spec = specs ? (full.get(info.name) as FullSpec | undefined) : undefined
    if (spec !== undefined) {
      if (!spreadAdjusted(bid, ask, spreadDiffOf(state, info.id, spec), info.digits)) continue
      bid = adjustedBid
      ask = adjustedAsk
    }
    const { timeMs, last, volume, fields, flags } = carry
    // The carry keeps its ring: the cache checks it is still valid and skips its lookup.
    carry.ring = ticks.pushValues(
      carry.ring,
      info.id,
      info.name,
      timeMs,
      bid,
      ask,
      last,
      volume,
      fields,
      flags,
    )
    // Same shape and order as TickState's ticks (one hidden class for every `Tick`).
    out?.push({ symbol: info.name, symbolId: info.id, timeMs, bid, ask, last, volume, fields, flags })
  }
  return out ?? NO_TICKS
}

/**
 * Handles a cmd 13 body (docs/architecture.md#commands, cmd 13: the official client merges each record into
 * its
 * store): every full specification replaces the cached one (`fullSymbolInfo`, the spread
 * difference of ticks), and the name and digits of a listed symbol are updated in the symbol cache
 * and the shared id map. Throws `ProtocolError` on a malformed body.
 */
export function mergeSymbolPush(client: BaseClient, body: Uint8Array): void {
  const state = marketState(client)
  for (const record of decodeFullSymbolPush(body)) {
    const full = toFullSymbolInfo(record)
    const previous = state.symbols.byId(full.id)
    if (previous && previous.name !== full.name) state.full.delete(previous.name)
    state.full.set(full.name, full)
    state.symbols.merge(full.id, { name: full.name, digits: full.digits })
    client.state.symbolsById.set(full.id, { name: full.name, digits: full.digits })
  }
}

/**
 * Handles a cmd 23 body: applies each entry to the stored book of its symbol (`booksFlags & 2`
 * clears it first; volume 0 removes a level) and returns the updated snapshots (the caller emits
 * `book` for each). Books are kept only for subscribed symbols: entries of other ids (unknown, or
 * late after an unsubscribe) are skipped. Throws `ProtocolError` on a malformed body.
 */
export function decodeBookPush(client: BaseClient, body: Uint8Array): Book[] {
  const state = marketState(client)
  const out: Book[] = []
  for (const entry of decodeBook(body)) {
    const info = state.symbols.byId(entry.symbolId)
    if (!info || !state.bookSubs.has(info.id)) continue
    const update = unscaleBook(entry, info.digits)
    let levels = state.bookLevels.get(entry.symbolId)
    if (!levels || update.clear) {
      levels = createStoredBook()
      state.bookLevels.set(entry.symbolId, levels)
    }
    try {
      applyBookLevels(levels, update, toLots, info.name)
    } catch (error) {
      // past its bound the stored book cannot be trusted: drop it (and free it)
      state.bookLevels.delete(entry.symbolId)
      state.books.delete(info.id)
      throw error
    }
    const book: Book = {
      symbol: info.name,
      symbolId: info.id,
      timeMs: entry.booksTime * 1000 + entry.timeMsc,
      bids: levels.bids.snapshot(),
      asks: levels.asks.snapshot(),
    }
    state.books.set(info.id, book)
    out.push(book)
  }
  return out
}
