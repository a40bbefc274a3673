/**
 * `mt5web-copier <command>`: a thin layer over `createCopier`. Exit codes: 0 done / in sync,
 * 1 something could not be copied (or a connection failed), 2 bad usage or configuration.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { jsonReplacer } from 'mt5web'
import { loadConfig, resolveTargets } from '../config/load.js'
import type { CopierConfig } from '../config/schema.js'
import { resolveSecret } from '../config/secrets.js'
import { configTemplate } from '../config/template.js'
import { ConfigError, CopierError } from '../errors.js'
import { type FleetSnapshot, fleetSnapshot } from '../fleet/leases.js'
import { serveStatus } from '../http/serve.js'
import { createSymbolMapper } from '../plan/symbols.js'
import { type Copier, type CopierOptions, createCopier } from '../service/copier.js'
import type { ActionEvent } from '../service/events.js'
import { startIdleGc } from '../service/idleGc.js'
import { isPostgresStore, openStateStore, stateLocation } from '../state/open.js'
import { openSqliteStore } from '../state/sqlite.js'
import type { Store } from '../state/store.js'
import { actionText, type CopierLog, createLog, type LogFormat, type LogLevel } from './log.js'

/** Where the CLI reads and writes; injectable for tests. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** Resolves when the process is asked to stop (SIGINT / SIGTERM). */
  stopSignal: () => Promise<string>
  /** Test hook: extra options for `createCopier`. */
  copierOptions?: Partial<CopierOptions>
}

/** Exit codes. */
export const EXIT = { ok: 0, notInSync: 1, usage: 2 } as const

const usage = `Usage: mt5web-copier <command> [options]

Commands:
  run               keep the targets in sync until SIGINT/SIGTERM (pushes + periodic reconcile, or schedule)
  once              one reconcile pass, then exit (0 in sync, 1 something not copied, 2 config error)
  once --dry-run    print what would be placed, modified, cancelled and why; change nothing
  check             validate the config, connect every account, print accounts, symbols and problems
  status            read the state database: links, orphans, refusals, last actions
  init              write a commented example config

Options:
  -c, --config <path>     config file (default copier.yaml)
      --env <name>        merge <config>.<name>.yaml over the config
      --log-format <fmt>  text (default) or json
      --log-level <lvl>   debug, info (default), warn, error
      --dry-run           once: plan only
      --force             init: overwrite an existing file
      --limit <n>         status: number of last actions (default 20)
      --http <host:port>  run: serve the status page, JSON API and /metrics (default: config http.listen)
  -h, --help
`

class UsageError extends Error {}

/** The options that belong to one command. */
const commandOptions: Record<string, string> = {
  'dry-run': 'once',
  force: 'init',
  limit: 'status',
  http: 'run',
}

interface Parsed {
  command: string
  config: string
  env?: string | undefined
  format?: LogFormat | undefined
  level?: LogLevel | undefined
  dryRun: boolean
  force: boolean
  limit: number
  http?: string | undefined
  help: boolean
}

function parse(argv: readonly string[]): Parsed {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c', default: 'copier.yaml' },
      env: { type: 'string' },
      'log-format': { type: 'string' },
      'log-level': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      limit: { type: 'string', default: '20' },
      http: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const format = values['log-format']
  if (format !== undefined && format !== 'text' && format !== 'json')
    throw new UsageError(`--log-format must be text or json, got "${format}"`)
  const level = values['log-level']
  if (level !== undefined && !['debug', 'info', 'warn', 'error'].includes(level))
    throw new UsageError(`--log-level must be debug, info, warn or error, got "${level}"`)
  const limit = Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a positive integer, got "${values.limit}"`)
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`)
  const command = positionals[0] ?? ''
  // an option of another command is an error, not ignored: `run --dry-run` would trade for real
  const given = new Set(argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0] as string))
  for (const [option, only] of Object.entries(commandOptions))
    if (given.has(option) && command !== '' && command !== only)
      throw new UsageError(`--${option} applies to "${only}" only, not to "${command}"`)
  return {
    command,
    config: values.config,
    env: values.env,
    format: format as LogFormat | undefined,
    level: level as LogLevel | undefined,
    dryRun: values['dry-run'],
    force: values.force,
    limit,
    http: values.http,
    help: values.help,
  }
}

