import { describe, expect, it } from 'vitest'
import { SecretError, StateError } from '../../../src/errors.js'
import { redactError, redactPgUrl, resolvePgUrl } from '../../../src/state/pgUrl.js'

const secrets = (env: Record<string, string>) => ({ env, baseDir: '/', warn: () => undefined })

describe('PostgreSQL URL and its password', () => {
  it('resolves the URL reference and puts the password reference in, URL-encoded', () => {
    const url = resolvePgUrl(
      { url: 'env:DB', password: 'env:PW' },
      secrets({ DB: 'postgres://copier@db:5432/copier', PW: 'p@ss:w/rd' }),
    )
    expect(new URL(url).username).toBe('copier')
    expect(decodeURIComponent(new URL(url).password)).toBe('p@ss:w/rd')
    expect(redactPgUrl(url)).toBe('postgres://copier:***@db:5432/copier')
  })

  it('names a missing reference, never a value', () => {
    expect(() => resolvePgUrl({ url: 'env:NOPE' }, secrets({}))).toThrow(SecretError)
    expect(() => resolvePgUrl({ url: 'env:DB' }, secrets({ DB: 'mysql://u:topsecret@h/x' }))).toThrow(
      StateError,
    )
    try {
      resolvePgUrl({ url: 'env:DB' }, secrets({ DB: 'not a url topsecret' }))
    } catch (error) {
      expect(String(error)).not.toContain('topsecret')
      expect((error as Error).cause).toBeUndefined()
    }
  })

  it('masks the password in an error message and stack, raw or encoded', () => {
    const url = 'postgres://copier:s3cr%3Ft@db/copier'
    const e = redactError(new Error('auth failed for s3cr?t at postgres://copier:s3cr%3Ft@db/copier'), url)
    expect(e.message).not.toMatch(/s3cr/)
    expect(e.stack).not.toMatch(/s3cr/)
    const plain = new Error('nothing secret')
    expect(redactError(plain, url)).toBe(plain)
  })
})
