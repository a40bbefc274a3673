/**
 * The demo's world: a source broker and three target brokers that differ the way real ones do, on
 * one simulator, and the copier configuration that bridges them.
 *
 * - `suffix-m`  (MarketsM):  symbols `EURUSD.m`, volume step 0.01, hedging; multiplier 2;
 * - `pro-net`   (ProNetting): symbols `EURUSDpro`, volume min 0.1 / step 0.1, a netting account;
 *   multiplier 0.5 and `raiseToMin` for small copies;
 * - `limit-only` (LimitOnly): its symbols allow only market and limit orders, and the target
 *   accepts only `buyLimit`/`sellLimit` (stops are shown as not eligible).
 *
 * Every session is open around the clock and the server runs on the wall clock: the demo works on
 * any day of the week.
 */
import { ALWAYS_OPEN, type BrokerConfig, defaultBroker, defineAccount, deriveBroker } from 'mt5web/sim'
import type { CopierConfigInput } from '../src/config/schema.js'

export const SOURCE_LOGIN = 10001
export const TARGET_LOGIN = 10001
export const NETTING_LOGIN = 10002
/** Demo accounts' password: the simulator's default, fed to the copier as `env:` references. */
export const DEMO_PASSWORD = 'Demo1234'

/** The simulator's brokers: the source first. */
export function demoBrokers(): BrokerConfig[] {
  const source = defaultBroker()
  source.symbols = source.symbols.map((s) => ({
    ...s,
    tradeSessions: ALWAYS_OPEN,
    quoteSessions: ALWAYS_OPEN,
  }))
  const suffix = deriveBroker(source, { name: 'MarketsM', rename: (n) => `${n}.m` })
  suffix.firstOrderTicket = 20_000_000n
  const pro = deriveBroker(source, {
    name: 'ProNetting',
    rename: (n) => `${n}pro`,
    symbolOverrides: { volumeMin: 0.1, volumeStep: 0.1, volumeMax: 50 },
    accounts: [defineAccount({ login: NETTING_LOGIN, name: 'Pro netting', marginMode: 0 })],
  })
  pro.firstOrderTicket = 30_000_000n
  // OrderFlags: market 1, limit 2, SL 16, TP 32 (no stop, no stop-limit)
  const limits = deriveBroker(source, { name: 'LimitOnly', symbolOverrides: { orderFlags: 1 | 2 | 16 | 32 } })
  limits.firstOrderTicket = 40_000_000n
  return [source, suffix, pro, limits]
}

/** The copier configuration of the demo, for a simulator whose broker URL is `url(name)`. */
export function demoConfig(url: (broker?: string) => string, statePath: string): CopierConfigInput {
  return {
    source: { server: url(), login: SOURCE_LOGIN, password: 'env:DEMO_SOURCE_PASSWORD' },
    targets: [
      {
        id: 'suffix-m',
        server: url('MarketsM'),
        login: TARGET_LOGIN,
        password: 'env:DEMO_TARGET_PASSWORD',
        symbols: { '*': '*.m' },
        lots: { multiplier: 2 },
        // the simulator converts margin through the broker's own symbol names, which this renamed
        // broker lacks (EURUSD.m, no EURUSD): orderCheck cannot compute a margin here
        marginCheck: false,
        orphans: { policy: 'kill', checkEvery: 2, confirmations: 2 },
      },
      {
        id: 'pro-net',
        server: url('ProNetting'),
        login: NETTING_LOGIN,
        password: 'env:DEMO_TARGET_PASSWORD',
        symbols: { '*': '*pro' },
        lots: { multiplier: 0.5, belowMin: 'raiseToMin' },
        marginCheck: false,
        orphans: { policy: 'kill', checkEvery: 2, confirmations: 2 },
      },
      {
        id: 'limit-only',
        server: url('LimitOnly'),
        login: TARGET_LOGIN,
        password: 'env:DEMO_TARGET_PASSWORD',
        orderTypes: ['buyLimit', 'sellLimit'],
        orphans: { policy: 'kill', checkEvery: 2, confirmations: 2 },
      },
    ],
    // short periods so that orphans are confirmed within seconds (production: 30 s and 3 checks)
    reconcileSeconds: 2,
    state: { path: statePath },
  }
}

/** The environment the config's password references read. */
export const demoSecrets = { DEMO_SOURCE_PASSWORD: DEMO_PASSWORD, DEMO_TARGET_PASSWORD: DEMO_PASSWORD }
