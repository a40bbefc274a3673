import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as errors from '../../src/errors.js'

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')

describe('errors', () => {
  it('docs/errors.md lists every code and class, and nothing else', () => {
    const documented = [...doc.matchAll(/^\| `(MT5_[A-Z_]+)` \| `(\w+)` \|/gm)].map((m) => [m[1], m[2]])
    const classes = Object.values(errors).filter(
      (v): v is typeof errors.Mt5Error => typeof v === 'function' && v.prototype instanceof errors.Mt5Error,
    )
    expect(documented.map(([code]) => code).sort()).toEqual([...errors.errorCodes].sort())
    expect(documented.map(([, name]) => name).sort()).toEqual(classes.map((c) => c.name).sort())
  })

  it('every error carries its code, name and cause', () => {
    const cause = new Error('root')
    const cases: errors.Mt5Error[] = [
      new errors.MT5ConnectionError('x', { cause }),
      new errors.MT5TimeoutError(3, 100, { cause }),
      new errors.ProtocolError('x', { schema: 'Tick', field: 'bid', offset: 12 }, { cause }),
      new errors.SessionError('x', { cause }),
      new errors.ServerError(28, 3, 'x', { cause }),
      new errors.TradeError(10019, 'x', undefined, { cause }),
      new errors.TradeOutcomeUnknownError(1000, 'x', { cause }),
      new errors.ValidationError('x', { field: 'volume', value: -1 }, { cause }),
      new errors.SymbolNotFoundError('NOPE', { cause }),
      new errors.AbortedError('x', { cause }),
    ]
    expect(new Set(cases.map((e) => e.code)).size).toBe(errors.errorCodes.length)
    for (const e of cases) {
      expect(e).toBeInstanceOf(errors.Mt5Error)
      expect(e).toBeInstanceOf(Error)
      expect(e.cause).toBe(cause)
      expect(e.name).toBe(e.constructor.name)
      expect(errors.isMt5Error(e, e.code)).toBe(true)
    }
    expect(errors.isMt5Error(new Error('plain'))).toBe(false)
  })
})
