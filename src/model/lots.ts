/** Wire volume (lots × 10^8) → lots, for domain objects and push paths, which must never throw. */
import { unitsToLots } from '../codec/volume.js'

const MAX_EXACT = 9_007_199_254_740_992n

/**
 * Lots × 10^8 → lots: exact when possible, else the nearest double (negative values kept). Up to
 * 2^53 units the correctly rounded `Number(units) / 1e8` is the same double as the decimal
 * conversion, without the string round trip (hot path: every tick volume).
 */
export function toLots(units: bigint): number {
  if (units <= MAX_EXACT && units >= -MAX_EXACT) return Number(units) / 1e8
  try {
    return unitsToLots(units)
  } catch {
    return Number(units) / 1e8
  }
}

/** {@link toLots} for record volumes, where a negative i64 reads as 0. */
export function volumeToLots(units: bigint): number {
  return units <= 0n ? 0 : toLots(units)
}
