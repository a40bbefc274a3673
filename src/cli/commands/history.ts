/** `mt5web history [--from TIME] [--to TIME]`: deals and history orders of a period. */
import type { TradeHistory } from '../../actions/trading/history.js'
import { stringOption } from '../args.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import {
  dealEntryName,
  dealTypeName,
  formatLots,
  formatMoney,
  formatPrice,
  formatTime,
  orderStateName,
  orderTypeName,
  table,
  toJson,
} from '../format.js'
import { UsageError } from '../usageError.js'
import { parseTime } from '../values.js'

/** The human view: a deals table and a history-orders table. */
export function formatHistory(history: TradeHistory): string {
  const deals = table(
    [
      { header: 'DEAL', align: 'right', value: (d) => d.ticket.toString() },
      { header: 'TIME', value: (d) => formatTime(d.timeMs) },
      { header: 'SYMBOL', value: (d) => d.symbol },
      { header: 'TYPE', value: (d) => dealTypeName(d.type) },
      { header: 'ENTRY', value: (d) => dealEntryName(d.entry) },
      { header: 'LOTS', align: 'right', value: (d) => (d.volume > 0 ? formatLots(d.volume) : '') },
      { header: 'PRICE', align: 'right', value: (d) => formatPrice(d.price, d.digits) },
      { header: 'PROFIT', align: 'right', value: (d) => formatMoney(d.profit) },
      { header: 'ORDER', align: 'right', value: (d) => (d.order === 0n ? '' : d.order.toString()) },
      {
        header: 'POSITION',
        align: 'right',
        value: (d) => (d.positionId === 0n ? '' : d.positionId.toString()),
      },
      { header: 'COMMENT', value: (d) => d.comment },
    ],
    history.deals,
    '(no deals)',
  )
  const orders = table(
    [
      { header: 'ORDER', align: 'right', value: (o) => o.ticket.toString() },
      { header: 'SETUP', value: (o) => formatTime(o.timeSetupMs) },
      { header: 'DONE', value: (o) => formatTime(o.timeDoneMs) },
      { header: 'SYMBOL', value: (o) => o.symbol },
      { header: 'TYPE', value: (o) => orderTypeName(o.type) },
      { header: 'STATE', value: (o) => orderStateName(o.state) },
      { header: 'LOTS', align: 'right', value: (o) => formatLots(o.volumeInitial) },
      { header: 'PRICE', align: 'right', value: (o) => formatPrice(o.priceOrder, o.digits) },
      { header: 'COMMENT', value: (o) => o.comment },
    ],
    history.orders,
    '(no orders)',
  )
  return `Deals\n${deals}\nOrders\n${orders}`
}

export const historyCommand: Command = {
  name: 'history',
  summary: 'list deals and history orders of a period',
  usage: 'history [--from TIME] [--to TIME] [--json]',
  details:
    'TIME: ISO date (2026-01-07, 2026-01-07T12:00:00Z; no offset = UTC) or Unix seconds. Default: everything up to now.',
  options: {
    from: { type: 'string', valueName: 'TIME', description: 'start (default: the beginning)' },
    to: {
      type: 'string',
      valueName: 'TIME',
      description: 'end (default: now, plus one day for server clocks ahead of UTC)',
    },
  },
  positionals: { min: 0, max: 0 },
  prepare: ({ values }) => {
    const fromText = stringOption(values, 'from')
    const toText = stringOption(values, 'to')
    const from = fromText === undefined ? undefined : parseTime(fromText, '--from')
    const to = toText === undefined ? undefined : parseTime(toText, '--to')
    for (const [name, t] of [
      ['--from', from],
      ['--to', to],
    ] as const)
      if (t !== undefined && t.getTime() / 1000 > 0x7fff_ffff)
        throw new UsageError(`${name} must be before 2038-01-19 (the wire uses 32-bit seconds)`)
    if (from !== undefined && to !== undefined && from.getTime() > to.getTime())
      throw new UsageError('--from must not be after --to')
    return async (ctx) => {
      const history = await ctx.client.history({ from, to })
      ctx.io.stdout.write(ctx.json ? toJson(history) : formatHistory(history))
      return ExitCode.Ok
    }
  },
}
