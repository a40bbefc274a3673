import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../../../src/errors.js'
import { parseArgs, USAGE } from '../../../../src/sim/cli/parseArgs.js'
import { thrown } from '../../../helpers/thrown.js'

/** The ValidationError parseArgs throws for `argv`. */
function failure(argv: string[]): ValidationError {
  return thrown(() => parseArgs(argv), ValidationError)
}

describe('mt5web-sim parseArgs', () => {
  it('-h and --help ask for the usage text, which lists every flag', () => {
    expect(parseArgs(['-h']).help).toBe(true)
    expect(parseArgs(['--help']).help).toBe(true)
    for (const flag of [
      '--port',
      '--host',
      '--seed',
      '--tick-ms',
      '--sessions',
      '--config',
      '--login',
      '--password',
    ])
      expect(USAGE).toContain(flag)
  })

  it('--sessions takes always or week (default week)', () => {
    expect(parseArgs([]).sessions).toBe('week')
    expect(parseArgs(['--sessions', 'always']).sessions).toBe('always')
    expect(parseArgs(['--sessions=week']).sessions).toBe('week')
    const e = failure(['--sessions', 'sometimes'])
    expect(e.field).toBe('--sessions')
    expect(e.message).toContain('"sometimes"')
  })

  it('rejects bad numbers with the flag and the value', () => {
    const cases: [string[], string][] = [
      [['--tick-ms', 'abc'], '--tick-ms'],
      [['--tick-ms', '5'], '--tick-ms'],
      [['--tick-ms', '-1'], '--tick-ms'],
      [['--tick-ms', '1e3'], '--tick-ms'],
      [['--login', 'abc'], '--login'],
      [['--login', '0'], '--login'],
      [['--login', '12.5'], '--login'],
      [['--port', '70000'], '--port'],
      [['--port', ''], '--port'],
      [['--seed', 'x'], '--seed'],
    ]
    for (const [argv, field] of cases) {
      const e = failure(argv)
      expect(e.field, argv.join(' ')).toBe(field)
      expect(e.message, argv.join(' ')).toContain(`"${argv[1]}"`)
    }
  })

  it('accepts valid values, inline or separate', () => {
    expect(parseArgs(['--tick-ms', '0', '--login=42', '--port', '0', '--seed', '9'])).toMatchObject({
      tickMs: 0,
      login: 42,
      port: 0,
      seed: 9,
    })
    expect(parseArgs(['--tick-ms=10']).tickMs).toBe(10)
  })

  it('a flag without its value, an unknown flag, an empty password: typed errors, no password echo', () => {
    expect(failure(['--port']).message).toMatch(/--port needs a value/)
    expect(failure(['--config', '--port', '1']).message).toMatch(/--config needs a value/)
    expect(failure(['--nope']).message).toMatch(/unknown flag --nope/)
    expect(failure(['--password', '']).field).toBe('--password')
  })

  it('never throws anything but a ValidationError, whatever the argv', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.constantFrom('--port', '--tick-ms', '--login', '--sessions', '-h'), fc.string()),
        ),
        (argv) => {
          try {
            const o = parseArgs(argv)
            expect(Number.isSafeInteger(o.tickMs) && Number.isSafeInteger(o.port)).toBe(true)
            if (o.login !== undefined) expect(o.login).toBeGreaterThan(0)
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError)
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    )
  })
})
