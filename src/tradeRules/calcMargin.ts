/**
 * Local margin formula per calculation mode (docs/architecture.md#local-calculations), times the symbol's
 * initial margin
 * rate for the order type (`marginRatesInitial[type]`, when > 0 — the official per-type rate;
 * pymt5 omits it), converted from the margin currency into the deposit currency
 * (docs/architecture.md#local-calculations).
 */
import { CalcMode } from '../enums.js'
import { pointValue } from './calcProfit.js'
import { type CalcResult, calcFail, calcOk, direction } from './calcResult.js'
import { conversionRates, type RateSource, sameCurrency } from './crossRates.js'
import { SENTINEL_F64 } from './effectiveSettings.js'
import type { SymbolSpec } from './symbolSpec.js'

/** Inputs of {@link calcMargin}. */
export interface CalcMarginParameters {
  spec: SymbolSpec
  /** Order type (0–7). */
  type: number
  /** Lots. */
  volume: number
  price: number
  /** Account leverage (`marginLeverage`). */
  leverage: number
  accountCurrency: string
  rates: RateSource
}

/** Margin in the symbol's margin currency, before the margin rate. */
export function rawMargin(spec: SymbolSpec, volume: number, price: number, leverage: number): CalcResult {
  const pv = pointValue(spec)
  const initial = spec.trade.marginInitial
  switch (spec.calcMode) {
    case CalcMode.ExchangeBonds:
    case CalcMode.ExchangeMoexBonds:
      if (!(spec.contractSize > 0) || !(spec.faceValue > 0))
        return calcFail(-13, 'contract size and face value must be > 0')
      return calcOk((volume * spec.contractSize * spec.faceValue * price) / 100)
    case CalcMode.Collateral:
      return calcOk(0)
    case CalcMode.ForexNoLeverage:
      if (!(spec.contractSize > 0)) return calcFail(-14, 'contract size must be > 0')
      return calcOk(volume * spec.contractSize)
    case CalcMode.Forex:
    case CalcMode.CfdLeverage:
      if (!(spec.contractSize > 0)) return calcFail(-14, 'contract size must be > 0')
      if (!(leverage > 0)) return calcFail(-15, 'leverage must be > 0')
      return calcOk(
        spec.calcMode === CalcMode.Forex
          ? (volume * spec.contractSize) / leverage
          : ((volume * spec.contractSize) / leverage) * price,
      )
    case CalcMode.Futures:
    case CalcMode.ExchangeFutures:
    case CalcMode.FortsFutures:
      if (initial > 0) return calcOk(volume * initial)
      if (!(spec.tickValue > 0)) return calcFail(-16, 'tick value must be > 0')
      return calcOk(volume * price * pv)
    case CalcMode.CfdIndex:
      if (!(spec.contractSize > 0) || !(spec.tickValue > 0))
        return calcFail(-17, 'contract size and tick value must be > 0')
      return calcOk(volume * spec.contractSize * price * pv)
    case CalcMode.ExchangeStocks:
    case CalcMode.ExchangeOption:
    case CalcMode.ExchangeMarginOption:
    case CalcMode.ExchangeMoexStocks:
      if (initial > 0) return calcOk(volume * initial)
      if (!(spec.contractSize > 0)) return calcFail(-14, 'contract size must be > 0')
      return calcOk(volume * spec.contractSize * price)
    case CalcMode.Cfd:
      if (!(spec.contractSize > 0)) return calcFail(-14, 'contract size must be > 0')
      return calcOk(volume * spec.contractSize * price)
    default:
      return calcFail(-18, `unsupported calculation mode ${spec.calcMode}`)
  }
}

/** The initial margin rate of an order type (1 when unset). */
export function marginRate(spec: SymbolSpec, type: number): number {
  const r = spec.trade.marginRatesInitial[type]
  return r !== undefined && r > 0 && r !== SENTINEL_F64 && Number.isFinite(r) ? r : 1
}

/** Margin for an order in the deposit currency. */
export function calcMargin(p: CalcMarginParameters): CalcResult {
  const dir = direction(p.type)
  if (dir === 0) return calcFail(-1, `order type ${p.type} is neither buy nor sell`)
  const raw = rawMargin(p.spec, p.volume, p.price, p.leverage)
  if (!raw.ok) return raw
  const value = raw.value * marginRate(p.spec, p.type)
  const currency = p.spec.currencyMargin === '' ? p.accountCurrency : p.spec.currencyMargin
  if (value === 0 || sameCurrency(currency, p.accountCurrency)) return calcOk(value)
  const rates = conversionRates(currency, p.accountCurrency, p.rates, p.spec.name, p.price)
  if (rates === undefined) return calcFail(-6, `no quotes to convert ${currency} into ${p.accountCurrency}`)
  return calcOk(value * (dir > 0 ? rates.buy : rates.sell))
}
