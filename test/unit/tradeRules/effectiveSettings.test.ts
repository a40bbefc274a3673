import { describe, expect, it } from 'vitest'
import {
  applyOverride,
  effectiveSettings,
  SENTINEL_F64,
  SENTINEL_I32,
  SENTINEL_U32,
} from '../../../src/tradeRules/effectiveSettings.js'
import { settings } from './helpers.js'

function sentinelBlock(mask: string) {
  const s = settings({ symbolPath: mask })
  return {
    ...s,
    spreadDiff: SENTINEL_I32,
    spreadDiffBalance: SENTINEL_I32,
    tradeStopsLevel: SENTINEL_I32,
    tradeFreezeLevel: SENTINEL_I32,
    swapRollover3days: SENTINEL_I32,
    tradeMode: SENTINEL_U32,
    tradeExemode: SENTINEL_U32,
    tradeFillFlags: SENTINEL_U32,
    tradeTimeFlags: SENTINEL_U32,
    tradeOrderFlags: SENTINEL_U32,
    tradeRequestFlags: SENTINEL_U32,
    tradeRequestTimeout: SENTINEL_U32,
    tradeInstantFlags: SENTINEL_U32,
    tradeInstantTimeout: SENTINEL_U32,
    tradeInstantSlipProfit: SENTINEL_U32,
    tradeInstantSlipLosing: SENTINEL_U32,
    tradeInstantCheckmode: SENTINEL_U32,
    tradeMarketFlags: SENTINEL_U32,
    tradeExchangeFlags: SENTINEL_U32,
    marginFlags: SENTINEL_U32,
    swapMode: SENTINEL_U32,
    permissionsFlags: SENTINEL_U32,
    permissionsBookdepth: SENTINEL_U32,
    tradeInstantVolume: 0n,
    volumeMin: 0xffff_ffff_ffff_ffffn,
    volumeMax: 0n,
    volumeStep: 0n,
    volumeLimit: 0n,
    marginInitial: SENTINEL_F64,
    marginMaintenance: SENTINEL_F64,
    marginRateLiquidity: SENTINEL_F64,
    marginHedged: SENTINEL_F64,
    marginRateCurrency: SENTINEL_F64,
    swapLong: SENTINEL_F64,
    swapShort: SENTINEL_F64,
    marginRatesInitial: Array(8).fill(SENTINEL_F64),
    marginRatesMaintenance: Array(8).fill(SENTINEL_F64),
    swapRates: Array(7).fill(SENTINEL_F64),
  }
}

describe('effectiveSettings', () => {
  const own = settings({
    tradeStopsLevel: 10,
    volumeMin: 1_000_000n,
    marginRatesInitial: [1, 1, 1, 1, 1, 1, 1, 1],
  })

  it('an all-sentinel block changes nothing', () => {
    expect(applyOverride(own, sentinelBlock('*'))).toEqual(own)
  })

  it('copies non-sentinel fields of the last matching block and keeps the path', () => {
    const a = { ...sentinelBlock('Forex\\*'), tradeStopsLevel: 50 }
    const b = {
      ...sentinelBlock('Forex\\Majors\\*'),
      volumeMin: 10_000_000n,
      marginRatesInitial: [2, SENTINEL_F64, 0, 0, 0, 0, 0, 0],
    }
    const c = { ...sentinelBlock('Metals\\*'), tradeStopsLevel: 99 }
    const eff = effectiveSettings(own, [a, b, c])
    // last matching is b: a's stops level is reset to the symbol's own
    expect(eff.tradeStopsLevel).toBe(10)
    expect(eff.volumeMin).toBe(10_000_000n)
    expect(eff.marginRatesInitial[0]).toBe(2)
    expect(eff.marginRatesInitial[1]).toBe(1)
    expect(eff.symbolPath).toBe(own.symbolPath)
  })

  it('respects ! exclusions', () => {
    const a = { ...sentinelBlock('*,!Forex\\Majors\\*'), tradeMode: 3 }
    expect(effectiveSettings(own, [a]).tradeMode).toBe(4)
    expect(effectiveSettings({ ...own, symbolPath: 'Metals\\XAUUSD' }, [a]).tradeMode).toBe(3)
  })

  it('does not mutate the inputs', () => {
    const block = { ...sentinelBlock('*'), marginRatesInitial: [3, 3, 3, 3, 3, 3, 3, 3] }
    effectiveSettings(own, [block])
    expect(own.marginRatesInitial).toEqual([1, 1, 1, 1, 1, 1, 1, 1])
  })
})
