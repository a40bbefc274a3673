/**
 * Enumerations the engine uses: the shared `src/enums.ts` objects under the engine's short names, plus
 * the deal reasons (not in `src/enums.ts`) and volume/type helpers.
 */

export {
  CalcMode,
  DealEntry,
  DealType,
  ExecutionMode as ExeMode,
  FillFlags as FillFlag,
  MarginMode,
  OrderFilling as Filling,
  OrderFlags as OrderFlag,
  OrderState,
  OrderTime as TimeType,
  OrderType,
  SymbolTradeMode as TradeMode,
  TradeAction,
  TradeRetcode as Retcode,
  TransactionFlag as FlagMask,
  TransactionType as TxType,
} from '../../enums.js'

/** Reasons (MQL5 `ENUM_DEAL_REASON`, uncertain on the wire). */
export const Reason = { Client: 0, Mobile: 1, Web: 2, Expert: 3, Sl: 4, Tp: 5, StopOut: 6 } as const

/** Lots → wire volume units (lots × 10^8). */
export const VOLUME_SCALE = 100_000_000n

/** Converts lots to wire units (`lots × 10^8`, rounded). */
export function lotsToUnits(lots: number): bigint {
  return BigInt(Math.round(lots * 1e8))
}

/** Converts wire units to lots. */
export function unitsToLots(units: bigint): number {
  return Number(units) / 1e8
}

/** True for buy order types (0, 2, 4, 6). */
export function isBuyType(type: number): boolean {
  return type % 2 === 0 && type <= 7
}

/** True for pending order types (2…7). */
export function isPendingType(type: number): boolean {
  return type >= 2 && type <= 7
}
