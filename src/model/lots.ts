/** Wire volume (lots × 10^8) → lots for domain objects. */
import { unitsToLots } from '../codec/volume.js'

/**
 * `units / 10^8` in lots: exact via `unitsToLots` whenever the decimal fits a double; beyond that
 * (more than ~9 × 10^7 lots, never seen in practice) the nearest double. Negative i64 values read
 * as 0. Never throws, so one odd record cannot break a list or a push.
 */
export function volumeToLots(units: bigint): number {
  if (units <= 0n) return 0
  // Up to 2^53 the correctly rounded division is the same double as the decimal conversion.
  if (units <= 9_007_199_254_740_992n) return Number(units) / 1e8
  try {
    return unitsToLots(units)
  } catch {
    return Number(units) / 1e8
  }
}
