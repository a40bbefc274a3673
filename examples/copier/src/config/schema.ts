/**
 * The copier's configuration schema (zod 4): the single source of the config types and of the
 * reference in the package README. Parsing applies every default, so the rest of the copier reads a
 * fully resolved object. Unknown keys are errors (a typo must not silently fall back to a default).
 */
import { z } from 'zod'

/** The six pending order types, as written in the config and used by the planner. */
export const pendingOrderTypes = [
  'buyLimit',
  'sellLimit',
  'buyStop',
  'sellStop',
  'buyStopLimit',
  'sellStopLimit',
] as const

/** One of {@link pendingOrderTypes}. */
export type PendingOrderType = (typeof pendingOrderTypes)[number]

/** Weekday names of `tradingHours`, Sunday first like the server's session table. */
export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

/** One of {@link weekdays}. */
export type Weekday = (typeof weekdays)[number]

const secretRef = z
  .string()
  .regex(
    /^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/,
    'must be a reference "env:NAME" or "file:PATH", never the password itself',
  )

/**
 * A PostgreSQL URL without its password (that is a secret: `state.password` holds its reference), or
 * a reference to the whole URL. The value is never echoed in an error: it may hold a password.
 */
const stateUrl = z.string().superRefine((value, ctx) => {
  if (/^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/.test(value)) return
  let url: URL
  try {
    url = new URL(value)
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a postgres:// URL, or a reference "env:NAME" or "file:PATH"',
    })
    return
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    ctx.addIssue({ code: 'custom', message: `must be a postgres:// URL (got the scheme "${url.protocol}")` })
  else if (url.password !== '')
    ctx.addIssue({
      code: 'custom',
      message:
        'must not hold a password: put its reference in state.password (env:NAME or file:PATH), or reference the whole URL (env:NAME)',
    })
})

const stateObject = z.strictObject({
  path: z.string().min(1).default('copier.db'),
  url: stateUrl.exactOptional(),
  password: secretRef.exactOptional(),
  leaseSeconds: z.number().int().min(2).max(600).default(15),
  synchronousCommit: z.boolean().default(true),
  /** Days settled intents and action lines are kept (then deleted, at start and hourly). */
  historyDays: z.number().int().min(1).max(36_500).default(30),
})
// `state: postgres://…` in a file is short for `state: { url: postgres://… }`; typed as the object
// form (the one a program writes), the shorthand being a convenience of YAML files
const stateSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { url: v } : v),
  stateObject,
) as unknown as typeof stateObject

const serverUrl = z
  .string()
  .regex(/^wss?:\/\/[^\s/]+/i, 'must be a ws:// or wss:// URL of the Web Terminal server')

// Logins exceed 2^53 on some servers: accepted as a number or a string of digits, kept as a string.
const login = z
  .union([
    z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    z.string().regex(/^[1-9]\d{0,19}$/, 'must be a positive account number'),
  ])
  .transform((v) => String(v))

const lots = z.number().positive().finite()

// `HH:MM`, 24:00 allowed as an end of day.
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM (00:00 to 24:00)')
  .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)))

const symbolName = z.string().min(1).max(31)

/** Source and target account connection settings. */
const accountShape = {
  /** Web Terminal WebSocket URL. */
  server: serverUrl,
  login,
  /** `env:NAME` or `file:PATH`; never the password itself. */
  password: secretRef,
}

const lotsSchema = z
  .strictObject({
    /** Copy volume = source volume × multiplier (default 1). */
    multiplier: lots.default(1),
    /** Per-source-symbol multipliers, overriding `multiplier`. */
    symbols: z.record(symbolName, lots).default({}),
    /** A fixed volume for every copy instead of a multiplier. */
    fixed: lots.exactOptional(),
    /** Smallest copy this target accepts (lots). */
    min: lots.exactOptional(),
    /** Largest copy this target accepts (lots). */
    max: lots.exactOptional(),
    /** Below the minimum (the target's or the symbol's): `skip` the copy or `raiseToMin`. */
    belowMin: z.enum(['skip', 'raiseToMin']).default('skip'),
    /** Above the maximum (the target's or the symbol's): `cap` it at the maximum or `skip`. */
    aboveMax: z.enum(['cap', 'skip']).default('cap'),
  })
  .refine((l) => l.min === undefined || l.max === undefined || l.min <= l.max, {
    message: 'min must not exceed max',
    path: ['min'],
  })

// Keys with one `*` are rules (`'*': '*.m'` adds a suffix, `'*.raw': '*'` strips one); other keys
// are explicit pairs (`GOLD: XAUUSD`). Explicit pairs win; rules are tried in the order written.
const symbolsSchema = z.record(symbolName, symbolName).superRefine((map, ctx) => {
  for (const [from, to] of Object.entries(map)) {
    const starsFrom = from.split('*').length - 1
    const starsTo = to.split('*').length - 1
    if (starsFrom > 1 || starsTo > 1 || starsFrom !== starsTo)
      ctx.addIssue({
        code: 'custom',
        path: [from],
        message: `"${from}: ${to}": a rule has exactly one * on both sides (e.g. "*": "*.m"); a pair has none`,
      })
  }
})

const orphansSchema = z.strictObject({
  /** `kill` cancels an orphaned copy after `confirmations` checks; `preserve` leaves and reports it. */
  policy: z.enum(['kill', 'preserve']).default('kill'),
  /** Seconds between two orphan checks (a check counts once per interval at most). */
  checkEvery: z.number().int().positive().default(30),
  /** Consecutive checks that must see the orphan before acting. */
  confirmations: z.number().int().positive().max(1000).default(3),
})

