/**
 * Currency conversion through other symbols' prices (docs/architecture.md#local-calculations): a direct pair
 * (base = source, profit = target), its inverse, else a triangulation through USD.
 */
import type { SymbolSpec } from './config.js'

/** Current prices of the broker's symbols. */
export interface PriceSource {
  symbols: readonly SymbolSpec[]
  quote(symbol: string): { bid: number; ask: number } | undefined
}

/** Conversion rates `source → target`: `buy` uses asks (direct) / bids (inverse), `sell` the reverse. */
export interface Rates {
  buy: number
  sell: number
}

function side(base: string, quote: string, preferAsk: boolean, prices: PriceSource): number {
  for (const s of prices.symbols) {
    const c = s.config
    const q = prices.quote(c.name)
    if (!q) continue
    if (c.currencyBase === base && c.currencyProfit === quote) return preferAsk ? q.ask : q.bid
  }
  for (const s of prices.symbols) {
    const c = s.config
    const q = prices.quote(c.name)
    if (!q) continue
    if (c.currencyBase === quote && c.currencyProfit === base) {
      const p = preferAsk ? q.bid : q.ask
      return p > 0 ? 1 / p : 0
    }
  }
  return 0
}

/** Rates to convert an amount in `source` into `target`; undefined when no price path exists. */
export function conversionRates(source: string, target: string, prices: PriceSource): Rates | undefined {
  if (source === target) return { buy: 1, sell: 1 }
  const buy = side(source, target, true, prices)
  const sell = side(source, target, false, prices)
  if (buy > 0 && sell > 0) return { buy, sell }
  if (source !== 'USD' && target !== 'USD') {
    const b = side(source, 'USD', true, prices) * side('USD', target, true, prices)
    const s = side(source, 'USD', false, prices) * side('USD', target, false, prices)
    if (b > 0 && s > 0) return { buy: b, sell: s }
  }
  return undefined
}
