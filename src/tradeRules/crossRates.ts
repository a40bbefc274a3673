/**
 * Currency conversion rates through other symbols' quotes (docs/architecture.md#local-calculations): a
 * direct pair, its
 * inverse, else a triangulation through USD. RUB and RUR count as the same currency.
 */

/** A symbol usable for conversion. */
export interface RateSymbol {
  name: string
  /** Base currency; when given, a pair is also recognised by its currencies, not only its name. */
  currencyBase?: string
  /** Profit (quote) currency. */
  currencyProfit?: string
}

/** Quotes and symbols available for conversion. */
export interface RateSource {
  symbols: readonly RateSymbol[]
  quote(symbol: string): { bid: number; ask: number } | undefined
}

/** `buy` (asks of direct pairs) and `sell` (bids of direct pairs) rates source → target. */
export interface ConversionRates {
  buy: number
  sell: number
}

function norm(currency: string): string {
  const c = currency.toUpperCase()
  return c === 'RUR' ? 'RUB' : c
}

/** True when two currency codes are the same (RUB = RUR). */
export function sameCurrency(a: string, b: string): boolean {
  return norm(a) === norm(b)
}

function findPair(base: string, quote: string, source: RateSource): string | undefined {
  const exact = source.symbols.find((s) => s.name === base + quote)
  if (exact) return exact.name
  const byCurrency = source.symbols.find(
    (s) =>
      s.currencyBase !== undefined &&
      s.currencyProfit !== undefined &&
      sameCurrency(s.currencyBase, base) &&
      sameCurrency(s.currencyProfit, quote),
  )
  if (byCurrency) return byCurrency.name
  const named = source.symbols
    .filter((s) => s.name.startsWith(base) && s.name.endsWith(quote))
    .map((s) => s.name)
    .sort()
  return named[0]
}

function quoteOf(
  name: string,
  source: RateSource,
  current: string | undefined,
  fallback: number,
): { bid: number; ask: number } | undefined {
  const q = source.quote(name)
  let bid = q?.bid ?? 0
  let ask = q?.ask ?? 0
  if (name === current) {
    if (!(bid > 0)) bid = fallback
    if (!(ask > 0)) ask = fallback
  }
  if (!(bid > 0)) bid = ask
  if (!(ask > 0)) ask = bid
  return bid > 0 ? { bid, ask } : undefined
}

/** One side of a conversion `base → quote`: direct `preferAsk ? ask : bid`, inverse `1 / (preferAsk ? bid : ask)`, else 0. */
export function rateSide(
  base: string,
  quote: string,
  preferAsk: boolean,
  source: RateSource,
  current?: string,
  fallback = 0,
): number {
  const direct = findPair(base, quote, source)
  if (direct !== undefined) {
    const q = quoteOf(direct, source, current, fallback)
    if (q) return preferAsk ? q.ask : q.bid
  }
  const inverse = findPair(quote, base, source)
  if (inverse !== undefined) {
    const q = quoteOf(inverse, source, current, fallback)
    if (q) {
      const p = preferAsk ? q.bid : q.ask
      return p > 0 ? 1 / p : 0
    }
  }
  return 0
}

/**
 * Conversion rates from `from` into `to`, or `undefined` when no quoted path exists.
 * @param current the symbol being priced: its missing quote sides are filled with `fallback`
 */
export function conversionRates(
  from: string,
  to: string,
  source: RateSource,
  current?: string,
  fallback = 0,
): ConversionRates | undefined {
  if (sameCurrency(from, to)) return { buy: 1, sell: 1 }
  const buy = rateSide(from, to, true, source, current, fallback)
  const sell = rateSide(from, to, false, source, current, fallback)
  if (buy > 0 && sell > 0) return { buy, sell }
  if (!sameCurrency(from, 'USD') && !sameCurrency(to, 'USD')) {
    const b =
      rateSide(from, 'USD', true, source, current, fallback) *
      rateSide('USD', to, true, source, current, fallback)
    const s =
      rateSide(from, 'USD', false, source, current, fallback) *
      rateSide('USD', to, false, source, current, fallback)
    if (b > 0 && s > 0) return { buy: b, sell: s }
  }
  return undefined
}
