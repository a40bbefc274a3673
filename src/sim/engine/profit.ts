/** Profit of a position or deal per calculation mode (docs/architecture.md#local-calculations), converted to the deposit currency. */
import type { SymbolSpec } from './config.js'
import { CalcMode } from './constants.js'
import { conversionRates, type PriceSource } from './conversion.js'

/** Raw profit in the symbol's profit currency; `dir` +1 buy, −1 sell, `lots` in lots. */
export function rawProfit(
  spec: SymbolSpec,
  dir: 1 | -1,
  lots: number,
  priceOpen: number,
  priceClose: number,
): number {
  const c = spec.config
  const pv = c.tickSize > 0 ? c.tickValue / c.tickSize : c.tickValue
  switch (c.calcMode) {
    case CalcMode.ExchangeBonds:
    case CalcMode.ExchangeMoexBonds:
      return (
        dir *
        ((priceClose / 100) * c.faceValue + c.accruedInterest - (priceOpen / 100) * c.faceValue) *
        c.contractSize *
        lots
      )
    case CalcMode.Collateral:
      return 0
    case CalcMode.Futures:
    case CalcMode.ExchangeFutures:
    case CalcMode.ExchangeOption:
    case CalcMode.ExchangeMarginOption:
      return dir * (priceClose - priceOpen) * lots * pv
    case CalcMode.FortsFutures:
      return dir * (priceClose * pv - priceOpen * pv) * lots
    default:
      return dir * (priceClose - priceOpen) * c.contractSize * lots
  }
}

/** Profit in the deposit currency and the rate used; undefined when no conversion path exists. */
export interface ProfitResult {
  profit: number
  rate: number
}

/** Profit converted to `currency` with the current prices (forex: by direction, others: by sign). */
export function calcProfit(
  spec: SymbolSpec,
  dir: 1 | -1,
  lots: number,
  priceOpen: number,
  priceClose: number,
  currency: string,
  prices: PriceSource,
): ProfitResult | undefined {
  const raw = rawProfit(spec, dir, lots, priceOpen, priceClose)
  const rates = conversionRates(spec.config.currencyProfit, currency, prices)
  if (!rates) return undefined
  const forex = spec.config.calcMode === CalcMode.Forex || spec.config.calcMode === CalcMode.ForexNoLeverage
  const rate = forex ? (dir > 0 ? rates.buy : rates.sell) : raw > 0 ? rates.sell : rates.buy
  return { profit: raw * rate, rate }
}

/** Rounds money to the account's currency digits (the one rounding the SDK uses for money too). */
export { roundMoney } from '../../codec/scale.js'
