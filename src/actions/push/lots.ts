/** Wire volume units → lots, exact when possible; never throws (push paths must not break). */
import { unitsToLots } from '../../codec/volume.js'

/** `units / 10^8` as lots: exact via `unitsToLots`, else the nearest double; negatives read as 0. */
export function lotsOf(units: bigint): number {
  if (units <= 0n) return 0
  try {
    return unitsToLots(units)
  } catch {
    return Number(units) / 1e8
  }
}
