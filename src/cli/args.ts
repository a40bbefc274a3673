/**
 * Command-line parsing with `node:util` `parseArgs`: the first positional names the subcommand;
 * options may come before or after it; an option that the subcommand does not take, a missing or
 * surplus positional, and any `--password` flag are usage errors.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { CliOption, Command } from './command.js'
import { globalOptions } from './globalOptions.js'
import { UsageError } from './usageError.js'

/** The parsed command line. */
export interface ParsedCommandLine {
  /** The subcommand, or undefined when none was given (`mt5web --help`). */
  command: Command | undefined
  positionals: string[]
  values: Record<string, string | boolean | undefined>
  help: boolean
  version: boolean
  json: boolean
  yes: boolean
}

type ParseOptions = NonNullable<ParseArgsConfig['options']>

function toParseOptions(options: Readonly<Record<string, CliOption>>, into: ParseOptions): void {
  for (const [name, o] of Object.entries(options)) {
    const existing = into[name]
    if (existing !== undefined && existing.type !== o.type)
      throw new Error(`option --${name} defined twice with different types`)
    into[name] = o.short === undefined ? { type: o.type } : { type: o.type, short: o.short }
  }
}

/** Rejects any attempt to pass the password as a flag value. @throws UsageError */
export function rejectPasswordFlag(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') return
    if (
      arg === '--password' ||
      arg.startsWith('--password=') ||
      arg === '--pass' ||
      arg.startsWith('--pass=')
    ) {
      throw new UsageError(
        'the password is never taken from the command line; set MT5_PASSWORD or use --password-file PATH',
      )
    }
  }
}

/** Parses `argv` (without node and the script) against the subcommands. @throws UsageError */
export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): ParsedCommandLine {
  rejectPasswordFlag(argv)
  const options: ParseOptions = {}
  toParseOptions(globalOptions, options)
  for (const c of commands) toParseOptions(c.options, options)
  const shield = shieldNegativeNumbers(argv)
  const parsed = strictParse(shield.args, options)
  const values: Record<string, string | boolean | undefined> = {}
  for (const [key, value] of Object.entries(parsed.values))
    values[key] = typeof value === 'string' ? shield.restore(value) : (value as boolean | undefined)
  let [name, ...positionals] = parsed.positionals.map(shield.restore)
  let help = values.help === true
  // `mt5web help [command]` is what many people type first: the same as `--help`.
  if (name === 'help') {
    ;[name, ...positionals] = positionals
    help = true
  }
  const version = values.version === true
  const json = values.json === true
  const yes = values.yes === true
  if (name === undefined) {
    const used = parsed.tokens.find((t) => t.kind === 'option' && !Object.hasOwn(globalOptions, t.name))
    if (used !== undefined && used.kind === 'option' && !help && !version)
      throw new UsageError(`option --${used.name} needs a command`)
    return { command: undefined, positionals: [], values, help, version, json, yes }
  }
  const command = commands.find((c) => c.name === name)
  if (command === undefined) throw new UsageError(`unknown command "${name}" (see mt5web --help)`)
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue
    if (!Object.hasOwn(globalOptions, token.name) && !Object.hasOwn(command.options, token.name))
      throw new UsageError(
        `option --${token.name} does not apply to "${command.name}" (see mt5web ${command.name} --help)`,
      )
  }
  if (!help && !version) {
    if (positionals.length < command.positionals.min)
      throw new UsageError(`missing arguments: usage: mt5web ${command.usage}`)
    if (positionals.length > command.positionals.max)
      throw new UsageError(`too many arguments: usage: mt5web ${command.usage}`)
  }
  return { command, positionals, values, help, version, json, yes }
}

/** A negative number (`-1`, `-0.5`, `-.5`, `-1e3`): never an option, since no option is a digit. */
const NEGATIVE_NUMBER = /^-\.?\d/

/**
 * `parseArgs` reads `-1` as an unknown option and refuses `--limit -5` as ambiguous. Negative
 * numbers are swapped for placeholders (a NUL byte cannot come from a shell) and put back after
 * parsing, so the value checks can say what is wrong (`LOTS must be greater than 0, got "-1"`).
 */
function shieldNegativeNumbers(argv: readonly string[]): {
  args: string[]
  restore: (text: string) => string
} {
  const hidden = new Map<string, string>()
  const args = argv.map((arg) => {
    if (!NEGATIVE_NUMBER.test(arg)) return arg
    const placeholder = `\u0000${hidden.size}`
    hidden.set(placeholder, arg)
    return placeholder
  })
  const restore = (text: string): string => hidden.get(text) ?? text
  return { args, restore }
}

function strictParse(argv: readonly string[], options: ParseOptions) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true })
  } catch (error) {
    throw new UsageError(parseFailure(error), { cause: error })
  }
}

/** Our own words for `parseArgs` failures (its messages suggest `--` syntax and quote oddly). */
function parseFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  const option = /'(-[^' ]+)/.exec(message)?.[1]
  if (option !== undefined) {
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option} (see mt5web --help)`
    if (/does not take an argument/.test(message)) return `${option} takes no value`
    if (/argument missing/.test(message)) return `${option} needs a value`
    if (/ambiguous/.test(message))
      return `${option} needs a value (for a value that starts with "-", write ${option}=VALUE)`
  }
  return message.split('\n')[0] ?? message
}

/** A string option's value (`undefined` when absent). */
export function stringOption(
  values: Readonly<Record<string, string | boolean | undefined>>,
  name: string,
): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}
