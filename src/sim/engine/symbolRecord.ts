/** Builds the wire `FullSymbolRecord` (cmd 18 / cmd 13) of a resolved symbol. */
import { type FullSymbolRecord, fullSymbolSchema } from '../../codec/schemas/fullSymbol.js'
import type { Session, SymbolSpec, WeekSessions } from './config.js'

function sessions(week: WeekSessions): Session[][] {
  return Array.from({ length: 7 }, (_, day) => {
    const list = (week[day] ?? []).slice(0, 16).map((s) => ({ open: s.open, close: s.close }))
    while (list.length < 16) list.push({ open: 0, close: 0 })
    return list
  })
}

/** The full specification of `spec` with numeric id `symbolId` (other fields zero/empty). */
export function toFullSymbolRecord(spec: SymbolSpec, symbolId: number): FullSymbolRecord {
  const c = spec.config
  const zero = fullSymbolSchema.zero()
  return {
    ...zero,
    tradeSymbol: c.name,
    symbolDescription: c.description,
    currencyBase: c.currencyBase,
    currencyProfit: c.currencyProfit,
    currencyMargin: c.currencyMargin,
    currencyBaseDigits: 2,
    currencyProfitDigits: 2,
    currencyMarginDigits: 2,
    digits: c.digits,
    point: spec.point,
    symbolMultiply: 1,
    symbolId,
    ticksChartMode: 0,
    spread: 0,
    tickValue: c.tickValue,
    tickSize: c.tickSize,
    contractSize: c.contractSize,
    tradeCalcMode: c.calcMode,
    faceValue: c.faceValue,
    accruedInterest: c.accruedInterest,
    trade: { ...spec.trade },
    schedule: {
      ...zero.schedule,
      quoteSessions: sessions(c.quoteSessions),
      tradeSessions: sessions(c.tradeSessions),
    },
  }
}
