/** `mt5web orders`: open (pending) orders. */

import { isStopLimit } from '../../enums.js'
import type { Order } from '../../model/types.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatLots, formatPrice, formatTime, orderTypeName, table, toJson } from '../format.js'

/** The human view of pending orders; TRIGGER is a stop-limit order's limit price. */
export function formatOrders(orders: readonly Order[]): string {
  return table(
    [
      { header: 'TICKET', align: 'right', value: (o) => o.ticket.toString() },
      { header: 'TIME', value: (o) => formatTime(o.timeSetupMs) },
      { header: 'SYMBOL', value: (o) => o.symbol },
      { header: 'TYPE', value: (o) => orderTypeName(o.type) },
      { header: 'LOTS', align: 'right', value: (o) => formatLots(o.volumeCurrent) },
      { header: 'PRICE', align: 'right', value: (o) => formatPrice(o.priceOrder, o.digits) },
      {
        header: 'LIMIT',
        align: 'right',
        value: (o) => (isStopLimit(o.type) ? formatPrice(o.priceTrigger, o.digits) : '-'),
      },
      { header: 'SL', align: 'right', value: (o) => formatPrice(o.sl, o.digits) },
      { header: 'TP', align: 'right', value: (o) => formatPrice(o.tp, o.digits) },
      { header: 'EXPIRES', value: (o) => formatTime(o.timeExpirationMs) },
      { header: 'COMMENT', value: (o) => o.comment },
    ],
    orders,
    '(no open orders)',
  )
}

export const ordersCommand: Command = {
  name: 'orders',
  summary: 'list open (pending) orders',
  usage: 'orders [--json]',
  options: {},
  positionals: { min: 0, max: 0 },
  prepare: () => async (ctx) => {
    const orders = await ctx.client.orders()
    ctx.io.stdout.write(ctx.json ? toJson(orders) : formatOrders(orders))
    return ExitCode.Ok
  },
}
