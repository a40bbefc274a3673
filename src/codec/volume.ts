/**
 * Volumes on the wire are integers of lots × 10^8 (docs/architecture.md#volumes-prices-and-times).
 * Conversions go through the
 * decimal string of the number, so 0.07 lots is exactly 7 000 000 units (no `0.07 * 1e8` drift).
 */
import { ProtocolError, ValidationError } from '../errors.js'

/** Wire units per lot. */
export const VOLUME_UNITS_PER_LOT = 100_000_000n

/**
 * Lots → wire units.
 * @throws ValidationError for a non-finite, negative or more than 8-decimal value.
 */
export function lotsToUnits(lots: number): bigint {
  if (typeof lots !== 'number' || !Number.isFinite(lots) || lots < 0) {
    throw new ValidationError(`volume must be a finite non-negative number of lots, got ${lots}`, {
      field: 'volume',
      value: lots,
    })
  }
  // Shortest round-trip decimal form of the double, e.g. "0.07", "1e-8", "1.5e+21".
  const text = String(lots)
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text)
  if (match === null)
    throw new ValidationError(`volume ${text} is not a decimal number`, { field: 'volume', value: lots })
  const intPart = match[1] ?? '0'
  const fracPart = match[2] ?? ''
  const exponent = Number(match[3] ?? '0')
  // value = digits × 10^(exponent − fracPart.length); units = value × 10^8.
  const digits = BigInt(intPart + fracPart)
  const scale = exponent - fracPart.length + 8
  if (scale >= 0) return digits * 10n ** BigInt(scale)
  const divisor = 10n ** BigInt(-scale)
  if (digits % divisor !== 0n) {
    throw new ValidationError(`volume ${text} has more than 8 decimals`, { field: 'volume', value: lots })
  }
  return digits / divisor
}

/**
 * Wire units → lots. Exact for every result a double can hold exactly as the decimal
 * `units / 10^8`; otherwise throws rather than return a rounded number.
 * @throws ProtocolError for negative units or a value that does not survive the conversion.
 */
export function unitsToLots(units: bigint): number {
  if (typeof units !== 'bigint' || units < 0n) {
    throw new ProtocolError(`volume units must be a non-negative bigint, got ${String(units)}`, {
      field: 'volume',
    })
  }
  const whole = units / VOLUME_UNITS_PER_LOT
  const frac = units % VOLUME_UNITS_PER_LOT
  const text = frac === 0n ? `${whole}` : `${whole}.${frac.toString().padStart(8, '0').replace(/0+$/, '')}`
  const lots = Number(text)
  if (!Number.isFinite(lots) || lotsToUnitsUnchecked(lots) !== units) {
    throw new ProtocolError(`volume ${units} units cannot be represented exactly as lots`, {
      field: 'volume',
    })
  }
  return lots
}

function lotsToUnitsUnchecked(lots: number): bigint | undefined {
  try {
    return lotsToUnits(lots)
  } catch {
    return undefined
  }
}
