import type { BaseClient } from '../../client/types.js'
import { decodeFullSymbols, encodeFullSymbolRequest } from '../../codec/messages/fullSymbols.js'
import type { FullSymbolRecord } from '../../codec/schemas/fullSymbol.js'
import type { SubscriptionRecord } from '../../codec/schemas/subscription.js'
import type { TradeSettings } from '../../codec/schemas/tradeSettings.js'
import { SymbolNotFoundError } from '../../errors.js'
import { marketState } from '../../marketState/state.js'
import { Command } from '../../protocol/commands.js'
import { resolveSymbol } from './resolveSymbol.js'

/** One session of a day, minutes from 00:00 server time (`closeMinutes` 1440 = midnight). */
export interface SymbolSession {
  openMinutes: number
  closeMinutes: number
}

/** A full symbol specification (cmd 18), decoded. */
export interface FullSymbolInfo {
  name: string
  id: number
  digits: number
  point: number
  description: string
  /** The symbol's path (from its trade settings). */
  path: string
  currencyBase: string
  currencyProfit: string
  currencyMargin: string
  contractSize: number
  tickSize: number
  tickValue: number
  /** `tradeCalcMode` (`CalcMode`). */
  calcMode: number
  /** The symbol's own trade configuration (volumes in lots × 10^8, group overrides NOT applied). */
  trade: TradeSettings
  /** Quote sessions per weekday, index 0 = Sunday; empty slots dropped. */
  quoteSessions: SymbolSession[][]
  /** Trade sessions per weekday, index 0 = Sunday; empty slots dropped. */
  tradeSessions: SymbolSession[][]
  /** Market-data subscription (delay, status, level). */
  subscription: SubscriptionRecord
  /** The wire record. */
  raw: FullSymbolRecord
}

function sessions(days: FullSymbolRecord['schedule']['quoteSessions']): SymbolSession[][] {
  return days.map((day) =>
    day
      .filter((s) => s.open !== 0 || s.close !== 0)
      .map((s) => ({ openMinutes: s.open, closeMinutes: s.close })),
  )
}

/** Maps a FullSymbol record to a {@link FullSymbolInfo}. */
export function toFullSymbolInfo(raw: FullSymbolRecord): FullSymbolInfo {
  return {
    name: raw.tradeSymbol,
    id: raw.symbolId,
    digits: raw.digits,
    point: raw.point,
    description: raw.symbolDescription,
    path: raw.trade.symbolPath,
    currencyBase: raw.currencyBase,
    currencyProfit: raw.currencyProfit,
    currencyMargin: raw.currencyMargin,
    contractSize: raw.contractSize,
    tickSize: raw.tickSize,
    tickValue: raw.tickValue,
    calcMode: raw.tradeCalcMode,
    trade: raw.trade,
    quoteSessions: sessions(raw.schedule.quoteSessions),
    tradeSessions: sessions(raw.schedule.tradeSessions),
    subscription: raw.subscription,
    raw,
  }
}

/**
 * The full specification of a symbol (cmd 18 with the symbol-id list, official form): trade
 * configuration, weekly session schedule and subscription. Cached per name until
 * `invalidateSymbols()` or a symbol-list reload.
 *
 * @example
 * ```ts
 * const spec = await client.fullSymbolInfo('EURUSD')
 * console.log(spec.contractSize, spec.tradeSessions[1])
 * ```
 * @param client - A logged-in client.
 * @param name - Symbol name.
 * @returns The decoded specification.
 * @throws {@link SymbolNotFoundError} for an unknown name or when the server returns no record;
 * {@link MT5TimeoutError}; {@link ProtocolError}.
 */
export async function fullSymbolInfo(client: BaseClient, name: string): Promise<FullSymbolInfo> {
  const state = marketState(client)
  const cached = state.full.get(name) as FullSymbolInfo | undefined
  if (cached) return cached
  const info = await resolveSymbol(client, name)
  const records = decodeFullSymbols(
    await client.request(Command.fullSymbols, encodeFullSymbolRequest([info.id])),
  )
  const record = records.find((r) => r.symbolId === info.id) ?? records.find((r) => r.tradeSymbol === name)
  if (!record) throw new SymbolNotFoundError(name)
  const full = toFullSymbolInfo(record)
  state.full.set(name, full)
  return full
}
