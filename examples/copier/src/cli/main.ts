#!/usr/bin/env node
/** The `mt5web-copier` executable: wires the process to {@link runCli}. */
import { runCli } from './program.js'

// An output whose reader went away (`mt5web-copier run 2>&1 | head`) fails every later write with
// EPIPE, an error event that used to kill the process mid-run (exit 1, nothing said): nothing more
// is written to it, and a running copier stops as on SIGTERM (in-flight requests finished, state
// persisted, accounts logged out).
const closed = new Set<NodeJS.WriteStream>()
let closedName: string | undefined
let onClosed: ((name: string) => void) | undefined
for (const [name, stream] of [
  ['stdout', process.stdout],
  ['stderr', process.stderr],
] as const)
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    closed.add(stream)
    closedName ??= `${name} closed`
    onClosed?.(closedName)
  })
const writer = (stream: NodeJS.WriteStream) => (text: string) => {
  if (!closed.has(stream)) stream.write(text)
}

const stopSignal = () =>
  new Promise<string>((resolve) => {
    const on = (signal: string) => () => resolve(signal)
    process.once('SIGINT', on('SIGINT'))
    process.once('SIGTERM', on('SIGTERM'))
    onClosed = resolve
    if (closedName !== undefined) resolve(closedName)
  })

const code = await runCli(process.argv.slice(2), {
  stdout: writer(process.stdout),
  stderr: writer(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  stopSignal,
})
process.exitCode = code
// a half-open socket or a pending reconnect timer must not keep a finished command alive
const flush = (stream: NodeJS.WriteStream, then: () => void) =>
  closed.has(stream) ? then() : stream.write('', then)
flush(process.stdout, () => flush(process.stderr, () => process.exit(code)))
