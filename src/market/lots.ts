/** Lenient wire-volume conversion for push paths, which must never throw. */
import { unitsToLots } from '../codec/volume.js'

/** Lots × 10^8 → lots: exact when possible, else the nearest double (negative values kept). */
export function toLots(units: bigint): number {
  try {
    return unitsToLots(units)
  } catch {
    return Number(units) / 1e8
  }
}
