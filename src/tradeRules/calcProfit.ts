/**
 * Local profit formula per calculation mode (docs/architecture.md#local-calculations), converted into the
 * deposit currency
 * through cross rates (docs/architecture.md#local-calculations). Volumes are lots.
 */
import { CalcMode } from '../enums.js'
import { type CalcResult, calcFail, calcOk, direction } from './calcResult.js'
import { conversionRates, type RateSource, sameCurrency } from './crossRates.js'
import type { SymbolSpec } from './symbolSpec.js'

/** Inputs of {@link calcProfit}. */
export interface CalcProfitParameters {
  spec: SymbolSpec
  /** Order type (0–7); buy types give +1, sell types −1. */
  type: number
  /** Lots. */
  volume: number
  priceOpen: number
  priceClose: number
  /** Deposit currency of the account. */
  accountCurrency: string
  /** Quotes for conversion when the profit currency differs. */
  rates: RateSource
}

/** "Point value": tickValue / tickSize (tickValue when tickSize is 0). */
export function pointValue(spec: Pick<SymbolSpec, 'tickValue' | 'tickSize'>): number {
  return spec.tickSize > 0 ? spec.tickValue / spec.tickSize : spec.tickValue
}

/** Profit in the symbol's profit currency. */
export function rawProfit(
  spec: SymbolSpec,
  dir: 1 | -1,
  volume: number,
  priceOpen: number,
  priceClose: number,
): CalcResult {
  const pv = pointValue(spec)
  switch (spec.calcMode) {
    case CalcMode.ExchangeBonds:
    case CalcMode.ExchangeMoexBonds:
      if (!(spec.contractSize > 0) || !(spec.faceValue > 0))
        return calcFail(-10, 'contract size and face value must be > 0')
      return calcOk(
        dir *
          ((priceClose / 100) * spec.faceValue + spec.accruedInterest - (priceOpen / 100) * spec.faceValue) *
          spec.contractSize *
          volume,
      )
    case CalcMode.Collateral:
      return calcOk(0)
    case CalcMode.Futures:
    case CalcMode.ExchangeFutures:
    case CalcMode.ExchangeOption:
    case CalcMode.ExchangeMarginOption:
      if (!(spec.tickValue > 0)) return calcFail(-12, 'tick value must be > 0')
      return calcOk(dir * (priceClose - priceOpen) * volume * pv)
    case CalcMode.FortsFutures:
      if (!(spec.tickValue > 0)) return calcFail(-12, 'tick value must be > 0')
      return calcOk(dir * (priceClose * pv - priceOpen * pv) * volume)
    default:
      if (!(spec.contractSize > 0)) return calcFail(-11, 'contract size must be > 0')
      return calcOk(dir * (priceClose - priceOpen) * spec.contractSize * volume)
  }
}

/**
 * Profit of a trade in the deposit currency. Forex modes convert with the buy rate for buys and the
 * sell rate for sells; other modes with the sell rate for a gain and the buy rate for a loss.
 */
export function calcProfit(p: CalcProfitParameters): CalcResult {
  const dir = direction(p.type)
  if (dir === 0) return calcFail(-1, `order type ${p.type} is neither buy nor sell`)
  const raw = rawProfit(p.spec, dir, p.volume, p.priceOpen, p.priceClose)
  if (!raw.ok || raw.value === 0) return raw
  const currency = p.spec.currencyProfit
  if (currency === '') return calcFail(-4, `symbol ${p.spec.name} has no profit currency`)
  if (sameCurrency(currency, p.accountCurrency)) return raw
  const rates = conversionRates(currency, p.accountCurrency, p.rates, p.spec.name, p.priceClose)
  if (rates === undefined) return calcFail(-5, `no quotes to convert ${currency} into ${p.accountCurrency}`)
  const forex = p.spec.calcMode === CalcMode.Forex || p.spec.calcMode === CalcMode.ForexNoLeverage
  const rate = forex ? (dir > 0 ? rates.buy : rates.sell) : raw.value > 0 ? rates.sell : rates.buy
  return calcOk(raw.value * rate)
}
