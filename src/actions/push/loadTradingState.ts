/**
 * Seeds the push store after a login: open positions and orders (cmd 4) and the account (cmd 3),
 * so that cmd 10 / cmd 14 pushes update complete lists. Emits `positions`, `orders`, `account`.
 */
import type { BaseClient } from '../../client/types.js'
import { decodePositionsAndOrders } from '../../codec/messages/positionsAndOrders.js'
import { toOrder } from '../../model/toOrder.js'
import { toPosition } from '../../model/toPosition.js'
import { Command } from '../../protocol/commands.js'
import { handleAccountUpdate } from './handleAccountUpdate.js'
import type { PushContext } from './pushStore.js'

/** Loads positions, orders and the account into the store and emits them. */
export async function loadTradingState(client: BaseClient, ctx: PushContext): Promise<void> {
  const [tradesBody, accountBody] = await Promise.all([
    client.request(Command.positionsAndOrders),
    client.request(Command.account),
  ])
  const trades = decodePositionsAndOrders(tradesBody)
  const { store } = ctx
  store.positions = new Map(trades.positions.map((r) => toPosition(r)).map((p) => [p.ticket, p]))
  store.orders = new Map(trades.orders.map((r) => toOrder(r)).map((o) => [o.ticket, o]))
  const [[account]] = handleAccountUpdate(accountBody, ctx) as [[NonNullable<typeof store.account>]]
  ctx.emit('positions', [...store.positions.values()])
  ctx.emit('orders', [...store.orders.values()])
  ctx.emit('account', account)
}
