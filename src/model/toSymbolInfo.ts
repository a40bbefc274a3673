/** SymbolBasic wire record → the `SymbolInfo` users see. */
import type { SymbolBasicRecord } from '../codec/schemas/symbolBasic.js'
import type { SymbolInfo } from './types.js'

/** Maps one entry of the cmd 6 / cmd 34 symbol list to a {@link SymbolInfo}. */
export function toSymbolInfo(record: SymbolBasicRecord): SymbolInfo {
  return {
    name: record.tradeSymbol,
    id: record.symbolId,
    digits: record.digits,
    description: record.symbolDescription,
    path: record.symbolPath,
    calcMode: record.tradeCalcMode,
    basis: record.basis,
    sector: record.sector,
  }
}
