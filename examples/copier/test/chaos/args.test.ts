/**
 * `npm run chaos` arguments: a bad one is one line naming the flag and the value, exit code 2 (it
 * was a RangeError's stack trace, or node's parseArgs error with its stack).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { thrown } from '../../../../test/helpers/thrown.js'
import { ChaosUsageError, parseChaosArgs } from './args.js'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url))

describe('chaos arguments', () => {
  it('takes the documented flags, with their defaults', () => {
    expect(parseChaosArgs([])).toMatchObject({ count: 50, one: false, record: true, short: false, note: '' })
    expect(parseChaosArgs([]).seeds).toHaveLength(50)
    expect(parseChaosArgs(['--from', '5001', '--seeds', '2', '--repeat', '2']).seeds).toEqual([
      5001, 5001, 5002, 5002,
    ])
    expect(parseChaosArgs(['--seed', '18', '--short', '--no-record'])).toMatchObject({
      seeds: [18],
      one: true,
      short: true,
      record: false,
    })
    expect(parseChaosArgs(['--concurrency', '2', '--max-minutes', '40', '--note', 'x'])).toMatchObject({
      concurrency: 2,
      maxMinutes: 40,
      note: 'x',
    })
  })

  it.each([
    [['--seeds', 'abc'], '--seeds must be a whole number >= 1, got "abc"'],
    [['--seeds', '0'], '--seeds must be a whole number >= 1, got "0"'],
    [['--from=-3'], '--from must be a whole number >= 1, got "-3"'],
    [['--from', '-3'], "Option '--from' argument is ambiguous. Did you forget"],
    [['--seed', '1.5'], '--seed must be a whole number >= 1, got "1.5"'],
    [['--repeat', ''], '--repeat must be a whole number >= 1, got ""'],
    [['--concurrency', 'two'], '--concurrency must be a whole number >= 1, got "two"'],
    [['--max-minutes', '1e9x'], '--max-minutes must be a whole number >= 1, got "1e9x"'],
    [['--seed', '5', '--seeds', '10'], '--seed 5 replays one seed: drop --seeds'],
    [['--seeds'], "Option '--seeds <value>' argument missing"],
    [['--sedes', '10'], "Unknown option '--sedes'"],
    [['10'], "Unexpected argument '10'"],
  ])('%j: %s', (argv, message) => {
    const error = thrown(() => parseChaosArgs(argv), ChaosUsageError)
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('\n')
  })

  it('the command prints one line and exits with code 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--seeds', 'abc'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('chaos: --seeds must be a whole number >= 1, got "abc"\n')
  })
})
