/**
 * Per-client state of the trading module (`client.state.modules.get('trading')`) and the lookups
 * trading needs from the rest of the client: symbol specifications and last ticks come from the
 * marketData module (`fullSymbolInfo`, `lastTick`, `subscribeTicks`, looked up at run time so the
 * modules stay independent); the account block (cmd 3, refreshed by cmd 14) is read here directly
 * because its group overrides feed the effective settings.
 *
 * @internal
 */

import { reportClientError } from '../client/reportError.js'
import type { BaseClient, RequestOptions } from '../client/types.js'
import { type AccountBlock, decodeAccount } from '../codec/messages/account.js'
import { accountMainSchema } from '../codec/schemas/accountMain.js'
import type { FullSymbolRecord } from '../codec/schemas/fullSymbol.js'
import { type TradeSettings, tradeSettingsSchema } from '../codec/schemas/tradeSettings.js'
import { SymbolNotFoundError, ValidationError } from '../errors.js'
import { sharedTradeSettings } from '../marketState/sharedTradeSettings.js'
import type { Tick } from '../model/types.js'
import type { RateSource, RateSymbol } from '../tradeRules/crossRates.js'
import { type SymbolSpec, toSymbolSpec } from '../tradeRules/symbolSpec.js'

/** First `actionId` of a session (official counter). */
export const FIRST_ACTION_ID = 1000

/** @internal */
export interface TradeWaiter {
  resolve(body: Uint8Array): void
}

/** @internal */
export interface TradingState {
  nextActionId: number
  /** Waiters for cmd 19 pushes, by `actionId`. */
  waiters: Map<number, TradeWaiter>
  /** cmd 19 bodies that arrived for an id nobody waited for yet (bounded). */
  early: Map<number, Uint8Array>
  /**
   * Deal and order tickets already reported as the result of one of this client's requests
   * (bounded): a timeout lookup must never attribute them to another request.
   */
  attributed: Set<bigint>
  account: AccountBlock | undefined
  /** The body `account` was decoded from (a copy), to recognise an unchanged cmd 14. */
  accountBody: Uint8Array | undefined
  specs: Map<string, SymbolSpec>
  disposers: Array<() => void>
}

/** What trading optionally uses from the marketData module. */
interface MarketDataLike {
  fullSymbolInfo?(name: string): Promise<unknown>
  lastTick?(symbol: string): Tick | undefined
  subscribeTicks?(symbols: string[] | string): Promise<unknown>
}

const KEY = 'trading'

/** The trading state of a client, created on first use (registers the cmd 19 and cmd 14 listeners). */
export function tradingState(client: BaseClient): TradingState {
  const existing = client.state.modules.get(KEY) as TradingState | undefined
  if (existing) return existing
  const state: TradingState = {
    nextActionId: FIRST_ACTION_ID,
    waiters: new Map(),
    early: new Map(),
    attributed: new Set(),
    account: undefined,
    accountBody: undefined,
    specs: new Map(),
    disposers: [],
  }
  client.state.modules.set(KEY, state)
  state.disposers.push(
    client.onFrame(19, (body) => {
      if (body.length < 8) return
      const actionId = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(4, true)
      const waiter = state.waiters.get(actionId)
      if (waiter) waiter.resolve(body)
      else if (actionId >= FIRST_ACTION_ID && actionId < state.nextActionId) {
        state.early.set(actionId, body)
        if (state.early.size > 256) state.early.delete(state.early.keys().next().value as number)
      }
    }),
    client.onFrame(14, (body) => {
      try {
        // every trade pushes a cmd 14, often the very bytes of the last one: nothing to decode or
        // compare then. The main block (balance, margin, times) is compared first: when it
        // changed, the body is decoded anyway, and the long rest is not scanned twice.
        const previous = state.accountBody
        const main = Math.min(accountMainSchema.size, body.length)
        if (
          state.account &&
          previous?.length === body.length &&
          sameBytes(previous, body, 0, main) &&
          sameBytes(previous, body, main, body.length)
        )
          return
        state.account = decodeAccount(body)
        state.accountBody = body.slice()
        // the specifications carry the group overrides: drop them only when those changed (clearing
        // on each push left the order manager without specifications). Compared as bytes: the
        // decoded lists field by field were the copier's largest cost after a trade.
        const [from, to] = overridesSpan(body)
        const [prevFrom, prevTo] = previous ? overridesSpan(previous) : [0, -1]
        if (!previous || to - from !== prevTo - prevFrom || !sameBytes(previous, body, from, to))
          state.specs.clear()
      } catch (error) {
        // a bad push is reported and otherwise ignored; the next cmd 3 refreshes the block
        reportClientError(client, error)
      }
    }),
  )
  client.on('status', (status) => {
    if (status === 'loggedIn') {
      // a new session starts its own counter (unless a request of the old one is still awaited);
      // the specifications may have changed while away
      // (results kept for ids of the old session must not be matched to the new one's requests)
      if (state.waiters.size === 0) {
        state.nextActionId = FIRST_ACTION_ID
        state.early.clear()
      }
      state.specs.clear()
      state.account = undefined
      state.accountBody = undefined
    }
  })
  return state
}

