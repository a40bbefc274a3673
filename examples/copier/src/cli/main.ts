#!/usr/bin/env node
/** The `mt5web-copier` executable: wires the process to {@link runCli}. */
import { runCli } from './program.js'

const stopSignal = () =>
  new Promise<string>((resolve) => {
    const on = (signal: string) => () => resolve(signal)
    process.once('SIGINT', on('SIGINT'))
    process.once('SIGTERM', on('SIGTERM'))
  })

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stopSignal,
})
process.exitCode = code
// a half-open socket or a pending reconnect timer must not keep a finished command alive
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
