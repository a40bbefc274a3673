/**
 * Finding a copy by its comment tag: how an outcome left unknown (timeout, lost reply, crash between
 * send and record) is settled without sending anything again.
 */
import { type Order, OrderState } from 'mt5web'
import { parseTag, type TagScope } from '../link/tag.js'
import type { TargetTrader } from './trader.js'

/** Where a tagged copy was found. */
export interface FoundCopy {
  order: Order
  /** `open`: still pending; `history`: filled, cancelled or expired since. */
  where: 'open' | 'history'
}

/**
 * The copy of `sourceTicket` on a target: its open orders first, then the order history since
 * `sinceMs` (UTC ms; a day of margin is taken for server-local stamps); `type` (`OrderType`), when
 * given, is the type of the order sent.
 * @throws the SDK's errors when the target cannot be asked (the outcome then stays unknown)
 */
export async function findCopyByTag(
  trader: Pick<TargetTrader, 'orders' | 'history'>,
  scope: TagScope,
  sourceTicket: bigint,
  symbol: string | undefined,
  sinceMs: number,
  type?: number,
): Promise<FoundCopy | undefined> {
  const ours = (o: Order) => parseTag(o.comment, scope) === sourceTicket
  const open = (await trader.orders()).filter(ours)
  // the newest wins if a duplicate exists: the planner cancels the others as duplicates
  const newest = open.sort((a, b) => b.timeSetupMs - a.timeSetupMs)[0]
  if (newest) return { order: newest, where: 'open' }
  const from = Math.max(0, Math.floor(sinceMs / 1000) - 86_400)
  const history = await trader.history({ from, ...(symbol ? { symbol } : {}) })
  // A copy cancelled with another type than the one sent was the copy this one replaces (its source
  // changed type), not the outcome of this request.
  const replaced = (o: Order) => type !== undefined && o.type !== type && o.state === OrderState.Canceled
  const old = history.orders
    .filter((o) => ours(o) && !replaced(o))
    .sort((a, b) => b.timeSetupMs - a.timeSetupMs)[0]
  return old ? { order: old, where: 'history' } : undefined
}
