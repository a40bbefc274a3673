/** Runs `mt5web-copier …args` in this process (no child, no tsx start-up): its exit code and output. */
import { runCli } from '../../src/cli/program.js'
import type { CopierOptions } from '../../src/service/copier.js'

export interface InProcessCli {
  env?: Record<string, string>
  /** Where relative paths start (default: this process's). */
  cwd?: string
  copierOptions?: Partial<CopierOptions>
}

/** Runs the CLI to completion; a `run` never receives a stop signal. */
export async function runCliHere(args: readonly string[], options: InProcessCli = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t
    },
    stderr: (t) => {
      stderr += t
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stopSignal: () => new Promise(() => {}),
    ...(options.copierOptions ? { copierOptions: options.copierOptions } : {}),
  })
  return { code, stdout, stderr }
}
