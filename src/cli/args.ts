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
  const parsed = strictParse(argv, options)
  const values = parsed.values as Record<string, string | boolean | undefined>
  const [name, ...positionals] = parsed.positionals
  const help = values.help === true
  const json = values.json === true
  const yes = values.yes === true
  if (name === undefined) {
    const used = parsed.tokens.find((t) => t.kind === 'option' && !Object.hasOwn(globalOptions, t.name))
    if (used !== undefined && used.kind === 'option' && !help)
      throw new UsageError(`option --${used.name} needs a command`)
    return { command: undefined, positionals: [], values, help, json, yes }
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
  if (!help) {
    if (positionals.length < command.positionals.min)
      throw new UsageError(`missing arguments: usage: mt5web ${command.usage}`)
    if (positionals.length > command.positionals.max)
      throw new UsageError(`too many arguments: usage: mt5web ${command.usage}`)
  }
  return { command, positionals, values, help, json, yes }
}

function strictParse(argv: readonly string[], options: ParseOptions) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true })
  } catch (error) {
    throw new UsageError(firstLine(error instanceof Error ? error.message : String(error)))
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}

/** A string option's value (`undefined` when absent). */
export function stringOption(
  values: Readonly<Record<string, string | boolean | undefined>>,
  name: string,
): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}
