/**
 * Connection settings of a run: flags win over the environment. The password never comes from a
 * command-line value (it would show in `ps` and shell history): `--password-file PATH` or
 * `MT5_PASSWORD`.
 */

import { isWebSocketUrl } from '../client/options.js'
import { UsageError } from './usageError.js'

/** Resolved connection settings. */
export interface CliConfig {
  /** `ws://` or `wss://` URL of the Web Terminal endpoint. */
  server: string
  /** Account number as decimal text. */
  login: string
  password: string
  /** Connect and per-request timeout. */
  timeoutMs: number
}

/** Where the settings come from. */
export interface ConfigSources {
  flags: {
    server?: string | undefined
    login?: string | undefined
    passwordFile?: string | undefined
    timeout?: string | undefined
  }
  env: Readonly<Record<string, string | undefined>>
  readFile(path: string): Promise<string>
}

/** Default connect/request timeout. */
export const DEFAULT_TIMEOUT_MS = 15_000

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** Resolves the settings. @throws UsageError naming what is missing or wrong (never the password). */
export async function resolveConfig(sources: ConfigSources): Promise<CliConfig> {
  const { flags, env } = sources
  const server = nonEmpty(flags.server) ?? nonEmpty(env.MT5_SERVER)
  const login = nonEmpty(flags.login) ?? nonEmpty(env.MT5_LOGIN)
  const missing: string[] = []
  if (server === undefined) missing.push('server (set MT5_SERVER or pass --server URL)')
  if (login === undefined) missing.push('login (set MT5_LOGIN or pass --login NUMBER)')
  let password: string | undefined
  if (flags.passwordFile !== undefined) {
    password = await readPasswordFile(flags.passwordFile, sources.readFile)
  } else if (env.MT5_PASSWORD !== undefined && env.MT5_PASSWORD !== '') {
    password = env.MT5_PASSWORD
  } else {
    missing.push('password (set MT5_PASSWORD or pass --password-file PATH)')
  }
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`)
  if (!isWebSocketUrl(server!)) throw new UsageError(`server must be a ws:// or wss:// URL, got "${server}"`)
  if (!/^[1-9]\d{0,19}$/.test(login!))
    throw new UsageError(`login must be a positive account number, got "${login}"`)
  let timeoutMs = DEFAULT_TIMEOUT_MS
  const timeout = nonEmpty(flags.timeout) ?? nonEmpty(env.MT5_TIMEOUT_MS)
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout) || Number(timeout) < 1)
      throw new UsageError(`timeout must be a positive number of ms, got "${timeout}"`)
    timeoutMs = Number(timeout)
  }
  return { server: server!, login: login!, password: password!, timeoutMs }
}

async function readPasswordFile(path: string, read: (path: string) => Promise<string>): Promise<string> {
  let text: string
  try {
    text = await read(path)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new UsageError(`cannot read password file ${path}${typeof code === 'string' ? ` (${code})` : ''}`)
  }
  // The first line, without its line break: `echo secret > file` works.
  const password = text.split(/\r?\n/)[0] ?? ''
  if (password === '') throw new UsageError(`password file ${path} is empty`)
  return password
}
