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
  return volumeProblem(units, limits, fullClose) === undefined ? 0 : TradeRetcode.InvalidVolume
}

/**
 * Why {@link volumeRetcode} refuses a volume, in words naming the one limit that fails
 * (`volume 0.015 lots is not a multiple of the step 0.01 lots`); undefined when it passes.
 */
export function volumeProblem(units: bigint, limits: VolumeLimits, fullClose = false): string | undefined {
  const volume = `volume ${fmt(units)} lots`
  if (units <= 0n) return `${volume} must be greater than 0`
  const range = `${fmt(limits.volumeMin)} to ${fmt(limits.volumeMax)} lots`
  if (!fullClose && units < limits.volumeMin)
    return `${volume} is below the minimum ${fmt(limits.volumeMin)} lots (allowed: ${range})`
  if (limits.volumeMax > 0n && units > limits.volumeMax)
    return `${volume} is above the maximum ${fmt(limits.volumeMax)} lots (allowed: ${range})`
  if (!fullClose && limits.volumeStep > 0n && units % limits.volumeStep !== 0n)
    return `${volume} is not a multiple of the step ${fmt(limits.volumeStep)} lots`
  return undefined
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
 * @throws ValidationError naming the limit that fails (range or step grid)
 */
export function validateVolume(lots: number, limits: VolumeLimits, fullClose = false): bigint {
  const units = lotsToUnits(lots)
  const problem = volumeProblem(units, limits, fullClose)
  if (problem === undefined) return units
  throw new ValidationError(problem, { field: 'volume', value: lots })
}
