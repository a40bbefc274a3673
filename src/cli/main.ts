#!/usr/bin/env node
/** The `mt5web` executable: runs the command line and exits with its code. */
import { run } from './run.js'

let finished = false
// Node exits with 0 when nothing is left to wait for, even if `run` never settled (a promise left
// pending by a lost connection): that must not look like success.
process.once('beforeExit', () => {
  if (finished) return
  process.stderr.write('mt5web: internal error: the command stopped before finishing\n')
  process.exitCode = 1
})

run(process.argv.slice(2)).then(
  (code) => {
    finished = true
    process.exitCode = code
    // Leave once stdout is flushed even if a handle lingers; unref'd so it never delays a clean exit.
    setTimeout(() => process.exit(code), 2_000).unref()
  },
  (error: unknown) => {
    finished = true
    process.stderr.write(
      `mt5web: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exitCode = 1
  },
)
