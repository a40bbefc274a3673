/**
 * Builders of planner inputs for unit, property tests and the planner benchmark: a target config
 * parsed from the real schema (so defaults are the real defaults), symbols, orders, views.
 */
import { resolveTargets } from '../../src/config/load.js'
import { copierConfigSchema, type TargetConfig } from '../../src/config/schema.js'
import { formatTag, type TagScope } from '../../src/link/tag.js'
import type {
  CopyOrder,
  Intent,
  PlanInput,
  Quote,
  SourceView,
  SymbolSpec,
  TargetView,
} from '../../src/plan/types.js'

export const TAG: TagScope = { prefix: 'cp', source: '1001' }
/** 2026-12-07 12:00 UTC, a Monday. */
export const NOON_MONDAY = Date.UTC(2026, 11, 7, 12)

const account = { server: 'wss://broker.test/terminal', password: 'env:PW' }

/** A target config from the schema with `overrides` (any config field, as written in a file). */
export function targetConfig(overrides: Record<string, unknown> = {}, id = 't1'): TargetConfig {
  const config = copierConfigSchema.parse({
    source: { ...account, login: 1001 },
    targets: [{ ...account, login: 2002, id, ...overrides }],
  })
  return resolveTargets(config)[0]!
}

export function symbolSpec(name: string, overrides: Partial<SymbolSpec> = {}): SymbolSpec {
  return {
    name,
    digits: 5,
    point: 0.00001,
    tickSize: 0.00001,
    volumeMin: 0.01,
    volumeMax: 100,
    volumeStep: 0.01,
    tradeMode: 4,
    stopsLevelPoints: 0,
    orderFlags: 0,
    timeFlags: 0,
    tradeSessions: [],
    ...overrides,
  }
}

let nextTicket = 1000n

export function order(overrides: Partial<CopyOrder> = {}): CopyOrder {
  return {
    ticket: nextTicket++,
    symbol: 'EURUSD',
    type: 'buyLimit',
    volume: 1,
    price: 1.1,
    stopLimitPrice: 0,
    sl: 1.09,
    tp: 1.12,
    timeType: 'gtc',
    expirationMs: 0,
    comment: '',
    ...overrides,
  }
}

/** A target's copy of `source` as the planner would place it (same fields, tagged comment). */
export function copyOf(source: CopyOrder, overrides: Partial<CopyOrder> = {}): CopyOrder {
  return { ...source, ticket: nextTicket++, comment: formatTag(source.ticket, TAG), ...overrides }
}

export function source(orders: CopyOrder[], overrides: Partial<SourceView> = {}): SourceView {
  return { synced: true, orders, gone: new Map(), serverTimeOffsetMinutes: 0, ...overrides }
}

export function target(
  orders: CopyOrder[],
  overrides: Partial<Omit<TargetView, 'symbols' | 'quotes'>> & {
    symbols?: SymbolSpec[]
    quotes?: Record<string, Quote>
  } = {},
): TargetView {
  const { symbols, quotes, ...rest } = overrides
  return {
    id: 't1',
    config: targetConfig(),
    connected: true,
    synced: true,
    orders,
    symbols: new Map((symbols ?? [symbolSpec('EURUSD')]).map((s) => [s.name, s])),
    quotes: new Map(Object.entries(quotes ?? {})),
    serverTimeOffsetMinutes: 0,
    ...rest,
  }
}

export function input(src: SourceView, targets: TargetView[], overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    now: NOON_MONDAY,
    tag: TAG,
    source: src,
    targets,
    links: [],
    orphanCounters: new Map(),
    refusals: new Map(),
    lastOrphanCheck: new Map(),
    ...overrides,
  }
}

/** `kind:reason` of each intent, for compact assertions. */
export function kinds(intents: readonly Intent[]): string[] {
  return intents.map((i) => `${i.kind}:${i.reason}`)
}