/**
 * The bytes of a cmd 14 body holding the group overrides: the trade-settings count and blocks after
 * the main block (layout: codec/messages/account.ts). Two bodies with the same bytes there carry
 * the same overrides.
 */
function overridesSpan(body: Uint8Array): [from: number, to: number] {
  const from = accountMainSchema.size
  if (body.length < from + 4) return [Math.min(from, body.length), body.length]
  const count = new DataView(body.buffer, body.byteOffset + from, 4).getUint32(0, true)
  return [from, Math.min(body.length, from + 4 + count * tradeSettingsSchema.size)]
}

/** `a[from..to)` equals `b[from..to)` (false when either is shorter than `to`). */
function sameBytes(a: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  if (a.length < to || b.length < to) return false
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return false
  return true
}

/** Reserves the next `actionId`. */
export function nextActionId(client: BaseClient): number {
  const state = tradingState(client)
  const id = state.nextActionId
  if (id >= 0xffff_fff0) {
    state.nextActionId = FIRST_ACTION_ID
    state.early.clear()
  } else state.nextActionId = id + 1
  return id
}

/** Records the deal and order tickets of a request's result (see {@link TradingState.attributed}). */
export function rememberAttributed(state: TradingState, deal: bigint, order: bigint): void {
  for (const ticket of [deal, order]) {
    if (ticket === 0n) continue
    state.attributed.delete(ticket)
    state.attributed.add(ticket)
  }
  while (state.attributed.size > 4096)
    state.attributed.delete(state.attributed.values().next().value as bigint)
}

/** The account block (cmd 3), cached until a cmd 14 push replaces it or `refresh` is set. */
export async function accountBlock(
  client: BaseClient,
  options: RequestOptions & { refresh?: boolean } = {},
): Promise<AccountBlock> {
  const state = tradingState(client)
  if (state.account && !options.refresh) return state.account
  const { refresh: _refresh, ...requestOptions } = options
  const body = await client.request(3, undefined, requestOptions)
  const block = decodeAccount(body)
  // Cached per client: the group's overrides are shared with the other clients of the process.
  block.tradeSettings = sharedTradeSettings(body, block.tradeSettings) as TradeSettings[]
  state.account = block
  return block
}

function isFullSymbolRecord(value: unknown): value is FullSymbolRecord {
  return typeof value === 'object' && value !== null && 'tradeSymbol' in value && 'trade' in value
}

/** Finds a FullSymbolRecord in what `fullSymbolInfo` returned (the record, or a wrapper holding it). */
function extractFullSymbol(value: unknown): FullSymbolRecord | undefined {
  if (isFullSymbolRecord(value)) return value
  if (typeof value === 'object' && value !== null) {
    for (const key of ['raw', 'record', 'full', 'spec']) {
      const inner = (value as Record<string, unknown>)[key]
      if (isFullSymbolRecord(inner)) return inner
    }
  }
  return undefined
}

/**
 * The specification of `name` when it is loaded already (no promise: the request path sends without
 * a turn of the microtask queue, during which other queued work would run first).
 */
export function cachedSymbolSpec(client: BaseClient, name: string): SymbolSpec | undefined {
  return tradingState(client).specs.get(name)
}

/** The last tick of `symbol` the client holds, if any (what `lastQuote(client, symbol, 0)` resolves to). */
export function lastQuoteNow(client: BaseClient, symbol: string): Tick | undefined {
  const md = client as unknown as MarketDataLike
  return typeof md.lastTick === 'function' ? md.lastTick(symbol) : undefined
}

/**
 * The symbol's specification with the account's group overrides applied (cached per session).
 * @throws SymbolNotFoundError when the server does not know the symbol
 * @throws ValidationError when no full specification can be obtained (trading needs it)
 */
export async function symbolSpec(client: BaseClient, name: string): Promise<SymbolSpec> {
  const state = tradingState(client)
  const cached = state.specs.get(name)
  if (cached) return cached
  const md = client as unknown as MarketDataLike
  if (typeof md.fullSymbolInfo !== 'function') {
    throw new ValidationError(
      'trading needs the marketData module (fullSymbolInfo) to load symbol specifications',
      {
        field: 'symbol',
        value: name,
      },
    )
  }
  const full = extractFullSymbol(await md.fullSymbolInfo(name))
  if (full === undefined) throw new SymbolNotFoundError(name)
  const account = await accountBlock(client)
  const spec = toSymbolSpec(full, account.tradeSettings)
  state.specs.set(name, spec)
  return spec
}

