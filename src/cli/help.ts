/** Help texts: the command list and each command's usage and options. */
import type { CliOption, Command } from './command.js'
import { globalOptions } from './globalOptions.js'

function optionLines(options: Readonly<Record<string, CliOption>>): string[] {
  const entries = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short === undefined ? '    ' : `-${o.short}, `}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`
    return [flag, o.description] as const
  })
  const width = Math.max(0, ...entries.map(([f]) => f.length))
  return entries.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`)
}

/** `mt5web --help`. */
export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Usage: mt5web <command> [options]',
    '',
    'MetaTrader 5 Web Terminal from the command line.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...optionLines(globalOptions),
    '',
    'Connection: MT5_SERVER, MT5_LOGIN, MT5_PASSWORD (or --server, --login, --password-file).',
    'The password is never accepted as a command-line value.',
    'Exit codes: 0 ok, 1 failure (rejected trade, connection, login), 2 usage error.',
    'Run "mt5web <command> --help" (or "mt5web help <command>") for a command.',
    '',
  ].join('\n')
}

/** `mt5web <command> --help`. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: mt5web ${command.usage}`, '', command.summary]
  if (command.details !== undefined) lines.push('', command.details)
  if (Object.keys(command.options).length > 0) lines.push('', 'Options:', ...optionLines(command.options))
  lines.push('', 'Global options:', ...optionLines(globalOptions), '')
  return lines.join('\n')
}
