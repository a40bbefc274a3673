/**
 * Shared setup of the copier's end-to-end tests: one simulator process serving a source broker and
 * three differently configured target brokers, on an ephemeral loopback port, with a manual clock on
 * a Wednesday noon, symbols open around the clock (nothing depends on the day the tests run), and
 * copiers built on it.
 *
 * Targets:
 * - `suffix`  (SuffixBroker): symbols renamed `EURUSD.m`, hedging; config `'*': '*.m'`, multiplier 2;
 * - `coarse`  (CoarseBroker): volume 0.1…2 step 0.1, a netting account, server time UTC+2;
 *   multiplier 0.5, `raiseToMin`;
 * - `limits`  (LimitBroker):  only market/limit orders and SL/TP allowed by the symbols, and the
 *   target config allows `buyLimit`/`sellLimit` only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ALWAYS_OPEN,
  type BrokerConfig,
  createManualClock,
  createSimServer,
  defaultBroker,
  defineAccount,
  deriveBroker,
  type ManualClock,
  type Session,
  type SimServer,
} from 'mt5web/sim'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { parseConfig } from '../../src/config/load.js'
import type { CopierConfigInput } from '../../src/config/schema.js'
import { parseTag } from '../../src/link/tag.js'
import { type Copier, type CopierOptions, createCopier } from '../../src/service/copier.js'
import type { ActionEvent } from '../../src/service/events.js'
import { openSqliteStore } from '../../src/state/sqlite.js'

export { until } from '../../../../test/helpers/until.js'

/** 2026-01-07 12:00 UTC, a Wednesday. */
export const WEDNESDAY_NOON = Date.UTC(2026, 0, 7, 12)
export const PASSWORD = 'Demo1234'
export const SOURCE_LOGIN = 10001
export const HEDGING = 10001
export const NETTING = 10002

const DAY: readonly Session[] = [{ open: 0, close: 1440 }]
/** Every day but Wednesday. */
const NOT_WEDNESDAY: readonly (readonly Session[])[] = [DAY, DAY, DAY, [], DAY, DAY, DAY]

/** Order types as the simulator's control takes them. */
export const T = {
  buyLimit: 2,
  sellLimit: 3,
  buyStop: 4,
  sellStop: 5,
  buyStopLimit: 6,
  sellStopLimit: 7,
} as const

/** The source broker and the three target brokers. */
export function brokers(): BrokerConfig[] {
  // sessions open around the clock: a child copier process reads the wall clock, whatever the weekday
  const source = defaultBroker()
  source.symbols = source.symbols.map((s) => ({
    ...s,
    tradeSessions: ALWAYS_OPEN,
    quoteSessions: ALWAYS_OPEN,
  }))
  // distinct ticket ranges: a copy's ticket can never be mistaken for its source's
  const suffix = deriveBroker(source, { name: 'SuffixBroker', rename: (n) => `${n}.m` })
  suffix.firstOrderTicket = 20_000_000n
  const coarse = deriveBroker(source, {
    name: 'CoarseBroker',
    symbolOverrides: { volumeMin: 0.1, volumeStep: 0.1, volumeMax: 2 },
    accounts: [defineAccount({ login: NETTING, name: 'Coarse netting', marginMode: 0 })],
  })
  coarse.firstOrderTicket = 30_000_000n
  // a server in another time zone: its clock runs 2 hours ahead of UTC (and of the source's)
  coarse.timezoneShift = 7200
  const limits = deriveBroker(source, {
    name: 'LimitBroker',
    symbolOverrides: { orderFlags: 1 | 2 | 16 | 32 },
  })
  limits.firstOrderTicket = 40_000_000n
  // a symbol whose trade session is closed on Wednesdays (the simulator's day): sessionClosed
  const eurusd = limits.symbols.find((x) => x.name === 'EURUSD')
  if (eurusd)
    limits.symbols.push({
      ...eurusd,
      name: 'EURUSD.wk',
      path: `${eurusd.path}.wk`,
      tradeSessions: NOT_WEDNESDAY,
    })
  return [source, suffix, coarse, limits]
}

/** A running simulator with its brokers. */
export interface SimEnv {
  sim: SimServer
  clock: ManualClock
  dir: string
  /** Runs `fn` once, right after the simulator executes the next trade matching `when` (before its pushes and result). */
  afterTrade(when: (trade: Record<string, unknown>) => boolean, fn: () => void): void
  close(): Promise<void>
}

