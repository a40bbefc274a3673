/**
 * `run(argv)`: parse, validate, connect, run one subcommand, close; resolves with the exit code.
 * Never throws and never prints a stack: failures become one line on stderr.
 */
import { parseCommandLine, stringOption } from './args.js'
import { type CliClient, createCliClient } from './client.js'
import type { Command, PreparedCommand } from './command.js'
import { commands } from './commandList.js'
import { type CliConfig, resolveConfig } from './config.js'
import { confirm, confirmMode, REFUSE_MESSAGE } from './confirm.js'
import { type ErrorContext, errorReport } from './errorLine.js'
import { ExitCode } from './exitCodes.js'
import type { HandshakeProbe } from './handshakeProbe.js'
import { commandHelp, mainHelp } from './help.js'
import { type CliIo, processIo } from './io.js'
import { packageVersion } from './version.js'

/** Runs the command line `argv` (without `node` and the script path). */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let command: Command
  let prepared: PreparedCommand
  let parsed: ReturnType<typeof parseCommandLine>
  try {
    parsed = parseCommandLine(argv, commands)
    if (parsed.version) {
      io.stdout.write(`mt5web ${packageVersion()}\n`)
      return ExitCode.Ok
    }
    if (parsed.command === undefined) {
      if (parsed.help) {
        io.stdout.write(mainHelp(commands))
        return ExitCode.Ok
      }
      io.stderr.write(mainHelp(commands))
      return ExitCode.Usage
    }
    command = parsed.command
    if (parsed.help) {
      io.stdout.write(commandHelp(command))
      return ExitCode.Ok
    }
    prepared = command.prepare({ positionals: parsed.positionals, values: parsed.values, json: parsed.json })
  } catch (error) {
    return report(io, error)
  }
  const mode =
    command.trades === true ? confirmMode({ yes: parsed.yes, interactive: io.interactive }) : 'skip'
  if (mode === 'refuse') {
    io.stderr.write(`mt5web: ${REFUSE_MESSAGE}\n`)
    return ExitCode.Usage
  }
  let config: CliConfig
  let client: CliClient
  let probe: HandshakeProbe
  try {
    config = await resolveConfig({
      flags: {
        server: stringOption(parsed.values, 'server'),
        login: stringOption(parsed.values, 'login'),
        passwordFile: stringOption(parsed.values, 'password-file'),
        timeout: stringOption(parsed.values, 'timeout'),
      },
      env: io.env,
      readFile: io.readFile,
    })
    ;({ client, probe } = createCliClient(config))
  } catch (error) {
    return report(io, error)
  }
  return runConnected(command, prepared, { client, probe, config }, io, mode, parsed.json)
}

async function runConnected(
  command: Command,
  prepared: PreparedCommand,
  { client, probe, config }: { client: CliClient; probe: HandshakeProbe; config: CliConfig },
  io: CliIo,
  mode: ReturnType<typeof confirmMode>,
  json: boolean,
): Promise<number> {
  const controller = new AbortController()
  const removeSignals = io.onSignal(() => {
    if (controller.signal.aborted) return
    controller.abort()
    // A one-shot command is cut short: closing rejects whatever is pending.
    if (command.streams !== true) void client.close().catch(() => undefined)
  })
  const removeOutputClosed = io.onOutputClosed(() => {
    // Nobody reads any more (`| head`): a stream stops quietly and logs out; a one-shot command
    // (maybe a trade in flight) runs to its end, its output lost, rather than being cut short.
    if (command.streams === true && !controller.signal.aborted) controller.abort()
  })
  let connected = false
  try {
    await client.connect({ signal: controller.signal })
    connected = true
    return await prepared({
      client,
      io,
      json,
      signal: controller.signal,
      confirm: (question) => confirm(mode, question, io.prompt),
    })
  } catch (error) {
    if (controller.signal.aborted) {
      if (command.streams === true) return ExitCode.Ok
      io.stderr.write('mt5web: interrupted\n')
      return ExitCode.Interrupted
    }
    return report(io, error, {
      server: config.server,
      password: config.password,
      connected,
      handshake: probe.opened,
    })
  } finally {
    removeSignals()
    removeOutputClosed()
    await client.close().catch(() => undefined)
  }
}

function report(io: CliIo, error: unknown, context: ErrorContext = {}): number {
  const { line, exitCode } = errorReport(error, context)
  io.stderr.write(`${line}\n`)
  return exitCode
}
