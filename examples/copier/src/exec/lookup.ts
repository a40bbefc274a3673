/**
 * Finding a copy by its comment tag: how an outcome left unknown (timeout, lost reply, crash between
 * send and record) is settled without sending anything again.
 *
 * Several orders can carry one tag: the copy a new one replaces (cancelled when its source changed
 * type, expired earlier than its source), a duplicate, a copy cancelled by hand. The outcome of a
 * request is the order that matches what was sent (type, volume, price, expiry); among those the
 * newest ticket (tickets only grow on a server; setup times tie within a second, or on a manual
 * clock). An order in the history that does not match is an older copy, never this outcome.
 */
import { type Order, OrderTime } from 'mt5web'
import { parseTag, type TagScope } from '../link/tag.js'
import type { TargetTrader, TradeRequestParameters } from './trader.js'

/** Where a tagged copy was found. */
export interface FoundCopy {
  order: Order
  /** `open`: still pending; `history`: filled, cancelled or expired since. */
  where: 'open' | 'history'
}

/** What was sent: the fields of the place request that identify its order (any may be left out). */
export type SentOrder = Partial<
  Pick<TradeRequestParameters, 'type' | 'volume' | 'price' | 'timeType' | 'expiration'>
>

/** Equal up to the last bits of a decoded double. */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

/** True when `o` is what `sent` asked for (the fields the server keeps as sent). */
function matches(o: Order, sent: SentOrder): boolean {
  if (sent.type !== undefined && o.type !== sent.type) return false
  if (sent.volume !== undefined && !near(o.volumeInitial, sent.volume)) return false
  if (sent.price !== undefined && !near(o.priceOrder, sent.price)) return false
  if (sent.timeType !== undefined && o.timeType !== sent.timeType) return false
  // a specified expiry is kept to the second (a day order's is the server's end of day)
  if (sent.timeType === OrderTime.Specified && sent.expiration !== undefined)
    return Math.floor(o.timeExpirationMs / 1000) === sent.expiration
  return true
}

/** The newest ticket of `list`, or undefined. */
function newest(list: readonly Order[]): Order | undefined {
  let best: Order | undefined
  for (const o of list) if (best === undefined || o.ticket > best.ticket) best = o
  return best
}

/**
 * The copy of `sourceTicket` on a target that a place request (`sent`) created: its open orders
 * first (one matching what was sent, else the newest live copy), then the order history since
 * `sinceMs` (UTC ms; a day of margin is taken for server-local stamps), matching what was sent.
 * @throws the SDK's errors when the target cannot be asked (the outcome then stays unknown)
 */
export async function findCopyByTag(
  trader: Pick<TargetTrader, 'orders' | 'history'>,
  scope: TagScope,
  sourceTicket: bigint,
  symbol: string | undefined,
  sinceMs: number,
  sent: SentOrder = {},
): Promise<FoundCopy | undefined> {
  const ours = (o: Order) => parseTag(o.comment, scope) === sourceTicket
  const open = (await trader.orders()).filter(ours)
  // a live copy that matches, else the newest live one (changed by hand since?): the planner
  // follows it and cancels any other live copy as a duplicate
  const live = newest(open.filter((o) => matches(o, sent))) ?? newest(open)
  if (live) return { order: live, where: 'open' }
  const from = Math.max(0, Math.floor(sinceMs / 1000) - 86_400)
  const history = await trader.history({ from, ...(symbol ? { symbol } : {}) })
  const old = newest(history.orders.filter((o) => ours(o) && matches(o, sent)))
  return old ? { order: old, where: 'history' } : undefined
}
