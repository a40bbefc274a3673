/**
 * Volume checks (docs/architecture.md#trade-requests) in wire units (lots × 10^8), so no float comparison is
 * involved.
 */
import { lotsToUnits, unitsToLots } from '../codec/volume.js'
import { TradeRetcode } from '../enums.js'
import { ValidationError } from '../errors.js'

/** Volume limits of a symbol, lots × 10^8. */
export interface VolumeLimits {
  volumeMin: bigint
  volumeMax: bigint
  volumeStep: bigint
}

/**
 * Official volume check: > 0; ≥ min unless it fully closes a position; ≤ max (when max > 0); a
 * multiple of step (when step > 0). Returns 0 or 10014.
 * @param fullClose true when the volume closes a whole position (the minimum does not apply)
 */
export function volumeRetcode(units: bigint, limits: VolumeLimits, fullClose = false): number {
  if (units <= 0n) return TradeRetcode.InvalidVolume
  if (!fullClose && units < limits.volumeMin) return TradeRetcode.InvalidVolume
  if (limits.volumeMax > 0n && units > limits.volumeMax) return TradeRetcode.InvalidVolume
  if (!fullClose && limits.volumeStep > 0n && units % limits.volumeStep !== 0n)
    return TradeRetcode.InvalidVolume
  return 0
}

function fmt(units: bigint): string {
  try {
    return String(unitsToLots(units))
  } catch {
    return `${units} units`
  }
}

/**
 * Converts lots to wire units exactly and checks them against the symbol's limits.
 * @returns the volume in lots × 10^8
 * @throws ValidationError naming the limits when the volume is out of range or off the step grid
 */
export function validateVolume(lots: number, limits: VolumeLimits, fullClose = false): bigint {
  const units = lotsToUnits(lots)
  if (volumeRetcode(units, limits, fullClose) === 0) return units
  throw new ValidationError(
    `volume ${lots} lots is invalid: it must be > 0, between ${fmt(limits.volumeMin)} and ${fmt(limits.volumeMax)} lots and a multiple of ${fmt(limits.volumeStep)} lots`,
    { field: 'volume', value: lots },
  )
}
