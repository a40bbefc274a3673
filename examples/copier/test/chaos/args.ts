/**
 * The fault campaign's command line (`npm run chaos -- …`), parsed and checked: a bad argument is
 * one line naming the flag and the value (exit code 2), never a stack trace.
 */
import { parseArgs } from 'node:util'

/** What `npm run chaos` runs. */
export interface ChaosArgs {
  /** The seeds, each `repeat` times in a row. */
  seeds: number[]
  /** `--seed N`: replay one seed (its problems and the copier's log are printed). */
  one: boolean
  concurrency?: number | undefined
  maxMinutes?: number | undefined
  /** How many seeds were asked (before `repeat`). */
  count: number
  record: boolean
  short: boolean
  note: string
}

/** A bad command line; the message names the flag and the value. */
export class ChaosUsageError extends Error {
  override name = 'ChaosUsageError'
}

const positive = (flag: string, text: string | undefined, fallback?: number): number => {
  if (text === undefined && fallback !== undefined) return fallback
  const n = Number(text)
  if (text === undefined || text.trim() === '' || !Number.isInteger(n) || n < 1)
    throw new ChaosUsageError(`--${flag} must be a whole number >= 1, got "${text ?? ''}"`)
  return n
}

/** Parses the campaign's arguments. @throws ChaosUsageError */
export function parseChaosArgs(argv: readonly string[]): ChaosArgs {
  let values: ReturnType<typeof read>
  try {
    values = read(argv)
  } catch (error) {
    // node's own message names the option (unknown flag, missing value, stray argument): one line
    throw new ChaosUsageError(String((error as Error).message).replace(/\s*\n\s*/g, ' '), { cause: error })
  }
  const one = values.seed !== undefined
  if (one && (values.seeds !== undefined || values.from !== undefined))
    throw new ChaosUsageError(
      `--seed ${values.seed} replays one seed: drop --${values.seeds !== undefined ? 'seeds' : 'from'}`,
    )
  const from = one ? positive('seed', values.seed) : positive('from', values.from, 1)
  const count = one ? 1 : positive('seeds', values.seeds, 50)
  const repeat = positive('repeat', values.repeat, 1)
  return {
    seeds: Array.from({ length: count * repeat }, (_, i) => from + Math.floor(i / repeat)),
    one,
    count,
    concurrency: values.concurrency === undefined ? undefined : positive('concurrency', values.concurrency),
    maxMinutes:
      values['max-minutes'] === undefined ? undefined : positive('max-minutes', values['max-minutes']),
    record: !values['no-record'],
    short: values.short,
    note: values.note ?? '',
  }
}

function read(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      seeds: { type: 'string' },
      from: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      'max-minutes': { type: 'string' },
      repeat: { type: 'string' },
      'no-record': { type: 'boolean', default: false },
      short: { type: 'boolean', default: false },
      note: { type: 'string' },
    },
  }).values
}
