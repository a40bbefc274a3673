/**
 * What every part of the engine shares: the broker's symbols, feed, clock and accounts, the time
 * helpers, the cmd 19 result builder and the event emitters. Each concern (records, positions, fill,
 * requests, matching, expirations, accounts) is a factory over this core, wired in `engine.ts`.
 */
import type { OrderRecord } from '../../codec/schemas/order.js'
import type { TradeResultRecord } from '../../codec/schemas/tradeResult.js'
import { type Account, type AccountSummary, createAccount, summarize } from './account.js'
import { copyRecord } from './book.js'
import { createManualClock } from './clock.js'
import { resolveSymbol, type SymbolSpec } from './config.js'
import { Retcode } from './constants.js'
import type { PriceSource } from './conversion.js'
import { createFeed } from './feed.js'
import type { EngineEvent, EngineOptions } from './types.js'
import type { Quote } from './validate.js'

/** One request or matching pass: the account, the events it produces (in push order), the reason. */
export interface Ctx {
  acc: Account
  events: EngineEvent[]
  reason: number
}

const RETCODE_COMMENTS: Record<number, string> = {
  [Retcode.Done]: 'Request executed',
  [Retcode.DonePartial]: 'Request executed partially',
  [Retcode.Placed]: 'Order placed',
  [Retcode.Prices]: 'Prices received',
  [Retcode.Requote]: 'Requote',
}

/** Shared state and helpers of one engine. */
export type EngineCore = ReturnType<typeof createCore>

/** Builds the shared state of an engine from its options: resolved symbols, feed, clock, accounts. */
export function createCore(options: EngineOptions) {
  const { broker } = options
  const clock = options.clock ?? createManualClock()
  const specs = new Map<string, SymbolSpec>(broker.symbols.map((s) => [s.name, resolveSymbol(s)]))
  const feed = options.feed ?? createFeed({ symbols: broker.symbols, clock, seed: options.seed ?? 1 })
  const accounts = new Map<number, Account>(broker.accounts.map((a) => [a.login, createAccount(a)]))
  const prices: PriceSource = { symbols: [...specs.values()], quote: (s) => feed.quote(s) }

  const now = (): number => clock.now()
  const sec = (ms: number): number => Math.floor(ms / 1000)
  const msPart = (ms: number): number => ms - sec(ms) * 1000
  const quoteOf = (spec: SymbolSpec): Quote | undefined => feed.quote(spec.config.name)
  const summary = (acc: Account): AccountSummary => summarize(acc, specs)

  const emitOrder = (ctx: Ctx, flagMask: 0 | 1, transactionType: 0 | 1 | 2, order: OrderRecord): void => {
    ctx.events.push({
      type: 'order',
      login: ctx.acc.config.login,
      flagMask,
      transactionType,
      order: copyRecord(order),
    })
  }
  const emitAccount = (ctx: Ctx): void => {
    ctx.events.push({ type: 'account', login: ctx.acc.config.login, account: summary(ctx.acc) })
  }

  const result = (
    retcode: number,
    quote: Quote | undefined,
    extra: Partial<Pick<TradeResultRecord, 'deal' | 'tradeOrder' | 'volume' | 'price'>> = {},
  ): TradeResultRecord => ({
    retcode,
    deal: 0n,
    tradeOrder: 0n,
    volume: 0n,
    price: 0,
    resTime: 0,
    bid: quote?.bid ?? 0,
    ask: quote?.ask ?? 0,
    last: 0,
    comment: RETCODE_COMMENTS[retcode] ?? '',
    ...extra,
  })

  return {
    broker,
    clock,
    feed,
    specs,
    accounts,
    prices,
    now,
    sec,
    msPart,
    quoteOf,
    summary,
    emitOrder,
    emitAccount,
    result,
  }
}
