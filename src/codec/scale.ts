/**
 * Price scaling (docs/architecture.md#volumes-prices-and-times). Tick (cmd 8), symbol-statistics (cmd 17)
 * and book (cmd 23) prices
 * arrive as `price × 10^digits`; the official client divides by `10^min(digits, 8)` and rounds to
 * `digits` decimals with its own rounding function, reproduced here as {@link roundToDigits}.
 */

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000] as const

function clampDigits(digits: number): number {
  if (!(digits > 0)) return 0
  return digits >= 8 ? 8 : Math.trunc(digits)
}

/**
 * The official client's rounding: with `d` clamped to 0…8 and `m = 10^d`,
 * `floor(x·m + 0.5000001) / m` for `x ≥ 0` and `ceil(x·m − 0.5000001) / m` for `x < 0`
 * (half away from zero with a small epsilon). Non-finite values, and values too large to scale,
 * come back unchanged.
 */
export function roundToDigits(x: number, digits: number): number {
  const m = POW10[clampDigits(digits)]!
  const scaled = x * m
  if (!Number.isFinite(scaled)) return x
  return x >= 0 ? Math.floor(scaled + 0.5000001) / m : Math.ceil(scaled - 0.5000001) / m
}

/**
 * The price step of `digits` decimals: the double nearest to 10^-digits, read from the decimal
 * string (`10 ** -5` is 0.000009999999999999999, which users then see in specs and prices).
 */
export function pointOf(digits: number): number {
  return Number(`1e-${digits > 0 ? Math.trunc(digits) : 0}`)
}

/**
 * Money rounded to a currency's `digits` decimals, as the server (and the simulator) rounds its
 * figures: the decimal nearest to the double's exact value, so a result never shows binary noise
 * (1085.8000000000002 → 1085.8). It differs from {@link roundToDigits} (the official client's price
 * rounding, half up with an epsilon) only on doubles just below a half cent, where the server's
 * figure is the one to match.
 */
export function roundMoney(value: number, digits: number): number {
  return Number(value.toFixed(digits > 0 ? Math.min(Math.trunc(digits), 100) : 0))
}

/** Wire value `price × 10^digits` → price rounded to `digits` decimals (official client). */
export function unscalePrice(raw: number, digits: number): number {
  return roundToDigits(raw / POW10[clampDigits(digits)]!, digits)
}

/** Price → wire value `round(price × 10^min(digits, 8))` (the inverse of {@link unscalePrice}). */
export function scalePrice(price: number, digits: number): number {
  return Math.round(price * POW10[clampDigits(digits)]!)
}
