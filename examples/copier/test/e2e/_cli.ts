/** Spawns the copier's CLI from source (`node --import tsx src/cli/main.ts`), reusing the SDK CLI tests' collector. */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type CliResult, collect } from '../../../../test/e2e/cli/_spawnCli.js'
import { secretsEnv } from './_env.js'

export type { CliResult }

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))

/** Starts `mt5web-copier …args` with the test passwords in its environment (paths in `args` absolute). */
export function startCopierCli(args: readonly string[]): ChildProcess {
  // the repository root as the working folder: `--import tsx` resolves from there
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, ...secretsEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Runs `mt5web-copier …args` to completion. */
export function copierCli(args: readonly string[], timeoutMs = 30_000): Promise<CliResult> {
  return collect(startCopierCli(args), timeoutMs)
}
