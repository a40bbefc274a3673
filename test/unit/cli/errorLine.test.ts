import { describe, expect, it } from 'vitest'
import { errorReport, redact } from '../../../src/cli/errorLine.js'
import { UsageError } from '../../../src/cli/usageError.js'
import { MT5ConnectionError, ServerError, TradeError } from '../../../src/errors.js'

describe('errorReport', () => {
  it('usage errors exit 2, everything else 1', () => {
    expect(errorReport(new UsageError('bad')).exitCode).toBe(2)
    expect(errorReport(new Error('x')).exitCode).toBe(1)
  })

  it('one line, prefixed, no stack', () => {
    const { line } = errorReport(new Error('first\nsecond'))
    expect(line).toBe('mt5web: first second')
    expect(line).not.toContain('at ')
  })

  it('names the server and the root cause of a connection failure', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const { line, exitCode } = errorReport(new MT5ConnectionError('socket closed', { cause }), {
      server: 'ws://127.0.0.1:1/',
    })
    expect(line).toBe('mt5web: cannot connect to ws://127.0.0.1:1/: connect ECONNREFUSED 127.0.0.1:1')
    expect(exitCode).toBe(1)
  })

  it('keeps the login failure message and explains retcodes', () => {
    expect(
      errorReport(new ServerError(1, 3, 'login failed: invalid account or password (code 3)')).line,
    ).toBe('mt5web: login failed: invalid account or password (code 3)')
    expect(errorReport(new TradeError(10018, 'x')).line).toMatch(/^mt5web: trade rejected: retcode 10018 \S/)
  })

  it('redacts the password', () => {
    expect(errorReport(new Error('oops s3cret!')).line).toContain('s3cret!')
    expect(errorReport(new Error('oops s3cret!'), { password: 's3cret!' }).line).toBe('mt5web: oops ***')
    expect(redact('ab', 'a')).toBe('ab')
  })
})