/** Logs the copier's events; `plan`: a dry run's planned actions go there instead (stdout). */
function wire(copier: Copier, log: CopierLog, plan?: (e: ActionEvent) => void): void {
  copier.on('action', (e) => (e.dryRun && plan ? plan(e) : log.action(e)))
  copier.on('fleet', (e) => log.info(`fleet ${e.instance}: ${e.kind} ${e.targets.join(', ')} (${e.detail})`))
  copier.on('accountStatus', (a, s, d) => log.account(a, s, d))
  copier.on('reconciled', (s) => log.reconciled(s))
  copier.on('error', (e) => log.error(e))
}

/** Runs the CLI; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: Parsed
  try {
    args = parse(argv)
  } catch (error) {
    io.stderr(`mt5web-copier: ${(error as Error).message}\n\n${usage}`)
    return EXIT.usage
  }
  if (args.help || args.command === '') {
    ;(args.help ? io.stdout : io.stderr)(usage)
    return args.help ? EXIT.ok : EXIT.usage
  }
  const configPath = resolve(io.cwd, args.config)
  try {
    switch (args.command) {
      case 'init':
        return init(configPath, args.force, io)
      case 'status':
      case 'check':
      case 'run':
      case 'once': {
        const config = loadConfig(configPath, args.env === undefined ? {} : { env: args.env })
        const statePath = resolve(dirname(configPath), config.state.path)
        const log = createLog(io.stderr, args.format ?? config.log.format, args.level ?? config.log.level)
        const secrets = {
          env: io.env,
          baseDir: dirname(configPath),
          warn: (m: string) => log.info(`warning: ${m}`),
        }
        const base: CopierOptions = { secrets, ...io.copierOptions }
        const stateOptions = { baseDir: dirname(configPath), secrets, onError: (e: Error) => log.error(e) }
        // a store that changes nothing: SQLite read-only (or empty in memory), PostgreSQL unmigrated
        const readOnlyStore = () => openStateStore(config, { ...stateOptions, readonly: true })
        if (args.command === 'status')
          return config.state.url === undefined
            ? await status(statePath, args.limit, io)
            : await statusOf(readOnlyStore(), stateLocation(config, dirname(configPath)), args.limit, io)
        if (args.command === 'check') return await check(config, { ...base, store: readOnlyStore() }, io)
        if (args.command === 'once') {
          const copier = createCopier(config, {
            ...base,
            store: args.dryRun ? readOnlyStore() : openStateStore(config, stateOptions),
          })
          // the plan is the command's output (stdout: `> plan.txt`, `| grep`), the log stays on stderr
          const format = args.format ?? config.log.format
          wire(copier, log, (e) =>
            io.stdout(
              format === 'json'
                ? `${JSON.stringify({ ...e, atMs: undefined }, jsonReplacer)}\n`
                : `${actionText(e)}\n`,
            ),
          )
          try {
            const summary = await copier.reconcileOnce({ dryRun: args.dryRun })
            // the command's result on stdout (cron mails, `| tail -1`); what it did is in the log
            // without the source every target is skipped: not down
            const down = summary.sourceSynced === false ? [] : (summary.downTargets ?? [])
            const why = [
              ...(summary.sourceSynced === false ? ['the source is not synced'] : []),
              ...(down.length > 0 ? [`targets down or not synced: ${down.join(', ')}`] : []),
            ]
            io.stdout(
              args.dryRun
                ? `dry run: ${summary.actions} changes, ${summary.problems} problems; nothing was changed\n`
                : `${summary.inSync ? 'in sync' : 'not in sync'}: ${summary.actions} changes, ${summary.problems} problems${why.length > 0 ? `; ${why.join('; ')}` : ''}\n`,
            )
            // a dry run succeeds when its plan could be carried out in full
            const ok = args.dryRun
              ? summary.problems === 0 && (summary.downTargets?.length ?? 0) === 0
              : summary.inSync
            return ok ? EXIT.ok : EXIT.notInSync
          } finally {
            await copier.close()
          }
        }
        const copier = createCopier(config, { ...base, store: openStateStore(config, stateOptions) })
        wire(copier, log)
        const listen = args.http ?? config.http?.listen
        const token = config.http?.token === undefined ? undefined : resolveSecret(config.http.token, secrets)
        // a refused address stops the command: close the state the copier opened
        const web =
          listen === undefined
            ? undefined
            : await serveStatus(copier, {
                listen,
                token,
                onError: (e) => log.error(e),
                onWarning: (m) => log.info(`warning: ${m}`),
              }).catch(async (error) => {
                await copier.close()
                throw error
              })
        if (web) log.info(`status page: ${web.url}/`)
        // the young generation is collected between source changes, not on the push path
        const idleGc = startIdleGc()
        if (idleGc) copier.on('action', () => idleGc.activity())
        else log.info('warning: V8 gc not reachable: young-generation collections left to V8')
        const stopped = io.stopSignal()
        await Promise.race([copier.start(), stopped])
        const signal = await stopped
        log.info(`${signal}: finishing in-flight requests and logging out`)
        idleGc?.stop()
        await web?.close()
        await copier.close()
        log.info('stopped')
        return EXIT.ok
      }
      default:
        io.stderr(`mt5web-copier: unknown command "${args.command}"\n\n${usage}`)
        return EXIT.usage
    }
  } catch (error) {
    const code = error instanceof CopierError ? error.code : undefined
    // a first run without a config: say how to get one
    const noConfig =
      error instanceof ConfigError &&
      error.files.length === 1 &&
      error.files[0] === configPath &&
      (error.cause as { code?: unknown } | undefined)?.code === 'ENOENT'
    const hint = noConfig
      ? `write an example with: mt5web-copier init${args.config === 'copier.yaml' ? '' : ` -c ${args.config}`}\n`
      : ''
    io.stderr(`mt5web-copier: ${(error as Error).message}\n${hint}`)
    return code === 'COPIER_CONFIG' || code === 'COPIER_SECRET' || code === 'COPIER_HTTP'
      ? EXIT.usage
      : EXIT.notInSync
  }
}

function init(path: string, force: boolean, io: CliIo): number {
  if (existsSync(path) && !force) {
    io.stderr(`mt5web-copier: ${path} exists; use --force to overwrite it\n`)
    return EXIT.usage
  }
  writeFileSync(path, configTemplate, { mode: 0o600 })
  io.stdout(
    `wrote ${path}: fill in the servers, logins and password references, then run "mt5web-copier check"\n`,
  )
  return EXIT.ok
}

const row = (cells: readonly string[], widths: readonly number[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd()

function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  return [row(header, widths), ...rows.map((r) => row(r, widths))].join('\n')
}

async function check(config: CopierConfig, options: CopierOptions, io: CliIo): Promise<number> {
  const copier = createCopier(config, { syncTimeoutMs: 15_000, ...options })
  const problems: string[] = []
  // why an account is not synced: the detail of its last status (refused login, connection refused)
  const lastDetail = new Map<string, string>()
  copier.on('accountStatus', (account, status, detail) => {
    if (status !== 'connected') lastDetail.set(account, detail)
    else lastDetail.delete(account)
  })
  try {
    const p = await copier.planOnce()
    const accounts = copier.accounts()
    io.stdout(
      `${table(
        ['ACCOUNT', 'SERVER', 'LOGIN', 'STATUS', 'SYMBOLS', 'ORDERS'],
        accounts.map((a) => [
          a.id,
          a.server,
          a.login,
          a.status,
          a.role === 'source' ? '-' : String(a.symbols.length),
          String(a.orders),
        ]),
      )}\n\n`,
    )
    const sourceSymbols = [...new Set(copier.sourceOrders().map((o) => o.symbol))].sort()
    const mapRows: string[][] = []
    for (const t of resolveTargets(config)) {
      const a = accounts.find((x) => x.id === t.id)
      if (!t.enabled || !a) continue
      const has = new Set(a.symbols)
      const mapper = createSymbolMapper(t.symbols)
      for (const s of sourceSymbols) {
        // a target not synced has no symbol list to look in: nothing is known, nothing is missing
        if (a.status !== 'synced') {
          mapRows.push([t.id, s, `unknown (${t.id} is ${a.status})`])
          continue
        }
        const mapped = mapper.map(s, (n) => has.has(n))
        mapRows.push([t.id, s, mapped ?? `missing (tried ${mapper.candidates(s).join(', ')})`])
        if (!mapped) problems.push(`${t.id}: no symbol for ${s}`)
      }
    }
    if (mapRows.length > 0) io.stdout(`${table(['TARGET', 'SOURCE SYMBOL', 'TARGET SYMBOL'], mapRows)}\n\n`)
    for (const a of accounts) {
      if (a.status === 'synced' || a.status === 'disabled') continue
      const why = lastDetail.get(a.id)
      problems.push(`${a.id}: ${a.status}${why === undefined ? '' : `: ${why}`}`)
    }
    for (const i of p.intents)
      if (i.kind === 'refuse' || (i.kind === 'leave' && i.reason === 'refusedUnchanged'))
        problems.push(`${i.target}: source #${i.sourceTicket}: ${i.detail}`)
    io.stdout(
      problems.length === 0 ? 'no problems\n' : `problems:\n${problems.map((x) => `  - ${x}`).join('\n')}\n`,
    )
    return problems.length === 0 ? EXIT.ok : EXIT.notInSync
  } finally {
    await copier.close()
  }
}

async function status(path: string, limit: number, io: CliIo): Promise<number> {
  if (!existsSync(path)) {
    io.stderr(`mt5web-copier: no state database at ${path} (the copier has not run yet)\n`)
    return EXIT.usage
  }
  return statusOf(openSqliteStore(path, { readonly: true }), path, limit, io)
}

/** `status` of any store; a PostgreSQL one also shows the fleet: instances, heartbeats, leases. */
async function statusOf(store: Store, where: string, limit: number, io: CliIo): Promise<number> {
  try {
    const state = await store.load()
    const open = await store.openIntents()
    const actions = await store.recentActions(limit)
    io.stdout(`state ${where} (schema ${await store.schemaVersion()})\n\n`)
    if (isPostgresStore(store)) io.stdout(fleetText(await fleetSnapshot(store.pool)))
    io.stdout(
      `links (${state.links.length}):\n${table(
        ['TARGET', 'SOURCE', 'COPY', 'STATUS'],
        state.links.map((l) => [l.target, `#${l.sourceTicket}`, `#${l.copyTicket}`, l.status]),
      )}\n\n`,
    )
    io.stdout(
      `orphans (${state.orphanCounters.length}):\n${table(
        ['TARGET', 'SOURCE', 'SEEN'],
        state.orphanCounters.map((o) => [o.target, `#${o.sourceTicket}`, String(o.count)]),
      )}\n\n`,
    )
    io.stdout(
      `refusals (${state.refusals.length}):\n${table(
        ['TARGET', 'SOURCE', 'REASON', 'DETAIL'],
        state.refusals.map((r) => [r.target, `#${r.sourceTicket}`, r.reason, r.detail]),
      )}\n\n`,
    )
    if (open.length > 0)
      io.stdout(
        `open intents (${open.length}, settled at the next start):\n${open.map((i) => `  ${i.target} ${i.kind} source #${i.sourceTicket}`).join('\n')}\n\n`,
      )
    io.stdout(
      `last actions (${actions.length}):\n${actions
        .map(
          (a) =>
            `  ${new Date(a.atMs).toISOString()} ${a.action} [${a.target}]${a.sourceTicket === 0n ? '' : ` source #${a.sourceTicket}`}${a.copyTicket !== undefined ? ` copy #${a.copyTicket}` : ''} (${a.reason}): ${a.detail}`,
        )
        .join('\n')}\n`,
    )
    return EXIT.ok
  } finally {
    await store.close()
  }
}

/** The fleet section of `status`. */
function fleetText(f: FleetSnapshot): string {
  const age = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(1)}s`)
  return `fleet instances (${f.instances.filter((i) => i.alive).length} live of ${f.instances.length}):\n${table(
    ['INSTANCE', 'HOST', 'PID', 'ALIVE', 'HEARTBEAT AGO', 'LEASES'],
    f.instances.map((i) => [
      i.id,
      i.host,
      String(i.pid),
      i.alive ? 'yes' : 'no',
      age(i.heartbeatAgeMs),
      String(i.leases),
    ]),
  )}\n\nleases (${f.leases.length}):\n${table(
    ['TARGET', 'OWNER', 'EPOCH', 'EXPIRES IN'],
    f.leases.map((l) => [
      l.target,
      l.owner === null || l.expiresInMs === null || l.expiresInMs <= 0
        ? `(free${l.owner ? `, was ${l.owner}` : ''})`
        : l.owner,
      String(l.epoch),
      age(l.expiresInMs),
    ]),
  )}\n\n`
}
