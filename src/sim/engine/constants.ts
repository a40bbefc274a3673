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

// Exact lots ↔ units conversion and order-type classification live in the codec; re-exported under
// the engine's names so engine files keep one import.
export { lotsToUnits, unitsToLots } from '../../codec/volume.js'
export { isBuy as isBuyType, isPending as isPendingType } from '../../enums.js'
