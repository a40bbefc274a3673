/**
 * Seeds the push store after a login: open positions and orders (cmd 4) and the account (cmd 3),
 * so that cmd 10 / cmd 14 pushes update complete lists. Emits `positions`, `orders`, `account`.
 * The trade transactions pushed while the load was in flight are applied on top of the snapshot
 * (one pushed after the cmd 4 answer is not in it).
 */
import type { BaseClient, TradeTransaction } from '../../client/types.js'
import { decodePositionsAndOrders } from '../../codec/messages/positionsAndOrders.js'
import { toOrder } from '../../model/toOrder.js'
import { toPosition } from '../../model/toPosition.js'
import { Command } from '../../protocol/commands.js'
import { applyDealTransaction } from './applyDealTransaction.js'
import { applyOrderTransaction } from './applyOrderTransaction.js'
import { handleAccountUpdate } from './handleAccountUpdate.js'
import type { PushContext } from './pushStore.js'

/**
 * Loads positions, orders and the account into the store and emits them. `raced`: the trade
 * transactions pushed since the requests were sent, in arrival order (read once both answers are in).
 */
export async function loadTradingState(
  client: BaseClient,
  ctx: PushContext,
  raced: readonly TradeTransaction[] = [],
): Promise<void> {
  const [tradesBody, accountBody] = await Promise.all([
    client.request(Command.positionsAndOrders),
    client.request(Command.account),
  ])
  const trades = decodePositionsAndOrders(tradesBody)
  const { store } = ctx
  store.positions = new Map(trades.positions.map((r) => toPosition(r)).map((p) => [p.ticket, p]))
  store.orders = new Map(trades.orders.map((r) => toOrder(r)).map((o) => [o.ticket, o]))
  handleAccountUpdate(accountBody, ctx)
  for (const tx of raced) {
    if (tx.kind === 'order') applyOrderTransaction(store, tx)
    else applyDealTransaction(store, tx)
  }
  const account = store.account as NonNullable<typeof store.account>
  ctx.emit('positions', [...store.positions.values()])
  ctx.emit('orders', [...store.orders.values()])
  ctx.emit('account', account)
}
