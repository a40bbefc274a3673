/**
 * `buy` / `sell` arguments → an order plan: market, limit, stop or stop-limit.
 *
 * Stop-limit roles (as the official terminal): `--price STOP` is the activation (stop) price, sent
 * as the order price; `--stop-limit LIMIT` is the price of the limit order placed on activation,
 * sent as the trigger (`priceTrigger`).
 */
import { OrderTime } from '../enums.js'
import type { TradeResult } from '../model/types.js'
import { stringOption } from './args.js'
import type { CliClient } from './client.js'
import type { CliOption, CommandArgs } from './command.js'
import { formatLots } from './format.js'
import { UsageError } from './usageError.js'
import { parseNonNegative, parsePositive, parseTime } from './values.js'

/** Buy or sell. */
export type Side = 'buy' | 'sell'

/** What `buy`/`sell` will send. */
export interface OrderPlan {
  side: Side
  kind: 'market' | 'limit' | 'stop' | 'stopLimit'
  symbol: string
  /** Lots. */
  volume: number
  /** Limit or stop price; for stop-limit the activation (stop) price. */
  price?: number | undefined
  /** Stop-limit only: the limit price placed on activation. */
  stopLimit?: number | undefined
  sl?: number | undefined
  tp?: number | undefined
  comment?: string | undefined
  /** Pending orders: good till this time (else good till cancelled). */
  expiration?: Date | undefined
}

/** Options of `buy` and `sell`. */
export const orderOptions = {
  limit: { type: 'string', valueName: 'PRICE', description: 'place a limit order at PRICE' },
  stop: { type: 'string', valueName: 'PRICE', description: 'place a stop order at PRICE' },
  'stop-limit': {
    type: 'string',
    valueName: 'LIMIT',
    description: 'place a stop-limit order: LIMIT is the limit price, --price the activation (stop) price',
  },
  price: { type: 'string', valueName: 'STOP', description: 'with --stop-limit: the activation (stop) price' },
  sl: { type: 'string', valueName: 'PRICE', description: 'stop loss' },
  tp: { type: 'string', valueName: 'PRICE', description: 'take profit' },
  comment: { type: 'string', valueName: 'TEXT', description: 'order comment (at most 32 characters)' },
  expiration: {
    type: 'string',
    valueName: 'TIME',
    description: 'pending orders: expire at TIME (ISO or Unix seconds)',
  },
} as const satisfies Record<string, CliOption>

/** Validates `SYMBOL LOTS [options]`. @throws UsageError */
export function parseOrderPlan(side: Side, { positionals, values }: CommandArgs): OrderPlan {
  const symbol = positionals[0]!
  const volume = parsePositive(positionals[1]!, 'LOTS')
  const limit = stringOption(values, 'limit')
  const stop = stringOption(values, 'stop')
  const stopLimit = stringOption(values, 'stop-limit')
  const price = stringOption(values, 'price')
  const given = [limit, stop, stopLimit].filter((v) => v !== undefined).length
  if (given > 1) throw new UsageError('use only one of --limit, --stop, --stop-limit')
  if (price !== undefined && stopLimit === undefined)
    throw new UsageError('--price is the activation price of a stop-limit order; use it with --stop-limit')
  if (stopLimit !== undefined && price === undefined)
    throw new UsageError('--stop-limit needs --price STOP (the activation price)')
  const sl = optional(values, 'sl', parseNonNegative)
  const tp = optional(values, 'tp', parseNonNegative)
  const comment = stringOption(values, 'comment')
  if (comment !== undefined && comment.length > 32)
    throw new UsageError('--comment must be at most 32 characters')
  const expirationText = stringOption(values, 'expiration')
  const expiration = expirationText === undefined ? undefined : parseTime(expirationText, '--expiration')
  const base = { side, symbol, volume, sl, tp, comment }
  if (limit !== undefined)
    return { ...base, kind: 'limit', price: parsePositive(limit, '--limit'), expiration }
  if (stop !== undefined) return { ...base, kind: 'stop', price: parsePositive(stop, '--stop'), expiration }
  if (stopLimit !== undefined)
    return {
      ...base,
      kind: 'stopLimit',
      price: parsePositive(price!, '--price'),
      stopLimit: parsePositive(stopLimit, '--stop-limit'),
      expiration,
    }
  if (expiration !== undefined)
    throw new UsageError('--expiration applies to pending orders (--limit, --stop, --stop-limit)')
  return { ...base, kind: 'market' }
}

function optional<T>(
  values: CommandArgs['values'],
  name: string,
  parse: (text: string, name: string) => T,
): T | undefined {
  const text = stringOption(values, name)
  return text === undefined ? undefined : parse(text, `--${name}`)
}

/** The confirmation question, e.g. `Buy 0.1 lots EURUSD at market, sl 1.07`. */
export function describeOrder(plan: OrderPlan): string {
  const verb = plan.side === 'buy' ? 'Buy' : 'Sell'
  const what = `${verb} ${formatLots(plan.volume)} lots ${plan.symbol}`
  let how: string
  if (plan.kind === 'market') how = 'at market'
  else if (plan.kind === 'limit') how = `${plan.side} limit at ${plan.price}`
  else if (plan.kind === 'stop') how = `${plan.side} stop at ${plan.price}`
  else how = `${plan.side} stop-limit: activation ${plan.price}, limit ${plan.stopLimit}`
  const extra: string[] = []
  if (plan.sl !== undefined) extra.push(`sl ${plan.sl}`)
  if (plan.tp !== undefined) extra.push(`tp ${plan.tp}`)
  if (plan.expiration !== undefined) extra.push(`expires ${plan.expiration.toISOString()}`)
  if (plan.comment !== undefined) extra.push(`comment "${plan.comment}"`)
  return [`${what} ${how}`, ...extra].join(', ')
}

/** Sends the plan with the matching order helper. */
export function sendOrder(client: CliClient, plan: OrderPlan): Promise<TradeResult> {
  const { symbol, volume, sl, tp, comment } = plan
  if (plan.kind === 'market') {
    const params = { symbol, volume, sl, tp, comment }
    return plan.side === 'buy' ? client.buyMarket(params) : client.sellMarket(params)
  }
  const pending = {
    symbol,
    volume,
    price: plan.price!,
    sl,
    tp,
    comment,
    ...(plan.expiration === undefined ? {} : { timeType: OrderTime.Specified, expiration: plan.expiration }),
  }
  if (plan.kind === 'limit') return plan.side === 'buy' ? client.buyLimit(pending) : client.sellLimit(pending)
  if (plan.kind === 'stop') return plan.side === 'buy' ? client.buyStop(pending) : client.sellStop(pending)
  const stopLimit = { ...pending, stopLimit: plan.stopLimit! }
  return plan.side === 'buy' ? client.buyStopLimit(stopLimit) : client.sellStopLimit(stopLimit)
}
