/**
 * Floating profit of open positions at the current quotes, for the order manager. Per symbol it
 * loads, once, what the profit formula needs: the specification, the account currency and its
 * digits, and a rate source converting the profit currency into the deposit currency (USDJPY on a
 * USD account converts through its own quote, EURGBP through GBPUSD). It keeps them itself: the
 * trading state's specification cache is dropped when the account's group overrides change.
 *
 * Loading subscribes to the symbol's ticks and to the conversion symbols' ticks (through the
 * marketData module), since the profit can only follow the quotes it receives.
 */
import type { BaseClient } from '../client/types.js'
import { roundMoney } from '../codec/scale.js'
import type { Position } from '../model/types.js'
import { calcProfit } from '../tradeRules/calcProfit.js'
import type { RateSource } from '../tradeRules/crossRates.js'
import type { SymbolSpec } from '../tradeRules/symbolSpec.js'
import { accountBlock, cachedQuote, lastQuote, rateSource, symbolSpec } from './context.js'

/** What the profit of one symbol's positions needs. */
interface Valuation {
  spec: SymbolSpec
  rates: RateSource
  accountCurrency: string
  /** Symbols whose quotes change the profit: the symbol and its conversion symbols. */
  watch: ReadonlySet<string>
}

/** Values positions of the symbols it was asked to load. */
export interface PositionValuer {
  /** Loads a symbol's valuation (once); `onLoaded` runs when it becomes usable. */
  load(symbol: string): void
  /** Symbols (loaded) whose positions a tick of `symbol` re-values. */
  affectedBy(symbol: string): string[]
  /** The position at the current quote, or `undefined` when not loaded or not quoted. */
  revalue(position: Position): Position | undefined
  /** The deposit currency's digits, once known. */
  currencyDigits(): number | undefined
  /** Forgets every valuation (after a reconnect: specifications and the account may have changed). */
  reset(): void
}

/**
 * Creates a valuer.
 * @param onLoaded called with a symbol once its valuation is loaded
 * @param onError called when a symbol cannot be valued (reported once per symbol until a reset)
 */
export function createPositionValuer(
  client: BaseClient,
  onLoaded: (symbol: string) => void,
  onError: (error: Error) => void,
): PositionValuer {
  const loaded = new Map<string, Valuation>()
  /** Symbols loading, loaded or failed since the last reset (each is tried once). */
  const started = new Set<string>()
  let generation = 0
  let digits: number | undefined

  const loadOne = async (symbol: string, gen: number): Promise<void> => {
    const account = await accountBlock(client)
    const spec = await symbolSpec(client, symbol)
    const accountCurrency = account.main.accountCurrency
    const rates = await rateSource(client, [spec.currencyProfit, accountCurrency], [spec])
    // the symbol's own quotes: subscribes when none is cached
    await lastQuote(client, symbol, 1000)
    if (gen !== generation) return
    digits = account.main.currencyDigits
    const watch = new Set([symbol, ...rates.symbols.map((s) => s.name)])
    loaded.set(symbol, { spec, rates, accountCurrency, watch })
    onLoaded(symbol)
  }

  return {
    load(symbol) {
      if (started.has(symbol)) return
      started.add(symbol)
      const gen = generation
      loadOne(symbol, gen).catch((error: unknown) => {
        if (gen === generation) onError(error instanceof Error ? error : new Error(String(error)))
      })
    },
    affectedBy(symbol) {
      const out: string[] = []
      for (const [name, v] of loaded) if (v.watch.has(symbol)) out.push(name)
      return out
    },
    revalue(p) {
      const v = loaded.get(p.symbol)
      const tick = cachedQuote(client, p.symbol)
      if (!v || !tick || digits === undefined) return undefined
      const close = p.type === 0 ? tick.bid : tick.ask
      if (!(close > 0)) return undefined
      const r = calcProfit({
        spec: v.spec,
        type: p.type,
        volume: p.volume,
        priceOpen: p.priceOpen,
        priceClose: close,
        accountCurrency: v.accountCurrency,
        rates: v.rates,
      })
      // no conversion quote yet, or a mode without a formula: keep the server's figure
      if (!r.ok) return undefined
      return { ...p, priceCurrent: close, profit: roundMoney(r.value, digits) }
    },
    currencyDigits: () => digits,
    reset() {
      generation++
      loaded.clear()
      started.clear()
    },
  }
}
