#!/usr/bin/env node
/** The `mt5web` executable: runs the command line and exits with its code. */
import { run } from './run.js'

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
    // Leave once stdout is flushed even if a handle lingers; unref'd so it never delays a clean exit.
    setTimeout(() => process.exit(code), 2_000).unref()
  },
  (error: unknown) => {
    process.stderr.write(
      `mt5web: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exitCode = 1
  },
)
