/**
 * The shape of a subcommand: its help, its options, a `prepare` step that validates the command
 * line before anything is sent (bad input → {@link UsageError}, exit 2) and returns the action to
 * run against a connected client.
 */
import type { CliClient } from './client.js'
import type { CliIo } from './io.js'

/** An option of a subcommand (a `node:util` `parseArgs` option plus help text). */
export interface CliOption {
  type: 'string' | 'boolean'
  short?: string
  /** Placeholder in help, e.g. `PRICE`. */
  valueName?: string
  description: string
}

/** The parsed command line handed to `prepare`. */
export interface CommandArgs {
  /** Positionals after the subcommand name. */
  positionals: string[]
  /** Option values by long name (string options as strings, flags as `true`). */
  values: Readonly<Record<string, string | boolean | undefined>>
  json: boolean
}

/** What a prepared command gets when it runs. */
export interface CommandContext {
  client: CliClient
  io: CliIo
  json: boolean
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal
  /** Asks the user (or accepts with `--yes`); false = declined. */
  confirm(question: string): Promise<boolean>
}

/** A validated command, ready to run; resolves with the exit code. */
export type PreparedCommand = (ctx: CommandContext) => Promise<number>

/** A subcommand. */
export interface Command {
  name: string
  /** One line for the command list. */
  summary: string
  /** Synopsis after `mt5web`, e.g. `rates SYMBOL TIMEFRAME --count N`. */
  usage: string
  /** Extra help paragraphs. */
  details?: string
  options: Readonly<Record<string, CliOption>>
  positionals: { min: number; max: number }
  /** A trade command: needs confirmation (TTY prompt or `--yes`). */
  trades?: boolean
  /** Runs until interrupted; SIGINT/SIGTERM end it cleanly with exit code 0. */
  streams?: boolean
  /** Validates the arguments. @throws UsageError */
  prepare(args: CommandArgs): PreparedCommand
}
