/** `mt5web positions`: open positions. */
import type { Position } from '../../model/types.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import {
  formatLots,
  formatMoney,
  formatPrice,
  formatTime,
  positionTypeName,
  table,
  toJson,
} from '../format.js'

/** The human view of positions. */
export function formatPositions(positions: readonly Position[]): string {
  return table(
    [
      { header: 'TICKET', align: 'right', value: (p) => p.ticket.toString() },
      { header: 'TIME', value: (p) => formatTime(p.timeCreateMs) },
      { header: 'SYMBOL', value: (p) => p.symbol },
      { header: 'TYPE', value: (p) => positionTypeName(p.type) },
      { header: 'LOTS', align: 'right', value: (p) => formatLots(p.volume) },
      { header: 'OPEN', align: 'right', value: (p) => formatPrice(p.priceOpen, p.digits) },
      { header: 'CURRENT', align: 'right', value: (p) => formatPrice(p.priceCurrent, p.digits) },
      { header: 'SL', align: 'right', value: (p) => formatPrice(p.sl, p.digits) },
      { header: 'TP', align: 'right', value: (p) => formatPrice(p.tp, p.digits) },
      { header: 'PROFIT', align: 'right', value: (p) => formatMoney(p.profit) },
      { header: 'COMMENT', value: (p) => p.comment },
    ],
    positions,
    '(no open positions)',
  )
}

export const positionsCommand: Command = {
  name: 'positions',
  summary: 'list open positions',
  usage: 'positions [--json]',
  options: {},
  positionals: { min: 0, max: 0 },
  prepare: () => async (ctx) => {
    const positions = await ctx.client.positions()
    ctx.io.stdout.write(ctx.json ? toJson(positions) : formatPositions(positions))
    return ExitCode.Ok
  },
}
