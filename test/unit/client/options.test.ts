import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/client/logger.js'
import { defaults, resolveOptions, validateOptions } from '../../../src/client/options.js'
import { ValidationError } from '../../../src/errors.js'

const good = { server: 'wss://example.test/terminal', login: 12345, password: 'secret-pw' }

function fail(input: unknown): ValidationError {
  try {
    validateOptions(input)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error('expected a ValidationError')
}

describe('client options', () => {
  it('accepts minimal options and applies the defaults', () => {
    const resolved = resolveOptions(validateOptions(good))
    expect(resolved.login).toBe(12345n)
    expect(resolved.timeoutMs).toBe(30_000)
    expect(resolved.heartbeatIntervalMs).toBe(5_000)
    expect(resolved.heartbeatTimeoutMs).toBe(15_000)
    expect(resolved.reconnect).toEqual(defaults.reconnect)
    expect(resolved.logger).toBe(silentLogger)
    expect(resolveOptions(validateOptions({ ...good, reconnect: false })).reconnect).toBe(false)
    expect(resolveOptions(validateOptions({ ...good, reconnect: { baseDelayMs: 5 } })).reconnect).toEqual({
      ...defaults.reconnect,
      baseDelayMs: 5,
    })
  })

  it('accepts logins as number, bigint and decimal string', () => {
    expect(resolveOptions(validateOptions({ ...good, login: '98765' })).login).toBe(98765n)
    expect(resolveOptions(validateOptions({ ...good, login: 2n ** 60n })).login).toBe(2n ** 60n)
  })

  it('names every bad option', () => {
    const error = fail({
      server: 'http://x',
      login: -1,
      password: 'p',
      timeoutMs: -5,
      heartbeatIntervalMs: 0,
    })
    expect(error.message).toContain('server')
    expect(error.message).toContain('login')
    expect(error.message).toContain('timeoutMs')
    expect(error.message).toContain('heartbeatIntervalMs')
    expect(error.field).toBe('server')
    expect(error.code).toBe('MT5_VALIDATION')
  })

  it('rejects unknown options, bad loggers and bad client ids', () => {
    expect(fail({ ...good, bogus: 1 }).message).toContain('bogus')
    expect(fail({ ...good, logger: { info() {} } }).message).toContain('logger')
    expect(fail({ ...good, clientId: 'abc' }).message).toContain('clientId')
    expect(fail({ ...good, reconnect: { maxAttempts: -1 } }).message).toContain('reconnect.maxAttempts')
  })

  it('never echoes the password', () => {
    const secret = 'x'.repeat(0)
    const error = fail({ ...good, password: secret })
    expect(error.field).toBe('password')
    expect(error.value).toBeUndefined()
    const long = fail({ ...good, password: 42 as unknown as string })
    expect(long.value).toBeUndefined()
    expect(long.message).not.toContain('42')
  })
})
