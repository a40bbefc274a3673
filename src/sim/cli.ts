#!/usr/bin/env node
/**
 * `mt5web-sim`: starts the simulator. Default: the default broker on ws://127.0.0.1:8228/ with a
 * funded demo account, ticks every 250 ms on the wall clock. Flags: `--port`, `--host`, `--seed`,
 * `--tick-ms`, `--config FILE` (JSON or YAML: `{ brokers: [BrokerConfig-like objects] }`, symbols
 * and accounts filled with `defineSymbol` / `defineAccount` defaults), `--login` / `--password` for
 * the default account. Prints ONE JSON line with the URLs and accounts, then one JSON line per
 * connection, login and trade.
 */
import { realpathSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import {
  type AccountConfig,
  type BrokerConfig,
  defaultBroker,
  defineAccount,
  defineSymbol,
  type SymbolConfig,
} from './engine/config.js'
import { createSimServer, type SimServer } from './server/createSimServer.js'

/** Parsed command line. */
export interface CliOptions {
  port: number
  host: string
  seed: number
  tickMs: number
  config?: string
  login?: number
  password?: string
}

/** Parses argv (without node and the script path). */
export function parseArgs(argv: readonly string[]): CliOptions {
  const out: CliOptions = { port: 8228, host: '127.0.0.1', seed: 1, tickMs: 250 }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    const [name, inline] = flag.includes('=')
      ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
      : [flag, undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new Error(`${name} needs a value`)
      return v
    }
    switch (name) {
      case '--port':
        out.port = Number(value())
        break
      case '--host':
        out.host = value()
        break
      case '--seed':
        out.seed = Number(value())
        break
      case '--tick-ms':
        out.tickMs = Number(value())
        break
      case '--config':
        out.config = value()
        break
      case '--login':
        out.login = Number(value())
        break
      case '--password':
        out.password = value()
        break
      default:
        throw new Error(`unknown flag ${name}`)
    }
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535)
    throw new Error('--port must be 0–65535')
  return out
}

type BrokerInput = Partial<Omit<BrokerConfig, 'symbols' | 'accounts'>> & {
  symbols?: (Partial<SymbolConfig> & { name: string })[]
  accounts?: (Partial<AccountConfig> & { login: number })[]
}

/** Loads brokers from a JSON or YAML file (`yaml` package, loaded on demand). */
export async function loadConfig(file: string): Promise<BrokerConfig[]> {
  const text = await readFile(file, 'utf8')
  let data: unknown
  if (/\.ya?ml$/i.test(file)) {
    const yaml = await import('yaml')
    data = yaml.parse(text)
  } else {
    data = JSON.parse(text)
  }
  const list = (data as { brokers?: BrokerInput[] }).brokers
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file}: expected { brokers: [...] }`)
  const base = defaultBroker()
  return list.map((b, i) => ({
    ...base,
    ...b,
    name: b.name ?? (i === 0 ? base.name : `Broker${i + 1}`),
    serverName: b.serverName ?? `${b.name ?? base.name}-Demo`,
    symbols: b.symbols ? b.symbols.map((s) => defineSymbol(s)) : base.symbols,
    accounts: b.accounts ? b.accounts.map((a) => defineAccount(a)) : base.accounts,
  }))
}

/** Starts the simulator from argv; resolves with the running server. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<SimServer> {
  const opts = parseArgs(argv)
  const brokers = opts.config ? await loadConfig(opts.config) : [defaultBroker()]
  const first = brokers[0]!
  if (opts.login !== undefined || opts.password !== undefined) {
    const account = first.accounts[0] ?? defineAccount({ login: opts.login ?? 10001 })
    const changed = {
      ...account,
      login: opts.login ?? account.login,
      password: opts.password ?? account.password,
    }
    first.accounts = [changed, ...first.accounts.slice(1)]
  }
  const print = (line: Record<string, unknown>): void => {
    process.stdout.write(`${JSON.stringify(line)}\n`)
  }
  const sim = await createSimServer({
    port: opts.port,
    host: opts.host,
    seed: opts.seed,
    brokers,
    tickIntervalMs: opts.tickMs,
    log: (event, data) => {
      if (
        ['connect', 'disconnect', 'login', 'login-failed', 'logout', 'trade', 'account-opened'].includes(
          event,
        )
      ) {
        print({ event, time: new Date().toISOString(), ...data })
      }
    },
  })
  print({
    event: 'listening',
    url: sim.url(),
    brokers: brokers.map((b) => ({
      name: b.name,
      server: b.serverName,
      url: sim.url(b.name),
      accounts: b.accounts.map((a) => ({
        login: a.login,
        password: a.password,
        investorPassword: a.investorPassword,
      })),
    })),
  })
  const stop = (): void => {
    void sim.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return sim
}

/** True when this module is the process entry, also through npm's `.bin` symlink. */
function isEntry(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href
  } catch {
    return false
  }
}

if (isEntry()) {
  main().catch((error: unknown) => {
    process.stderr.write(`mt5web-sim: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
