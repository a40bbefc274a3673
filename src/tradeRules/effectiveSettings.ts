/**
 * Effective trade settings of a symbol (docs/architecture.md#symbols-and-trade-settings): the account's
 * trade-settings blocks are group overrides. For the LAST block whose path mask matches the
 * symbol's path, every field that is not an "inherit" sentinel replaces the symbol's own value.
 * `symbolPath` always stays the symbol's own.
 */
import type { TradeSettings } from '../codec/schemas/tradeSettings.js'
import { matchesPathMask } from './masks.js'

/** "Inherit" sentinel of i32 fields. */
export const SENTINEL_I32 = 2147483647
/** "Inherit" sentinel of u32 fields. */
export const SENTINEL_U32 = 4294967295
/** "Inherit" sentinel of f64 fields (and each element of f64 arrays). */
export const SENTINEL_F64 = 1.7976931348623157e308
const U64_MAX = 0xffff_ffff_ffff_ffffn

const i32Fields = [
  'spreadDiff',
  'spreadDiffBalance',
  'tradeStopsLevel',
  'tradeFreezeLevel',
  'swapRollover3days',
] as const
const u32Fields = [
  'tradeMode',
  'tradeExemode',
  'tradeFillFlags',
  'tradeTimeFlags',
  'tradeOrderFlags',
  'tradeRequestFlags',
  'tradeRequestTimeout',
  'tradeInstantFlags',
  'tradeInstantTimeout',
  'tradeInstantSlipProfit',
  'tradeInstantSlipLosing',
  'tradeInstantCheckmode',
  'tradeMarketFlags',
  'tradeExchangeFlags',
  'marginFlags',
  'swapMode',
  'permissionsFlags',
  'permissionsBookdepth',
] as const
const u64Fields = ['tradeInstantVolume', 'volumeMin', 'volumeMax', 'volumeStep', 'volumeLimit'] as const
const f64Fields = [
  'marginInitial',
  'marginMaintenance',
  'marginRateLiquidity',
  'marginHedged',
  'marginRateCurrency',
  'swapLong',
  'swapShort',
] as const
const f64ArrayFields = ['marginRatesInitial', 'marginRatesMaintenance', 'swapRates'] as const

/** Applies one override block to `base` (a copy is returned; `base` is not changed). */
export function applyOverride(base: TradeSettings, override: TradeSettings): TradeSettings {
  const out: TradeSettings = {
    ...base,
    marginRatesInitial: [...base.marginRatesInitial],
    marginRatesMaintenance: [...base.marginRatesMaintenance],
    swapRates: [...base.swapRates],
  }
  for (const k of i32Fields) if (override[k] !== SENTINEL_I32) out[k] = override[k]
  for (const k of u32Fields) if (override[k] !== SENTINEL_U32) out[k] = override[k]
  for (const k of u64Fields) if (override[k] !== 0n && override[k] !== U64_MAX) out[k] = override[k]
  for (const k of f64Fields) if (override[k] !== SENTINEL_F64) out[k] = override[k]
  for (const k of f64ArrayFields) {
    const src = override[k]
    const dst = out[k]
    for (let i = 0; i < dst.length && i < src.length; i++) if (src[i] !== SENTINEL_F64) dst[i] = src[i]!
  }
  return out
}

/**
 * The symbol's effective trade settings under the account's group overrides.
 * @param own the symbol's own `trade` block (its `symbolPath` is the symbol's path)
 * @param overrides the account's trade-settings list, in wire order
 */
export function effectiveSettings(own: TradeSettings, overrides: readonly TradeSettings[]): TradeSettings {
  let last: TradeSettings | undefined
  for (const block of overrides) if (matchesPathMask(block.symbolPath, own.symbolPath)) last = block
  return last === undefined ? own : applyOverride(own, last)
}
