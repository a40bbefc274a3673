/**
 * Logging: any pino-compatible {@link Logger}; the default is silent. The library never prints to
 * the console. Log objects never carry credentials: callers pass only the fields listed here.
 */
import type { Logger } from './types.js'

const noop = (): void => {}

/** A logger that drops everything (the default). */
export const silentLogger: Logger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop }

/** True when `value` has the five pino-style methods. */
export function isLogger(value: unknown): value is Logger {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return ['trace', 'debug', 'info', 'warn', 'error'].every((level) => typeof v[level] === 'function')
}

/** Wraps a user logger so that a throwing logger never breaks the client. */
export function safeLogger(logger: Logger): Logger {
  if (logger === silentLogger) return logger
  const wrap =
    (level: keyof Logger) =>
    (obj: unknown, msg?: string, ...args: unknown[]): void => {
      try {
        logger[level](obj, msg, ...args)
      } catch {
        // A broken logger must not break the connection.
      }
    }
  return {
    trace: wrap('trace'),
    debug: wrap('debug'),
    info: wrap('info'),
    warn: wrap('warn'),
    error: wrap('error'),
  }
}
