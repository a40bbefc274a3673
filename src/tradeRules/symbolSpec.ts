/**
 * The parts of a full symbol specification (cmd 18) the trading module uses, with the account's
 * group overrides already applied to `trade` ({@link effectiveSettings}).
 */
import { pointOf } from '../codec/scale.js'
import type { FullSymbolRecord } from '../codec/schemas/fullSymbol.js'
import type { ScheduleRecord } from '../codec/schemas/scheduleSession.js'
import type { TradeSettings } from '../codec/schemas/tradeSettings.js'
import { effectiveSettings } from './effectiveSettings.js'

/** What trading checks and formulas need to know about a symbol. */
export interface SymbolSpec {
  name: string
  digits: number
  point: number
  tickSize: number
  /** Profit of one tick for one lot, in the profit currency. */
  tickValue: number
  contractSize: number
  /** `tradeCalcMode`. */
  calcMode: number
  currencyBase: string
  currencyProfit: string
  currencyMargin: string
  faceValue: number
  accruedInterest: number
  /** Effective trade settings (group overrides applied). */
  trade: TradeSettings
  /** Weekly sessions, when known. */
  schedule?: ScheduleRecord
  /** Prices may be negative (futures spreads, some commodities). */
  allowNegativePrices?: boolean
}

/** Builds a {@link SymbolSpec} from a full symbol record and the account's override blocks. */
export function toSymbolSpec(full: FullSymbolRecord, overrides: readonly TradeSettings[] = []): SymbolSpec {
  return {
    name: full.tradeSymbol,
    digits: full.digits,
    point: full.point > 0 ? full.point : pointOf(full.digits),
    tickSize: full.tickSize,
    tickValue: full.tickValue,
    contractSize: full.contractSize,
    calcMode: full.tradeCalcMode,
    currencyBase: full.currencyBase,
    currencyProfit: full.currencyProfit,
    currencyMargin: full.currencyMargin,
    faceValue: full.faceValue,
    accruedInterest: full.accruedInterest,
    trade: effectiveSettings(full.trade, overrides),
    schedule: full.schedule,
  }
}
