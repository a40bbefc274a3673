/**
 * Validation of {@link ClientOptions} with zod (at the edge only) and the defaults. A bad option
 * throws one `ValidationError` naming every bad option; the password's value never appears in it.
 */
import { z } from 'zod'
import { ValidationError } from '../errors.js'
import { isLogger, safeLogger, silentLogger } from './logger.js'
import type { ClientOptions, Logger } from './types.js'

const positiveMs = z.number().int().positive()
const nonNegativeMs = z.number().int().nonnegative()

const loginSchema = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z.bigint().positive().max(0xffff_ffff_ffff_ffffn),
  z.string().regex(/^[1-9]\d{0,19}$/, 'must be a positive account number'),
])

/** zod schema of {@link ClientOptions}. */
export const clientOptionsSchema = z.strictObject({
  server: z.string().refine(isWebSocketUrl, 'must be a ws:// or wss:// URL'),
  login: loginSchema,
  password: z.string().min(1, 'must not be empty'),
  otp: z.string().max(64).exactOptional(),
  timeoutMs: nonNegativeMs.exactOptional(),
  connectTimeoutMs: positiveMs.exactOptional(),
  maxFrameBytes: z.number().int().min(1024).exactOptional(),
  heartbeatIntervalMs: positiveMs.exactOptional(),
  heartbeatTimeoutMs: positiveMs.exactOptional(),
  reconnect: z
    .union([
      z.literal(false),
      z.strictObject({
        maxAttempts: z
          .union([z.number().int().nonnegative(), z.literal(Number.POSITIVE_INFINITY)])
          .exactOptional(),
        baseDelayMs: nonNegativeMs.exactOptional(),
        maxDelayMs: nonNegativeMs.exactOptional(),
      }),
    ])
    .exactOptional(),
  rateLimit: z
    .strictObject({ perSecond: z.number().positive(), burst: z.number().int().positive().exactOptional() })
    .exactOptional(),
  tickCacheSize: z.number().int().nonnegative().exactOptional(),
  tickCacheSymbols: z.number().int().nonnegative().exactOptional(),
  symbolCacheTtlMs: nonNegativeMs.exactOptional(),
  health: z
    .strictObject({ maxPingLatencyMs: positiveMs.exactOptional(), maxSilenceMs: positiveMs.exactOptional() })
    .exactOptional(),
  logger: z.custom<Logger>(isLogger, 'must have trace/debug/info/warn/error methods').exactOptional(),
  WebSocket: z
    .custom<unknown>((v) => typeof v === 'function', 'must be a WebSocket constructor')
    .exactOptional(),
  origin: z.string().exactOptional(),
  clientId: z
    .union([
      z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex characters'),
      z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.length === 16, 'must be 16 bytes'),
    ])
    .exactOptional(),
}) satisfies z.ZodType<ClientOptions, unknown>

/** True for a `ws:` or `wss:` URL. */
export function isWebSocketUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'ws:' || url.protocol === 'wss:'
  } catch {
    return false
  }
}

/** Reconnect policy with defaults applied. */
export interface ReconnectPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

/** Options with every default applied (the password is NOT part of it). */
export interface ResolvedOptions {
  server: string
  login: bigint
  timeoutMs: number
  connectTimeoutMs: number
  heartbeatIntervalMs: number
  heartbeatTimeoutMs: number
  reconnect: ReconnectPolicy | false
  health: { maxPingLatencyMs: number; maxSilenceMs: number }
  logger: Logger
}

/** Defaults (docs/architecture.md#requests-and-replies, docs/architecture.md#heartbeat-and-reconnect). */
export const defaults = {
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  heartbeatIntervalMs: 5_000,
  heartbeatTimeoutMs: 15_000,
  reconnect: { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 30_000 },
  health: { maxPingLatencyMs: 2_000, maxSilenceMs: 20_000 },
} as const

/** Option names whose values are secrets: never echoed in an error, whatever their type. */
const SECRET_KEY = /password|otp|secret|token/i

