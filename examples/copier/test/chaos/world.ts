/**
 * A scenario's world on the simulator: the source broker (the simulator's default broker, sessions
 * open around the clock) and one derived broker per target with the target's setup (symbol suffix,
 * volume step and limits, a missing symbol, netting or hedging), and the copier config for it.
 */
import { ALWAYS_OPEN, type BrokerConfig, defaultBroker, defineAccount, deriveBroker } from 'mt5web/sim'
import type { CopierConfigInput } from '../../src/config/schema.js'
import type { Scenario, TargetSetup } from './scenario.js'

/** 2026-01-07 12:00 UTC, a Wednesday: the run stays within this day (see MAX_ADVANCE_MS). */
export const START_MS = Date.UTC(2026, 0, 7, 12)
/** Clock moves of a run stop adding up past 8 hours: the trading-hours windows hold all along. */
export const MAX_ADVANCE_MS = 8 * 3600_000
export const SOURCE_LOGIN = 10001
export const HEDGING = 10001
export const NETTING = 10002
export const PASSWORD = 'Demo1234'
export const secretsEnv = { CHAOS_SOURCE_PW: PASSWORD, CHAOS_TARGET_PW: PASSWORD }
/** The executor's trade timeout in the campaign; held replies arrive later than this. */
export const TRADE_TIMEOUT_MS = 500

/** The login of a target on its broker. */
export const loginOf = (t: TargetSetup): number => (t.netting ? NETTING : HEDGING)

/** The brokers of a scenario: the source first, then one per target. */
export function brokersOf(scenario: Scenario): BrokerConfig[] {
  const source = defaultBroker()
  source.symbols = source.symbols.map((s) => ({
    ...s,
    tradeSessions: ALWAYS_OPEN,
    quoteSessions: ALWAYS_OPEN,
  }))
  const targets = scenario.targets.map((t, i) => {
    const b = deriveBroker(source, {
      name: t.broker,
      rename: (n) => `${n}${t.suffix}`,
      symbolOverrides: { volumeMin: t.volumeStep, volumeStep: t.volumeStep, volumeMax: t.volumeMax },
      accounts: [
        defineAccount({ login: HEDGING, name: 'Target hedging' }),
        defineAccount({ login: NETTING, name: 'Target netting', marginMode: 0 }),
      ],
    })
    if (t.missingSymbol !== undefined) {
      const gone = `${t.missingSymbol}${t.suffix}`
      b.symbols = b.symbols.filter((s) => s.name !== gone)
    }
    // distinct ticket ranges: a copy's ticket is never mistaken for its source's
    b.firstOrderTicket = BigInt(i + 2) * 10_000_000n
    return b
  })
  return [source, ...targets]
}

/** The copier config of a scenario on a running simulator. */
export function configOf(
  scenario: Scenario,
  url: (broker?: string) => string,
  statePath: string,
): CopierConfigInput {
  return {
    source: { server: url(), login: SOURCE_LOGIN, password: 'env:CHAOS_SOURCE_PW' },
    targets: scenario.targets.map((t) => ({
      id: t.id,
      server: url(t.broker),
      login: loginOf(t),
      password: 'env:CHAOS_TARGET_PW',
      symbols: t.suffix === '' ? {} : { '*': `*${t.suffix}` },
      lots: {
        multiplier: t.lots.multiplier,
        belowMin: t.lots.belowMin,
        aboveMax: t.lots.aboveMax,
        ...(t.lots.min === undefined ? {} : { min: t.lots.min }),
        ...(t.lots.max === undefined ? {} : { max: t.lots.max }),
      },
      orderTypes: t.orderTypes,
      ...(t.maxPendingOrders === undefined ? {} : { maxPendingOrders: t.maxPendingOrders }),
      orphans: t.orphans,
      sourceFilled: { policy: t.sourceFilled },
      sltp: t.sltp,
      expiration: t.expiration,
      marginCheck: t.marginCheck,
      ...(t.tradingHours === 'none'
        ? {}
        : {
            tradingHours:
              t.tradingHours === 'open'
                ? [{ from: '06:00', to: '23:00' }]
                : [{ days: ['mon', 'tue', 'thu', 'fri'], from: '00:00', to: '23:00' }],
          }),
    })),
    reconcileSeconds: 2,
    state: { path: statePath },
  } as CopierConfigInput
}
