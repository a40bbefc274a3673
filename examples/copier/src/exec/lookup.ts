/**
 * Finding a copy by its comment tag: how an outcome left unknown (timeout, lost reply, crash between
 * send and record) is settled without sending anything again.
 */
import type { Order } from 'mt5web'
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
 * `sinceMs` (UTC ms; a day of margin is taken for server-local stamps).
 * @throws the SDK's errors when the target cannot be asked (the outcome then stays unknown)
 */
export async function findCopyByTag(
  trader: Pick<TargetTrader, 'orders' | 'history'>,
  scope: TagScope,
  sourceTicket: bigint,
  symbol: string | undefined,
  sinceMs: number,
): Promise<FoundCopy | undefined> {
  const ours = (o: Order) => parseTag(o.comment, scope) === sourceTicket
  const open = (await trader.orders()).filter(ours)
  // the newest wins if a duplicate exists: the planner cancels the others as duplicates
  const newest = open.sort((a, b) => b.timeSetupMs - a.timeSetupMs)[0]
  if (newest) return { order: newest, where: 'open' }
  const from = Math.max(0, Math.floor(sinceMs / 1000) - 86_400)
  const history = await trader.history({ from, ...(symbol ? { symbol } : {}) })
  const old = history.orders.filter(ours).sort((a, b) => b.timeSetupMs - a.timeSetupMs)[0]
  return old ? { order: old, where: 'history' } : undefined
}
