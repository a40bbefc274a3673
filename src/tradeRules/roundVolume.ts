/**
 * Rounding a computed volume (a copy's lots × multiplier, a risk-based size) to a symbol's volume
 * step. Works in wire units (lots × 10^8): the value is first snapped to the wire's 10^-8 lot
 * resolution, which absorbs float noise (0.1 × 3 = 0.30000000000000004 is 0.3), then to the step.
 * Units stay below 2^53 (volumes up to 9e7 lots), so plain numbers are exact here, and
 * `units / 10^8` (a correctly rounded division) is the same double as the decimal `lotsToUnits` reads.
 */
import { ValidationError } from '../errors.js'

/** Direction of {@link roundVolumeToStep}: `down` never exceeds the input, `up` never falls short of it. */
export type VolumeRounding = 'down' | 'nearest' | 'up'

function toUnits(lots: number, field: string): number {
  if (!Number.isFinite(lots) || lots < 0 || lots > 9e7)
    throw new ValidationError(`${field} must be a finite number of lots between 0 and 9e7, got ${lots}`, {
      field,
      value: lots,
    })
  return Math.round(lots * 1e8)
}

const UNITS_PER_LOT = 1e8

/**
 * Rounds `lots` to a multiple of `stepLots` (a symbol's `volumeStep`, in lots; 0 = any multiple of
 * 10^-8). Ties of `nearest` go up. The result may be 0 or fall outside the symbol's min/max: check
 * those separately.
 * @example roundVolumeToStep(0.237, 0.01) // 0.24; roundVolumeToStep(0.237, 0.01, 'down') // 0.23
 * @param lots volume to round, ≥ 0
 * @param stepLots volume step in lots, ≥ 0
 * @param mode `nearest` (default), `down` or `up`
 * @returns the rounded volume in lots, exact as a decimal
 * @throws ValidationError for a negative, non-finite or absurdly large volume or step
 */
export function roundVolumeToStep(lots: number, stepLots: number, mode: VolumeRounding = 'nearest'): number {
  const units = toUnits(lots, 'volume')
  const step = toUnits(stepLots, 'volumeStep')
  if (step === 0) return units / UNITS_PER_LOT
  const below = Math.floor(units / step) * step
  if (below === units) return units / UNITS_PER_LOT
  const above = below + step
  if (mode === 'down') return below / UNITS_PER_LOT
  if (mode === 'up') return above / UNITS_PER_LOT
  return (units - below < above - units ? below : above) / UNITS_PER_LOT
}
