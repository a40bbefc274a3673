/**
 * Price normalisation before sending (docs/architecture.md#volumes-prices-and-times): `round(price /
 * tickSize, 0) × tickSize` when
 * `tickSize > 0`, then `round(…, digits)`, both with the official rounding ({@link roundToDigits}).
 */
import { roundToDigits } from '../codec/scale.js'

/**
 * Snaps `price` to the `tickSize` grid and rounds it to `digits` decimals (official rule): the
 * price-to-tick rounding every price sent to a server must go through.
 * @example normalizePrice(4321.38, 0.25, 2) // 4321.5
 * @param price the price to round
 * @param tickSize the symbol's minimal price change (0 = `digits` only)
 * @param digits the symbol's price decimals
 * @returns the nearest price on the grid
 */
export function normalizePrice(price: number, tickSize: number, digits: number): number {
  if (!Number.isFinite(price)) return price
  const snapped = tickSize > 0 ? roundToDigits(price / tickSize, 0) * tickSize : price
  return roundToDigits(snapped, digits)
}

/** True when `price` is already on the `tickSize` grid at `digits` decimals. */
export function isOnPriceGrid(price: number, tickSize: number, digits: number): boolean {
  return normalizePrice(price, tickSize, digits) === roundToDigits(price, digits)
}
