/**
 * Limits that keep one bad peer from knocking the simulator over: real clients and the test
 * suites of everything built on mt5web share one server. Every limit is an option of
 * `createSimServer({ limits })`; the defaults leave room for suites that open hundreds of
 * connections and for bots that reconnect all day.
 */
import { ValidationError } from '../../errors.js'
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection.js'

/** Per-broker limits against a misbehaving peer (see `SimServerOptions`). */
export interface BrokerLimits {
  /** Wrong passwords (or one-time codes) in a row that lock an account (0 = never); token logins do not count. */
  maxLoginFailures: number
  /** Ms a locked account refuses every password login (wall time). */
  loginLockoutMs: number
  /** Password tokens kept per login (oldest freed first). */
  maxPasswordTokens: number
  /** Accounts opened through cmd 30 / 39 over the broker's life. */
  maxOpenedAccounts: number
  /** Accounts opened through cmd 30 / 39 on one connection. */
  maxOpenedAccountsPerConnection: number
}

/** Defaults of {@link BrokerLimits}. */
export const DEFAULT_BROKER_LIMITS: BrokerLimits = {
  maxLoginFailures: 5,
  loginLockoutMs: 60_000,
  maxPasswordTokens: 16,
  maxOpenedAccounts: 1000,
  maxOpenedAccountsPerConnection: 10,
}

/** Every limit of a simulator (`SimServerOptions.limits`). */
export interface SimServerLimits extends ConnectionLimits, BrokerLimits {
  /** Open WebSockets over all brokers; more upgrades get HTTP 503 (default 1000). */
  maxConnections: number
  /** Largest WebSocket message accepted; a larger one closes the socket with 1009 (default 256 KiB). */
  maxPayloadBytes: number
}

/** The defaults. */
export const DEFAULT_SIM_LIMITS: Readonly<SimServerLimits> = {
  ...DEFAULT_CONNECTION_LIMITS,
  ...DEFAULT_BROKER_LIMITS,
  maxConnections: 1000,
  maxPayloadBytes: 256 * 1024,
}

/** Limits that may be 0 (0 = the feature is off). */
const ZERO_ALLOWED = new Set<keyof SimServerLimits>(['maxLoginFailures', 'maxOpenedAccounts'])

/**
 * Defaults with `given` on top.
 * @throws ValidationError naming `limits.<name>` and the value for an unknown name or a value that
 *   is not a non-negative safe integer (positive where 0 makes no sense).
 */
export function resolveLimits(given: Partial<SimServerLimits> = {}): SimServerLimits {
  const out: SimServerLimits = { ...DEFAULT_SIM_LIMITS }
  for (const [name, value] of Object.entries(given) as [keyof SimServerLimits, unknown][]) {
    const field = `limits.${name}`
    if (!(name in DEFAULT_SIM_LIMITS))
      throw new ValidationError(`${field} is not a simulator limit`, { field, value })
    if (value === undefined) continue
    const min = ZERO_ALLOWED.has(name) ? 0 : 1
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
      throw new ValidationError(`${field} must be an integer ≥ ${min}, got ${String(value)}`, {
        field,
        value,
      })
    out[name] = value
  }
  return out
}
