import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ReconnectOptions } from '../../../src/client/types.js'
import {
  accountClientOptions,
  accountKey,
  POOL_CLIENT_DEFAULTS,
  validateSharedOptions,
} from '../../../src/pool/accountOptions.js'

const account = { server: 'ws://127.0.0.1:1/', login: 10001, password: 'secret-pw' }

const reconnectArb: fc.Arbitrary<false | ReconnectOptions | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(false as const),
  fc.record(
    { maxAttempts: fc.nat(20), baseDelayMs: fc.nat(5_000), maxDelayMs: fc.nat(60_000) },
    { requiredKeys: [] },
  ),
)

describe('pool account options', () => {
  it('applies the pool defaults: latest tick only, retries without end', () => {
    const options = accountClientOptions(account)
    expect(options).toEqual({
      ...account,
      tickCacheSize: 0,
      reconnect: { maxAttempts: Number.POSITIVE_INFINITY },
    })
    expect(POOL_CLIENT_DEFAULTS.tickCacheSize).toBe(0)
  })

  it('the account wins over clientOptions, which win over the pool defaults; no key reaches the client', () => {
    const options = accountClientOptions(
      { ...account, key: 'a', tickCacheSize: 50 },
      { tickCacheSize: 10, timeoutMs: 1_000 },
    )
    expect(options).toEqual({
      ...account,
      tickCacheSize: 50,
      timeoutMs: 1_000,
      reconnect: { maxAttempts: Number.POSITIVE_INFINITY },
    })
    expect('key' in options).toBe(false)
  })

  it('merges reconnect policies field by field; the more specific `false` or field wins', () => {
    fc.assert(
      fc.property(reconnectArb, reconnectArb, (shared, own) => {
        const merged = accountClientOptions(
          { ...account, ...(own === undefined ? {} : { reconnect: own }) },
          shared === undefined ? {} : { reconnect: shared },
        ).reconnect
        if (own === false || (shared === false && own === undefined)) {
          expect(merged).toBe(false)
          return
        }
        if (merged === false || merged === undefined) throw new Error('expected a policy')
        // Field by field: the account's value, else clientOptions', else the pool default.
        const sharedPolicy = shared === false ? undefined : shared
        expect(merged.maxAttempts).toBe(
          own?.maxAttempts ?? sharedPolicy?.maxAttempts ?? POOL_CLIENT_DEFAULTS.reconnect.maxAttempts,
        )
        expect(merged.baseDelayMs).toBe(own?.baseDelayMs ?? sharedPolicy?.baseDelayMs)
        expect(merged.maxDelayMs).toBe(own?.maxDelayMs ?? sharedPolicy?.maxDelayMs)
      }),
    )
  })

  it('keys default to the login; an empty key is a ValidationError naming the field', () => {
    expect(accountKey(account, 'accounts[0].key')).toBe('10001')
    expect(accountKey({ ...account, login: 5n }, 'x')).toBe('5')
    expect(() => accountKey({ ...account, key: '' }, 'accounts[3].key')).toThrow(
      expect.objectContaining({ code: 'MT5_VALIDATION', field: 'accounts[3].key', value: '' }),
    )
  })

  it('checks clientOptions up front, naming the option and its value', () => {
    expect(validateSharedOptions(undefined)).toEqual({})
    expect(validateSharedOptions({ tickCacheSize: 10, reconnect: false })).toEqual({
      tickCacheSize: 10,
      reconnect: false,
    })
    expect(() => validateSharedOptions({ timeoutMs: -1 })).toThrow(
      expect.objectContaining({ code: 'MT5_VALIDATION', field: 'clientOptions.timeoutMs', value: -1 }),
    )
    expect(() => validateSharedOptions({ reconnect: { baseDelayMs: 'soon' } })).toThrow(
      expect.objectContaining({ field: 'clientOptions.reconnect', value: { baseDelayMs: 'soon' } }),
    )
    // Per-account fields do not belong here: a strict schema names them.
    expect(() => validateSharedOptions({ password: 'secret-pw' })).toThrow(
      expect.objectContaining({ code: 'MT5_VALIDATION' }),
    )
  })
})