/**
 * Validates user options.
 *
 * The error never carries a secret, whatever the input (an unknown key, a wrong type, the
 * password passed where the options object was expected): `value` is only a primitive taken from
 * a non-secret option, unknown keys are named without their values, and the `ZodError` cause is
 * rebuilt from the issues with every occurrence of the password and the otp replaced.
 * @throws ValidationError naming every bad option (`field` = the first one, `cause` = a ZodError).
 */
export function validateOptions(input: unknown): ClientOptions {
  const parsed = clientOptionsSchema.safeParse(input)
  if (parsed.success) return parsed.data as ClientOptions
  const redact = redactor(input)
  const issues = parsed.error.issues.map((issue) => safeIssue(issue, redact))
  const names = issues.map(issueName)
  const details = issues.map((issue, i) => `${names[i]}: ${issue.message}`).join('; ')
  const field = names[0]
  const first = issues[0]
  const value = first === undefined ? undefined : echoedValue(input, first, redact)
  throw new ValidationError(
    `invalid client options: ${details}`,
    {
      ...(field === undefined ? {} : { field }),
      ...(value === undefined ? {} : { value }),
    },
    { cause: new z.ZodError(issues) },
  )
}

/** The option an issue names: its path, or the first unknown key under it. */
function issueName(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0])
  return path.length > 0 ? path.join('.') : '(options)'
}

/**
 * The issue with its secrets replaced, deeply (union issues nest the issues of each branch), and
 * without the offending input (zod's `input`, present when `reportInput` is on).
 */
function safeIssue(issue: z.core.$ZodIssue, redact: (text: string) => string): z.core.$ZodIssue {
  const clean = scrub(issue, redact) as z.core.$ZodIssue
  if (clean.code !== 'unrecognized_keys') return clean
  const hint = clean.keys.length === 1 ? didYouMean(clean.keys[0] ?? '') : ''
  const listed = clean.keys.map((k) => JSON.stringify(k)).join(', ')
  return { ...clean, message: `unknown option${clean.keys.length > 1 ? 's' : ''} ${listed}${hint}` }
}

function scrub(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map((item) => scrub(item, redact))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'input') out[key] = scrub(item, redact)
  }
  return out
}

/** ` (did you mean "timeoutMs"?)` for a known option with the unit suffix left out, else ''. */
function didYouMean(key: string): string {
  const known = Object.keys(clientOptionsSchema.shape)
  const match = known.find((k) => k === `${key}Ms` || k.toLowerCase() === key.toLowerCase())
  return match === undefined ? '' : ` (did you mean "${match}"?)`
}

/** The offending value when it is safe to echo: a primitive of a non-secret option, not containing a secret. */
function echoedValue(
  input: unknown,
  issue: z.core.$ZodIssue,
  redact: (text: string) => string,
): string | number | boolean | bigint | undefined {
  if (issue.code === 'unrecognized_keys' || issue.path.length === 0) return undefined
  if (issue.path.some((k) => typeof k === 'string' && SECRET_KEY.test(k))) return undefined
  const value = pick(input, issue.path)
  if (typeof value === 'string') return redact(value) === value ? value : undefined
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value
  return undefined
}

/**
 * Replaces the password and the otp found in `input` (when they are strings of 4 or more
 * characters: shorter ones would mangle every message without protecting anything).
 */
function redactor(input: unknown): (text: string) => string {
  const secrets: string[] = []
  if (typeof input === 'string') secrets.push(input)
  else if (typeof input === 'object' && input !== null) {
    for (const [key, value] of Object.entries(input)) {
      if (SECRET_KEY.test(key) && typeof value === 'string') secrets.push(value)
    }
  }
  const long = secrets.filter((secret) => secret.length >= 4)
  if (long.length === 0) return (text) => text
  return (text) => long.reduce((out, secret) => out.split(secret).join('[redacted]'), text)
}

function pick(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}

/** Applies the defaults to validated options. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const reconnect = options.reconnect === false ? false : { ...defaults.reconnect, ...options.reconnect }
  return {
    server: options.server,
    login: BigInt(options.login),
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? defaults.connectTimeoutMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? defaults.heartbeatIntervalMs,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? defaults.heartbeatTimeoutMs,
    reconnect,
    health: { ...defaults.health, ...options.health },
    logger: options.logger ? safeLogger(options.logger) : silentLogger,
  }
}
