/** Margin per calculation mode (docs/architecture.md#local-calculations) × the symbol's margin rate, converted to the deposit currency. */
import type { SymbolSpec } from './config.js'
import { CalcMode } from './constants.js'
import { conversionRates, type PriceSource } from './conversion.js'

/** Raw margin in the symbol's margin currency for `lots` at `price`; undefined for an unsupported mode. */
export function rawMargin(
  spec: SymbolSpec,
  lots: number,
  price: number,
  leverage: number,
): number | undefined {
  const c = spec.config
  const pv = c.tickSize > 0 ? c.tickValue / c.tickSize : c.tickValue
  const rate = c.marginRate
  const lev = leverage > 0 ? leverage : 1
  switch (c.calcMode) {
    case CalcMode.ExchangeBonds:
    case CalcMode.ExchangeMoexBonds:
      return ((lots * c.contractSize * c.faceValue * price) / 100) * rate
    case CalcMode.Collateral:
      return 0
    case CalcMode.ForexNoLeverage:
      return lots * c.contractSize * rate
    case CalcMode.Forex:
      return ((lots * c.contractSize) / lev) * rate
    case CalcMode.CfdLeverage:
      return ((lots * c.contractSize) / lev) * price * rate
    case CalcMode.Futures:
    case CalcMode.ExchangeFutures:
    case CalcMode.FortsFutures:
      return (c.marginInitial > 0 ? lots * c.marginInitial : lots * price * pv) * rate
    case CalcMode.CfdIndex:
      return lots * c.contractSize * price * pv * rate
    case CalcMode.ExchangeStocks:
    case CalcMode.ExchangeOption:
    case CalcMode.ExchangeMarginOption:
    case CalcMode.ExchangeMoexStocks:
      return (c.marginInitial > 0 ? lots * c.marginInitial : lots * c.contractSize * price) * rate
    case CalcMode.Cfd:
      return lots * c.contractSize * price * rate
    default:
      return undefined
  }
}

/** Margin in the deposit currency and the margin-currency rate used. */
export interface MarginResult {
  margin: number
  rate: number
}

/** Margin in `currency` for `lots` at `price`; undefined when the mode or the conversion is unsupported. */
export function calcMargin(
  spec: SymbolSpec,
  dir: 1 | -1,
  lots: number,
  price: number,
  leverage: number,
  currency: string,
  prices: PriceSource,
): MarginResult | undefined {
  const raw = rawMargin(spec, lots, price, leverage)
  if (raw === undefined) return undefined
  const rates = conversionRates(spec.config.currencyMargin, currency, prices)
  if (!rates) return undefined
  const rate = dir > 0 ? rates.buy : rates.sell
  return { margin: raw * rate, rate }
}
