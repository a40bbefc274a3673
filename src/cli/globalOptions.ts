/** Options every subcommand accepts. */
import type { CliOption } from './command.js'

export const globalOptions = {
  server: {
    type: 'string',
    valueName: 'URL',
    description: 'ws:// or wss:// URL of the Web Terminal (env MT5_SERVER)',
  },
  login: { type: 'string', valueName: 'NUMBER', description: 'account number (env MT5_LOGIN)' },
  'password-file': {
    type: 'string',
    valueName: 'PATH',
    description: 'read the password from the first line of PATH (else env MT5_PASSWORD)',
  },
  timeout: {
    type: 'string',
    valueName: 'MS',
    description: 'connect and request timeout in ms (env MT5_TIMEOUT_MS, default 15000)',
  },
  json: { type: 'boolean', description: 'print one JSON document on stdout (64-bit numbers as strings)' },
  yes: { type: 'boolean', short: 'y', description: 'trade commands: do not ask for confirmation' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
  version: { type: 'boolean', short: 'v', description: 'print the version of mt5web' },
} as const satisfies Record<string, CliOption>

export type GlobalOptionName = keyof typeof globalOptions