/**
 * The prefix and suffix around a currency pair's six letters in its symbol name (`EURUSD.m` →
 * `['', '.m']`), or undefined when the name does not hold its currencies.
 */
export function symbolAffixes(s: RateSymbol): readonly [string, string] | undefined {
  if (s.currencyBase === undefined || s.currencyProfit === undefined) return undefined
  const pair = `${s.currencyBase}${s.currencyProfit}`.toUpperCase()
  const at = s.name.toUpperCase().indexOf(pair)
  if (pair.length !== 6 || at < 0) return undefined
  return [s.name.slice(0, at), s.name.slice(at + pair.length)]
}

/** Sets a specification directly (tests, or callers that already hold one). */
export function setSymbolSpec(client: BaseClient, spec: SymbolSpec): void {
  tradingState(client).specs.set(spec.name, spec)
}

/** The cached last tick of a symbol with a bid or an ask (marketData module), without waiting. */
export function cachedQuote(client: BaseClient, symbol: string): Tick | undefined {
  const md = client as unknown as MarketDataLike
  const tick = typeof md.lastTick === 'function' ? md.lastTick(symbol) : undefined
  return tick && (tick.bid > 0 || tick.ask > 0) ? tick : undefined
}

/**
 * The last tick of a symbol; subscribes and waits up to `waitMs` for one when none is cached.
 * @returns the tick, or undefined when none arrived
 */
export async function lastQuote(
  client: BaseClient,
  symbol: string,
  waitMs = 3000,
): Promise<Tick | undefined> {
  const md = client as unknown as MarketDataLike
  const cached = lastQuoteNow(client, symbol)
  if (cached && (cached.bid > 0 || cached.ask > 0)) return cached
  if (typeof md.subscribeTicks !== 'function' || waitMs <= 0) return cached
  return new Promise<Tick | undefined>((resolve) => {
    let done = false
    const finish = (tick: Tick | undefined) => {
      if (done) return
      done = true
      clearTimeout(timer)
      client.off('tick', onTick)
      resolve(tick)
    }
    const onTick = (tick: Tick) => {
      if (tick.symbol === symbol && (tick.bid > 0 || tick.ask > 0)) finish(tick)
    }
    const timer = setTimeout(
      () => finish(typeof md.lastTick === 'function' ? md.lastTick(symbol) : undefined),
      waitMs,
    )
    client.on('tick', onTick)
    md.subscribeTicks!([symbol]).then(
      () => {
        const now = typeof md.lastTick === 'function' ? md.lastTick(symbol) : undefined
        if (now && (now.bid > 0 || now.ask > 0)) finish(now)
      },
      (error: unknown) => {
        reportClientError(client, error)
        finish(undefined)
      },
    )
  })
}

/**
 * A {@link RateSource} able to convert between `currencies`: loads the direct, inverse and USD
 * pairs that exist among the candidate names (subscribing to their ticks); quotes are the live
 * cached ticks, else the ones seen while loading.
 */
export async function rateSource(
  client: BaseClient,
  currencies: readonly string[],
  like: readonly RateSymbol[] = [],
): Promise<RateSource> {
  const unique = [...new Set([...currencies.map((c) => c.toUpperCase()), 'USD'])]
  // brokers that name every symbol with a prefix/suffix (`EURUSD.m`) have no plain `EURUSD`: the
  // conversion pairs are looked up with the affixes of the symbols being priced as well
  const affixes: (readonly [string, string])[] = [['', '']]
  for (const s of like) {
    const a = symbolAffixes(s)
    if (a && !affixes.some(([pre, post]) => pre === a[0] && post === a[1])) affixes.push(a)
  }
  const names = new Set<string>()
  for (const a of unique)
    for (const b of unique) if (a !== b) for (const [pre, post] of affixes) names.add(`${pre}${a}${b}${post}`)
  const symbols: RateSymbol[] = []
  const quotes = new Map<string, { bid: number; ask: number }>()
  await Promise.all(
    [...names].map(async (name) => {
      try {
        const spec = await symbolSpec(client, name)
        const tick = await lastQuote(client, name, 1500)
        symbols.push({ name, currencyBase: spec.currencyBase, currencyProfit: spec.currencyProfit })
        if (tick) quotes.set(name, { bid: tick.bid, ask: tick.ask })
      } catch {
        // not a symbol of this server
      }
    }),
  )
  symbols.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return {
    symbols,
    quote: (name) => {
      const live = cachedQuote(client, name)
      return live ? { bid: live.bid, ask: live.ask } : quotes.get(name)
    },
  }
}
