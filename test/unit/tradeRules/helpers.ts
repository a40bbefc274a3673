import { type TradeSettings, tradeSettingsSchema } from '../../../src/codec/schemas/tradeSettings.js'
import type { SymbolSpec } from '../../../src/tradeRules/symbolSpec.js'

/** Trade settings with sensible defaults. */
export function settings(over: Partial<TradeSettings> = {}): TradeSettings {
  return {
    ...tradeSettingsSchema.zero(),
    symbolPath: 'Forex\\Majors\\EURUSD',
    tradeMode: 4,
    tradeExemode: 2,
    tradeFillFlags: 3,
    tradeTimeFlags: 15,
    tradeOrderFlags: 127,
    volumeMin: 1_000_000n,
    volumeMax: 10_000_000_000n,
    volumeStep: 1_000_000n,
    ...over,
  }
}

/** A EURUSD-like forex spec. */
export function spec(over: Partial<SymbolSpec> = {}, trade: Partial<TradeSettings> = {}): SymbolSpec {
  return {
    name: 'EURUSD',
    digits: 5,
    point: 0.00001,
    tickSize: 0.00001,
    tickValue: 1,
    contractSize: 100_000,
    calcMode: 0,
    currencyBase: 'EUR',
    currencyProfit: 'USD',
    currencyMargin: 'EUR',
    faceValue: 0,
    accruedInterest: 0,
    trade: settings(trade),
    ...over,
  }
}
