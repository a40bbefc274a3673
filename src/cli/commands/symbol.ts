/** `mt5web symbol NAME`: a symbol's full specification. */
import type { FullSymbolInfo } from '../../actions/market/fullSymbolInfo.js'
import type { TradeSettings } from '../../codec/schemas/tradeSettings.js'
import { unitsToLots } from '../../codec/volume.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatLots, formatNumber, keyValues, toJson } from '../format.js'

const tradeModes = ['disabled', 'long only', 'short only', 'close only', 'full']
const executionModes = ['request', 'instant', 'market', 'exchange']

/** The human view of a specification. */
export function formatSymbolInfo(s: FullSymbolInfo): string {
  return keyValues([
    ['symbol', s.name],
    ['description', s.description],
    ['path', s.path],
    ['digits', String(s.digits)],
    ['point', formatNumber(s.point)],
    ['currencies', `base ${s.currencyBase}, profit ${s.currencyProfit}, margin ${s.currencyMargin}`],
    ['contract size', formatNumber(s.contractSize)],
    ['tick size', formatNumber(s.tickSize)],
    ['tick value', formatNumber(s.tickValue)],
    ['trade mode', tradeModes[s.trade.tradeMode] ?? String(s.trade.tradeMode)],
    ['execution', executionModes[s.trade.tradeExemode] ?? String(s.trade.tradeExemode)],
    ['volume min', formatLots(unitsToLots(s.trade.volumeMin))],
    ['volume max', formatLots(unitsToLots(s.trade.volumeMax))],
    ['volume step', formatLots(unitsToLots(s.trade.volumeStep))],
    ['stops level', `${s.trade.tradeStopsLevel} points`],
  ])
}

/** Volume fields of the trade settings, lots × 10^8 on the wire. */
type VolumeField = 'tradeInstantVolume' | 'volumeMin' | 'volumeMax' | 'volumeStep' | 'volumeLimit'

/** {@link TradeSettings} with its volumes in lots, as every other command prints them. */
export type TradeSettingsInLots = Omit<TradeSettings, VolumeField> & Record<VolumeField, number>

/** The JSON view: everything but the raw wire record; volumes in lots like the rest of the CLI. */
export function symbolInfoJson(
  s: FullSymbolInfo,
): Omit<FullSymbolInfo, 'raw' | 'trade'> & { trade: TradeSettingsInLots } {
  const { raw: _raw, trade, ...rest } = s
  const inLots: TradeSettingsInLots = {
    ...trade,
    tradeInstantVolume: unitsToLots(trade.tradeInstantVolume),
    volumeMin: unitsToLots(trade.volumeMin),
    volumeMax: unitsToLots(trade.volumeMax),
    volumeStep: unitsToLots(trade.volumeStep),
    volumeLimit: unitsToLots(trade.volumeLimit),
  }
  return { ...rest, trade: inLots }
}

export const symbolCommand: Command = {
  name: 'symbol',
  summary: "show a symbol's specification",
  usage: 'symbol NAME [--json]',
  options: {},
  positionals: { min: 1, max: 1 },
  prepare: ({ positionals }) => {
    const name = positionals[0]!
    return async (ctx) => {
      const info = await ctx.client.fullSymbolInfo(name)
      ctx.io.stdout.write(ctx.json ? toJson(symbolInfoJson(info)) : formatSymbolInfo(info))
      return ExitCode.Ok
    }
  },
}
