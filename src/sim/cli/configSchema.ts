/**
 * The `mt5web-sim --config` file: `{ brokers: [...] }`, each broker a partial `BrokerConfig`.
 * Validated with zod at this edge so a typo or a wrong type is reported with its path
 * (`brokers[0].symbols[1].digits`) instead of being served to clients. Unknown keys are errors
 * too: a misspelt field would otherwise silently keep its default. Text limits are the wire
 * fields' lengths in UTF-16 units (symbol name 32, description 64, path 128, …).
 */
import { z } from 'zod'
import { CalcMode } from '../../enums.js'
import type { AccountConfig, Session, SymbolConfig, WeekSessions } from '../engine/config.js'
import { ALWAYS_OPEN, FOREX_WEEK, INDEX_WEEK } from '../engine/config.js'

/** Session presets a config may name instead of spelling out seven days. */
export const SESSION_PRESETS = { always: ALWAYS_OPEN, forex: FOREX_WEEK, index: INDEX_WEEK } as const

const finite = z.number().finite()
const nonNegative = finite.nonnegative()
const positive = finite.positive()
const count = z.number().int().nonnegative()
const text = z.string().min(1, 'must not be empty')
const currency = z.string().regex(/^[A-Za-z0-9]{2,16}$/, 'must be a currency code (2–16 letters or digits)')
const minute = z.number().int().min(0).max(1440)

const session = z
  .strictObject({ open: minute, close: minute })
  .refine((s) => s.open < s.close, 'open must be before close') satisfies z.ZodType<Session>

/** Seven days (0 = Sunday) of sessions, or a preset name. */
const weekSessions = z.union([
  z
    .enum(Object.keys(SESSION_PRESETS) as [keyof typeof SESSION_PRESETS])
    .transform((name) => SESSION_PRESETS[name]),
  z.array(z.array(session)).length(7, 'must list 7 days, Sunday first'),
]) satisfies z.ZodType<WeekSessions, unknown>

/** Every field optional and, when present, never `undefined` (`exactOptionalPropertyTypes`). */
function optionalFields<S extends Record<string, z.ZodType>>(
  shape: S,
): { [K in keyof S]: z.ZodExactOptional<S[K]> } {
  const out: Record<string, z.ZodType> = {}
  for (const [key, schema] of Object.entries(shape)) out[key] = z.exactOptional(schema)
  return out as { [K in keyof S]: z.ZodExactOptional<S[K]> }
}

const calcModes = Object.values(CalcMode) as number[]

/** A symbol in the file: `name` plus any `SymbolConfig` field. */
export const symbolInputSchema = z
  .strictObject({
    name: text.max(32, 'must be at most 32 characters (the wire field)'),
    ...optionalFields({
      description: z.string().max(64),
      path: z.string().max(128),
      digits: z.number().int().min(0).max(8),
      contractSize: positive,
      tickSize: positive,
      tickValue: positive,
      currencyBase: currency,
      currencyProfit: currency,
      currencyMargin: currency,
      calcMode: z.number().refine((v) => calcModes.includes(v), `must be one of ${calcModes.join(', ')}`),
      tradeMode: z.number().int().min(0).max(4),
      stopsLevel: count,
      freezeLevel: count,
      exemode: z.number().int().min(0).max(3),
      fillFlags: z.number().int().min(0).max(7),
      timeFlags: z.number().int().min(0).max(15),
      orderFlags: z.number().int().min(0).max(127),
      volumeMin: positive,
      volumeMax: positive,
      volumeStep: positive,
      volumeLimit: nonNegative,
      marginInitial: nonNegative,
      marginMaintenance: nonNegative,
      marginRate: nonNegative,
      faceValue: nonNegative,
      accruedInterest: finite,
      swapLong: finite,
      swapShort: finite,
      initialBid: positive,
      spread: count,
      volatility: nonNegative,
      quoteSessions: weekSessions,
      tradeSessions: weekSessions,
      maxFillVolume: nonNegative,
      instantVolume: nonNegative,
    }),
  })
  .refine((s) => s.volumeMin === undefined || s.volumeMax === undefined || s.volumeMin <= s.volumeMax, {
    message: 'volumeMin must not exceed volumeMax',
    path: ['volumeMin'],
  }) satisfies z.ZodType<Partial<SymbolConfig> & Pick<SymbolConfig, 'name'>, unknown>

/** An account in the file: `login` plus any `AccountConfig` field. */
export const accountInputSchema = z.strictObject({
  login: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  ...optionalFields({
    password: text,
    investorPassword: text,
    name: z.string().max(128),
    currency,
    digits: z.number().int().min(0).max(8),
    leverage: z.number().int().positive(),
    balance: nonNegative,
    credit: nonNegative,
    marginMode: z.number().int().min(0).max(2),
    maxPendingOrders: count,
    rights: count,
    accountType: z.number().int().min(0).max(3),
    marginSoCall: nonNegative,
    marginSoSo: nonNegative,
  }),
}) satisfies z.ZodType<Partial<AccountConfig> & Pick<AccountConfig, 'login'>, unknown>

const ticket = z
  .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9]\d{0,18}$/)])
  .transform((v) => BigInt(v))

const unique =
  <T>(key: (item: T) => string | number, what: string) =>
  (items: readonly T[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string | number>()
    items.forEach((item, i) => {
      const k = key(item)
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} ${k}`, path: [i] })
      seen.add(k)
    })
  }

/** A broker in the file; missing fields come from the default broker. */
export const brokerInputSchema = z.strictObject(
  optionalFields({
    name: text.max(64).regex(/^[^/?#]+$/, 'must not contain / ? or #'),
    serverName: text.max(64),
    company: z.string().max(128),
    timezoneShift: z.number().int().min(-86_400).max(86_400),
    symbols: z
      .array(symbolInputSchema)
      .min(1, 'must list at least one symbol')
      .superRefine(unique((s) => s.name, 'symbol')),
    accounts: z.array(accountInputSchema).superRefine(unique((a) => a.login, 'login')),
    firstOrderTicket: ticket,
    firstDealTicket: ticket,
  }),
)

/** The whole file. */
export const simConfigSchema = z.strictObject({
  brokers: z.array(brokerInputSchema).min(1, 'must list at least one broker'),
})

/** A broker as the file gives it, after validation. */
export type BrokerInput = z.output<typeof brokerInputSchema>
