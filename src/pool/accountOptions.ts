/**
 * Per-account client options of a pool: the pool's defaults, then `clientOptions`, then the
 * account's own options. The key is checked here too (a pool lookup must never be ambiguous).
 */
import { clientOptionsSchema } from '../client/options.js'
import type { ClientOptions, ReconnectOptions } from '../client/types.js'
import { ValidationError } from '../errors.js'
import type { PoolAccountConfig, PoolClientOptions } from './types.js'

/**
 * What a pool changes in a client's defaults. `tickCacheSize: 0` keeps only the latest tick per
 * symbol: 1 000 ticks × every symbol × every account dominated a pool's memory (docs/pool.md).
 * `maxAttempts: Infinity`: an account of a long-running pool keeps retrying until it is removed or
 * its credentials are refused, instead of going quiet after ten attempts.
 */
export const POOL_CLIENT_DEFAULTS = {
  tickCacheSize: 0,
  reconnect: { maxAttempts: Number.POSITIVE_INFINITY },
} as const satisfies PoolClientOptions

/** The account's key: `key`, else `String(login)`. @throws ValidationError for an empty key. */
export function accountKey(config: PoolAccountConfig, field: string): string {
  const key = config.key ?? String(config.login)
  if (typeof key !== 'string' || key.length === 0) {
    throw new ValidationError(`${field}: the account key must be a non-empty string`, { field, value: key })
  }
  return key
}

/** The client options of one account (without the pool-only `key`). */
export function accountClientOptions(
  config: PoolAccountConfig,
  shared: PoolClientOptions = {},
): ClientOptions {
  const { key: _key, ...own } = config
  const merged: ClientOptions = { ...POOL_CLIENT_DEFAULTS, ...shared, ...own }
  const reconnect = mergeReconnect(shared.reconnect, own.reconnect)
  if (reconnect === undefined) delete merged.reconnect
  else merged.reconnect = reconnect
  return merged
}

/** Reconnect policies merge field by field; `false` anywhere more specific wins. */
function mergeReconnect(
  shared: false | ReconnectOptions | undefined,
  own: false | ReconnectOptions | undefined,
): false | ReconnectOptions | undefined {
  if (own === false) return false
  if (shared === false && own === undefined) return false
  return { ...POOL_CLIENT_DEFAULTS.reconnect, ...(shared || {}), ...(own || {}) }
}

/** `clientOptions` without the per-account fields, every field optional. */
const sharedSchema = clientOptionsSchema
  .omit({ server: true, login: true, password: true, otp: true })
  .partial()

/**
 * Checks `clientOptions` when the pool is created (not only when a first account uses them).
 * @throws ValidationError naming the first bad option (`clientOptions.<name>`) and its value.
 */
export function validateSharedOptions(shared: unknown): PoolClientOptions {
  if (shared === undefined) return {}
  const parsed = sharedSchema.safeParse(shared)
  if (parsed.success) return shared as PoolClientOptions
  const issue = parsed.error.issues[0]
  const path = issue?.path ?? []
  const field = ['clientOptions', ...path.map(String)].join('.')
  let value: unknown = shared
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key]
  throw new ValidationError(
    `invalid pool clientOptions: ${parsed.error.issues.map((i) => `${['clientOptions', ...i.path.map(String)].join('.')}: ${i.message}`).join('; ')}`,
    { field, value },
    { cause: parsed.error },
  )
}