const sourceFilledSchema = z.strictObject({
  /** A copy still pending when its source has filled: `keep` it, `cancel` it, or fill it at `market`. */
  policy: z.enum(['keep', 'cancel', 'market']).default('cancel'),
  /** `market` only: convert while the target's price is within this many points of the copy's price, else cancel. */
  maxSlippagePoints: z.number().int().nonnegative().default(10),
})

const tradingWindow = z
  .strictObject({
    /** Weekdays of the window (default every day). */
    days: z
      .array(z.enum(weekdays))
      .min(1)
      .default([...weekdays]),
    /** Start, target server time, `HH:MM`. */
    from: clock,
    /** End (exclusive), target server time; earlier than `from` means the window crosses midnight. */
    to: clock,
  })
  .refine((w) => w.from !== w.to, { message: 'from and to must differ', path: ['to'] })

const targetSchema = z.strictObject({
  /** Stable name of this target in logs and state (default: its login). Never change it once used. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, "_", "." or "-"')
    .exactOptional(),
  ...accountShape,
  enabled: z.boolean().default(true),
  lots: lotsSchema.default({ multiplier: 1, symbols: {}, belowMin: 'skip', aboveMax: 'cap' }),
  symbols: symbolsSchema.default({}),
  orderTypes: z
    .array(z.enum(pendingOrderTypes))
    .min(1, 'must allow at least one order type (disable the target instead)')
    .default([...pendingOrderTypes]),
  /** Most pending orders on the target (ours and others'); off when absent. */
  maxPendingOrders: z.number().int().positive().exactOptional(),
  orphans: orphansSchema.default({ policy: 'kill', checkEvery: 30, confirmations: 3 }),
  sourceFilled: sourceFilledSchema.default({ policy: 'cancel', maxSlippagePoints: 10 }),
  /** `copy` the source's SL/TP prices, `none`, or the same `distance` in points from the copy's price. */
  sltp: z.enum(['copy', 'none', 'distance']).default('copy'),
  /** `copy` the expiry, `none` (good till cancelled), or `shiftToServerTime` between server time zones. */
  expiration: z.enum(['copy', 'none', 'shiftToServerTime']).default('copy'),
  /** Windows in the target's server time outside which nothing new is placed. */
  tradingHours: z.array(tradingWindow).min(1).exactOptional(),
  /** Ask the target's `orderCheck` for free margin before placing. */
  marginCheck: z.boolean().default(true),
})

/** The whole configuration file. */
export const copierConfigSchema = z
  .strictObject({
    source: z.strictObject(accountShape),
    targets: z.array(targetSchema).min(1, 'must list at least one target'),
    /** Prefix of the comment tags (`cp:…`); give each copier writing to the same target its own. */
    tagPrefix: z
      .string()
      .regex(/^[a-z][a-z0-9]{0,5}$/, 'must be 1-6 lowercase letters or digits, starting with a letter')
      .default('cp'),
    /** Seconds between two full reconciles. */
    reconcileSeconds: z.number().int().positive().default(30),
    /** `run` mode: a cron expression; when set, reconcile on it only (no push-driven copying). */
    schedule: z
      .string()
      .regex(/^\s*(\S+\s+){4,5}\S+\s*$/, 'must be a cron expression of 5 or 6 fields')
      .exactOptional(),
    /** How many accounts connect at the same time. */
    concurrency: z.number().int().positive().max(64).default(8),
    /** The state: SQLite (`path`, the default) or PostgreSQL (`url`: a fleet of copiers, issue #14). */
    state: stateSchema.default({
      path: 'copier.db',
      leaseSeconds: 15,
      synchronousCommit: true,
      historyDays: 30,
    }),
    /** Status page, JSON API and `/metrics` (off when absent). */
    http: z
      .strictObject({
        /** `HOST:PORT`; loopback unless a token protects it. */
        listen: z
          .string()
          .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be HOST:PORT, e.g. 127.0.0.1:9464')
          .default('127.0.0.1:9464'),
        /** Bearer token reference (`env:NAME` or `file:PATH`) required by every request but `/healthz`. */
        token: secretRef.exactOptional(),
      })
      .exactOptional(),
    log: z
      .strictObject({
        level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
        format: z.enum(['text', 'json']).default('text'),
      })
      .default({ level: 'info', format: 'text' }),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>()
    config.targets.forEach((t, i) => {
      const id = t.id ?? t.login
      const first = seen.get(id)
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'id'],
          message: `target id "${id}" is already used by targets.${first}; give each target a distinct id`,
        })
      else seen.set(id, i)
    })
  })

/** The configuration as written (before defaults). */
export type CopierConfigInput = z.input<typeof copierConfigSchema>
/** The parsed configuration, every default applied. */
export type CopierConfig = z.output<typeof copierConfigSchema>
/** One target as parsed (its `id` may still be absent: see {@link TargetConfig}). */
export type ParsedTargetConfig = CopierConfig['targets'][number]
/** A target with its id resolved (defaults to the login). This is what the planner receives. */
export type TargetConfig = Omit<ParsedTargetConfig, 'id'> & { id: string }
/** Lot sizing rules of one target. */
export type LotsConfig = TargetConfig['lots']
/** One trading-hours window, minutes from 00:00 target server time. */
export type TradingWindow = NonNullable<TargetConfig['tradingHours']>[number]
/** An account's connection settings; `password` is still a reference. */
export type AccountConfig = CopierConfig['source']
