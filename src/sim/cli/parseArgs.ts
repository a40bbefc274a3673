/**
 * Command line of `mt5web-sim`. Every flag is checked here, with a message naming the flag and the
 * value: a bad number must not reach the server (`--tick-ms abc` used to freeze the feed,
 * `--login abc` to create an account nobody can log in to).
 */
import { ValidationError } from '../../errors.js'

/** How `--sessions` sets the symbols' quote and trade sessions. */
export type SessionsMode = 'always' | 'week'

/** Parsed command line. */
export interface CliOptions {
  port: number
  host: string
  seed: number
  tickMs: number
  /** `always`: every symbol trades around the clock; `week`: the configured weekly sessions. */
  sessions: SessionsMode
  config?: string
  login?: number
  password?: string
  /** `--help` / `-h`: print {@link USAGE} and exit. */
  help?: true
}

/** `mt5web-sim --help`. */
export const USAGE = `Usage: mt5web-sim [options]

Starts a local MT5 Web Terminal simulator (default: ws://127.0.0.1:8228/, account 10001 / Demo1234).

Options:
  --port N            TCP port, 0 = any free port (default 8228)
  --host ADDR         interface to listen on (default 127.0.0.1)
  --seed N            price feed seed, an integer (default 1)
  --tick-ms N         a tick of every symbol every N ms, 10 to 3600000; 0 = no ticks (default 250)
  --sessions MODE     week: the symbols' weekly trade sessions (forex closed at weekends, default);
                      always: every symbol quotes and trades around the clock
  --config FILE       brokers, symbols and accounts from a JSON or YAML file ({ brokers: [...] })
  --login N           login of the first account of the first broker
  --password TEXT     password of that account
  -h, --help          print this help and exit

Prints one JSON line {"event":"listening",...} with the URLs and accounts, then one JSON line
per connection, login and trade. Stops on SIGINT / SIGTERM.
`

const MIN_TICK_MS = 10
const MAX_TICK_MS = 3_600_000

function bad(flag: string, value: string, expected: string): ValidationError {
  return new ValidationError(`${flag} must be ${expected}, got "${value}"`, { field: flag, value })
}

/** Decimal integer only: `Number('')`, `Number('0x10')` and `Number('1e3')` are not what a user meant. */
function integer(flag: string, value: string, min: number, max: number, expected: string): number {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(flag, value, expected)
  return n
}

function nonBlank(flag: string, value: string, expected: string): string {
  if (value.trim() === '') throw bad(flag, value, expected)
  return value
}

/**
 * Parses argv (without node and the script path).
 * @throws ValidationError naming the flag and the value: unknown flag, missing or invalid value.
 */
export function parseArgs(argv: readonly string[]): CliOptions {
  const out: CliOptions = { port: 8228, host: '127.0.0.1', seed: 1, tickMs: 250, sessions: 'week' }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const name = eq >= 0 ? arg.slice(0, eq) : arg
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new ValidationError(`${name} needs a value`, { field: name })
      return v
    }
    switch (name) {
      case '-h':
      case '--help':
        out.help = true
        break
      case '--port':
        out.port = integer(name, value(), 0, 65535, 'a port number 0–65535')
        break
      case '--host':
        out.host = nonBlank(name, value(), 'an interface address')
        break
      case '--seed':
        out.seed = integer(name, value(), 0, 0xffff_ffff, 'an integer 0–4294967295')
        break
      case '--tick-ms': {
        const v = value()
        const n = integer(name, v, 0, MAX_TICK_MS, `0 or ${MIN_TICK_MS}–${MAX_TICK_MS}`)
        if (n !== 0 && n < MIN_TICK_MS) throw bad(name, v, `0 or ${MIN_TICK_MS}–${MAX_TICK_MS}`)
        out.tickMs = n
        break
      }
      case '--sessions': {
        const v = value()
        if (v !== 'always' && v !== 'week') throw bad(name, v, '"always" or "week"')
        out.sessions = v
        break
      }
      case '--config':
        out.config = nonBlank(name, value(), 'a file path')
        break
      case '--login':
        out.login = integer(name, value(), 1, Number.MAX_SAFE_INTEGER, 'a positive account number')
        break
      case '--password': {
        // The value is never echoed: it is a secret even in a simulator.
        const v = value()
        if (v === '') throw new ValidationError('--password must not be empty', { field: name })
        out.password = v
        break
      }
      default:
        throw new ValidationError(`unknown flag ${name} (see mt5web-sim --help)`, {
          field: name,
          value: name,
        })
    }
  }
  return out
}
