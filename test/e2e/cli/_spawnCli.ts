/** Spawns the CLI from source (`node --import tsx src/cli/main.ts`) and collects its output. */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

const MAIN = resolve(process.cwd(), 'src/cli/main.ts')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Starts the CLI; `env` is added to a clean environment (no MT5_* inherited). */
export function startCli(args: readonly string[], env: Record<string, string>): ChildProcess {
  const base: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('MT5_')) base[k] = v
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/**
 * Resolves when the child exits, killing it after `timeoutMs` (generous: a process that loads
 * TypeScript through tsx can take many seconds to start on a busy machine).
 */
export function collect(child: ChildProcess, timeoutMs = 60_000): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d
  })
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

/** Runs the CLI to completion. */
export function runCli(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs?: number,
): Promise<CliResult> {
  return collect(startCli(args, env), timeoutMs)
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Resolves with stdout once the child has printed `count` lines; rejects after `timeoutMs`. */
export function waitForLines(child: ChildProcess, count: number, timeoutMs = 15_000): Promise<string> {
  let seen = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.stdout?.off('data', onData)
      reject(new Error(`fewer than ${count} lines in time: ${seen}`))
    }, timeoutMs)
    const onData = (d: Buffer | string): void => {
      seen += String(d)
      if (seen.split('\n').length > count) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        resolve(seen)
      }
    }
    child.stdout?.on('data', onData)
  })
}
