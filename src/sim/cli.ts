#!/usr/bin/env node
/**
 * `mt5web-sim`: starts the simulator. Default: the default broker on ws://127.0.0.1:8228/ with a
 * funded demo account, ticks every 250 ms on the wall clock. Flags: see `USAGE` (`--help`).
 * Prints ONE JSON line with the URLs and accounts, then one JSON line per connection, login and
 * trade; human notices (market closed now) go to stderr.
 */
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { loadConfig } from './cli/loadConfig.js'
import { marketClosedNotice } from './cli/marketNotice.js'
import { type CliOptions, parseArgs, USAGE } from './cli/parseArgs.js'
import { ALWAYS_OPEN, type BrokerConfig, defaultBroker, defineAccount } from './engine/config.js'
import { createSimServer, type SimServer } from './server/createSimServer.js'

export { loadConfig, parseSimConfig } from './cli/loadConfig.js'
export { type CliOptions, parseArgs, type SessionsMode, USAGE } from './cli/parseArgs.js'

/** Log events printed as JSON lines: sessions, trades and the limits a bad peer hits. */
const PRINTED_EVENTS = new Set([
  'connect',
  'disconnect',
  'login',
  'login-failed',
  'login-locked',
  'logout',
  'trade',
  'account-opened',
  'account-locked',
  'account-limit',
  'connection-limit',
  'slow-consumer',
  'bootstrap-timeout',
  'login-timeout',
])

/** Brokers from the config file (or the default one) with the command line applied. */
async function brokersOf(opts: CliOptions): Promise<BrokerConfig[]> {
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
  if (opts.sessions === 'always') {
    for (const b of brokers)
      b.symbols = b.symbols.map((s) => ({ ...s, quoteSessions: ALWAYS_OPEN, tradeSessions: ALWAYS_OPEN }))
  }
  return brokers
}

/**
 * Starts the simulator from argv; resolves with the running server, or undefined after `--help`.
 * @throws ValidationError for a bad flag or config file (nothing is started then).
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<SimServer | undefined> {
  const opts = parseArgs(argv)
  if (opts.help) {
    process.stdout.write(USAGE)
    return undefined
  }
  const brokers = await brokersOf(opts)
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
      if (PRINTED_EVENTS.has(event)) print({ event, time: new Date().toISOString(), ...data })
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
  const notice = marketClosedNotice(brokers, sim.control.clock.now())
  if (notice !== undefined) process.stderr.write(`mt5web-sim: ${notice}\n`)
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
