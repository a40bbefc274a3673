/**
 * Account margin computed locally (docs/architecture.md#symbols-and-trade-settings: the account block has no
 * margin fields; the
 * official client derives margin, free margin and margin level from the positions itself).
 *
 * Each position's margin is {@link calcMargin} at its open price (the simulator engine and MT5 both
 * fix the margin price at opening), converted from the margin currency at the current quotes in
 * `rates`. Hedging accounts count the larger leg per symbol (buy legs against sell legs, as the
 * simulator engine does); netting and exchange accounts add every position. Pending orders need no
 * margin until they trigger. The total is rounded to the deposit currency's digits when given.
 */
import { roundMoney } from '../codec/scale.js'
import { calcMargin } from './calcMargin.js'
import type { RateSource } from './crossRates.js'
import type { SymbolSpec } from './symbolSpec.js'

/** What the margin needs of a position (a `Position` fits). */
export interface MarginPosition {
  symbol: string
  /** 0 buy, 1 sell. */
  type: number
  /** Lots. */
  volume: number
  priceOpen: number
}

/** Inputs of {@link accountMargin}. */
export interface AccountMarginParameters {
  positions: readonly MarginPosition[]
  /** Symbol specifications (effective settings) by name. */
  specs: ReadonlyMap<string, SymbolSpec>
  /** Account leverage (`marginLeverage`). */
  leverage: number
  accountCurrency: string
  /** Larger leg per symbol (hedging, `marginMode` 2) or every position (netting, exchange). */
  hedging: boolean
  /** Quotes for the conversion into the deposit currency. */
  rates: RateSource
  /** Deposit currency digits: the total is rounded to them (omit to keep it unrounded). */
  currencyDigits?: number
}

/** The account margin and the positions it could not price. */
export interface AccountMarginResult {
  margin: number
  /** Symbols left out: no specification, unsupported calculation mode or no conversion quotes. */
  skipped: string[]
}

/** Margin of open positions in the deposit currency. */
export function accountMargin(p: AccountMarginParameters): AccountMarginResult {
  const sides = new Map<string, { buy: number; sell: number }>()
  const skipped = new Set<string>()
  for (const pos of p.positions) {
    const spec = p.specs.get(pos.symbol)
    const r = spec
      ? calcMargin({
          spec,
          type: pos.type === 0 ? 0 : 1,
          volume: pos.volume,
          price: pos.priceOpen,
          leverage: p.leverage,
          accountCurrency: p.accountCurrency,
          rates: p.rates,
        })
      : undefined
    if (!r?.ok) {
      skipped.add(pos.symbol)
      continue
    }
    const side = sides.get(pos.symbol) ?? { buy: 0, sell: 0 }
    if (pos.type === 0) side.buy += r.value
    else side.sell += r.value
    sides.set(pos.symbol, side)
  }
  let total = 0
  for (const s of sides.values()) total += p.hedging ? Math.max(s.buy, s.sell) : s.buy + s.sell
  const margin = p.currencyDigits === undefined ? total : roundMoney(total, p.currencyDigits)
  return { margin, skipped: [...skipped] }
}