/** Starts the simulator (manual clock, Wednesday noon) and a temporary folder for state files; `extra` brokers join the four. */
export async function startSim(extra: readonly BrokerConfig[] = []): Promise<SimEnv> {
  const clock = createManualClock(WEDNESDAY_NOON)
  const hooks: { when: (trade: Record<string, unknown>) => boolean; fn: () => void }[] = []
  const sim = await createSimServer({
    port: 0,
    host: '127.0.0.1',
    clock,
    brokers: [...brokers(), ...extra],
    historyDays: 0,
    log: (event, data) => {
      if (event !== 'trade') return
      const index = hooks.findIndex((h) => h.when(data))
      if (index >= 0) hooks.splice(index, 1)[0]?.fn()
    },
  })
  const dir = mkdtempSync(join(tmpdir(), 'copier-e2e-'))
  return {
    sim,
    clock,
    dir,
    afterTrade(when, fn) {
      hooks.push({ when, fn })
    },
    async close() {
      await sim.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The three targets' config, each overridable. */
export function configInput(
  env: SimEnv,
  overrides: Record<string, Record<string, unknown>> = {},
): CopierConfigInput {
  const { sim } = env
  return {
    source: { server: sim.url(), login: SOURCE_LOGIN, password: 'env:SOURCE_PW' },
    targets: [
      {
        id: 'suffix',
        server: sim.url('SuffixBroker'),
        login: HEDGING,
        password: 'env:TARGET_PW',
        symbols: { '*': '*.m' },
        lots: { multiplier: 2 },
        marginCheck: false,
        ...overrides.suffix,
      },
      {
        id: 'coarse',
        server: sim.url('CoarseBroker'),
        login: NETTING,
        password: 'env:TARGET_PW',
        lots: { multiplier: 0.5, belowMin: 'raiseToMin' },
        ...overrides.coarse,
      },
      {
        id: 'limits',
        server: sim.url('LimitBroker'),
        login: HEDGING,
        password: 'env:TARGET_PW',
        orderTypes: ['buyLimit', 'sellLimit'],
        ...overrides.limits,
      },
    ],
    reconcileSeconds: 3600,
    state: { path: join(env.dir, 'copier.db') },
  } as CopierConfigInput
}

/** Environment with the passwords the config references. */
export const secretsEnv = { SOURCE_PW: PASSWORD, TARGET_PW: PASSWORD }

/** Copier options for tests: sim clock, quick reconnects and retries, secrets from memory. */
export function copierOptions(env: SimEnv, extra: Partial<CopierOptions> = {}): CopierOptions {
  return {
    now: () => env.clock.now(),
    secrets: { env: secretsEnv, baseDir: env.dir, warn: () => undefined },
    clientOptions: {
      timeoutMs: 3000,
      reconnect: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 50, maxDelayMs: 300 },
    },
    execution: { retries: 2, backoffBaseMs: 10, tradeTimeoutMs: 2000 },
    syncTimeoutMs: 10_000,
    ...extra,
  }
}

/** A copier on the simulator, recording its events. */
export interface TestCopier {
  copier: Copier
  events: ActionEvent[]
  close(): Promise<void>
}

/** Creates a copier (state in the env's folder unless a store is given). */
export function makeCopier(
  env: SimEnv,
  input: CopierConfigInput = configInput(env),
  extra: Partial<CopierOptions> = {},
): TestCopier {
  const config = parseConfig(input)
  const copier = createCopier(
    config,
    // open the SQLite state only when no store is given: a fleet member's config names none, and the
    // default path would leave a copier.db in the working directory
    copierOptions(env, { ...extra, store: extra.store ?? openSqliteStore(config.state.path) }),
  )
  const events: ActionEvent[] = []
  copier.on('action', (e) => events.push(e))
  copier.on('error', () => undefined)
  return { copier, events, close: () => copier.close() }
}

/** Pending orders of an account on a broker. */
export function ordersOf(env: SimEnv, broker: string, login: number) {
  return env.sim.control.broker(broker).account(login).orders
}

/** Places a pending order on the source as its terminal user would; returns its ticket. */
export function placeSource(
  env: SimEnv,
  order: {
    symbol: string
    type: number
    lots: number
    price: number
    sl?: number
    tp?: number
    stopLimit?: number
    typeTime?: number
    expiration?: number
  },
): bigint {
  const r = env.sim.control.placeOrder(SOURCE_LOGIN, order)
  if (r.result.retcode !== 10008 && r.result.retcode !== 10009)
    throw new Error(`source order refused: ${r.result.retcode}`)
  return r.result.tradeOrder
}

/** Writes the config (JSON is YAML) into the env's folder; returns its path. */
export function writeConfig(
  env: SimEnv,
  input: CopierConfigInput = configInput(env),
  name = 'copier.yaml',
): string {
  const path = join(env.dir, name)
  writeFileSync(path, JSON.stringify(input, null, 2))
  return path
}

/** The tag scope of the test copiers (default prefix, the source login). */
export const TAG_SCOPE = { prefix: 'cp', source: String(SOURCE_LOGIN) }

/** The copies of source order `ticket` on an account (orders carrying its tag). */
export function copiesOf(env: SimEnv, broker: string, login: number, ticket: bigint) {
  return ordersOf(env, broker, login).filter((o) => parseTag(o.comment, TAG_SCOPE) === ticket)
}

/** How many copies of `ticket` each target holds: [suffix, coarse, limits]. */
export function copyCounts(env: SimEnv, ticket: bigint): number[] {
  return [
    copiesOf(env, 'SuffixBroker', HEDGING, ticket).length,
    copiesOf(env, 'CoarseBroker', NETTING, ticket).length,
    copiesOf(env, 'LimitBroker', HEDGING, ticket).length,
  ]
}

/** A fresh simulator for each test of the file (registers the hooks); call inside `describe`. */
export function simPerTest(extra: () => readonly BrokerConfig[] = () => []): () => SimEnv {
  let env: SimEnv | undefined
  beforeEach(async () => {
    env = await startSim(extra())
  })
  afterEach(async () => {
    await env?.close()
  })
  return () => env as SimEnv
}

/** One simulator for the whole file (registers the hooks); call inside `describe`. */
export function simPerFile(): () => SimEnv {
  let env: SimEnv | undefined
  beforeAll(async () => {
    env = await startSim()
  })
  afterAll(async () => {
    await env?.close()
  })
  return () => env as SimEnv
}
