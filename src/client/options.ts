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

/** Defaults (README §9, §11). */
export const defaults = {
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  heartbeatIntervalMs: 5_000,
  heartbeatTimeoutMs: 15_000,
  reconnect: { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 30_000 },
  health: { maxPingLatencyMs: 2_000, maxSilenceMs: 20_000 },
} as const

/**
 * Validates user options.
 * @throws ValidationError naming every bad option (`field` = the first one, `cause` = the ZodError).
 */
export function validateOptions(input: unknown): ClientOptions {
  const parsed = clientOptionsSchema.safeParse(input)
  if (parsed.success) return parsed.data as ClientOptions
  const issues = parsed.error.issues
  const names = issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : '(options)'))
  const details = issues.map((issue, i) => `${names[i]}: ${issue.message}`).join('; ')
  const field = names[0]
  // Never echo the password (or otp) back, not even as the offending value.
  const secret = field === 'password' || field === 'otp'
  const value = secret || field === undefined ? undefined : pick(input, issues[0]?.path ?? [])
  throw new ValidationError(
    `invalid client options: ${details}`,
    {
      ...(field === undefined ? {} : { field }),
      ...(value === undefined ? {} : { value }),
    },
    { cause: parsed.error },
  )
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
