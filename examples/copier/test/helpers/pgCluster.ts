/**
 * A throwaway PostgreSQL cluster for tests: `initdb` in a temporary folder (trust authentication),
 * the server on 127.0.0.1 and an ephemeral port, its unix socket in the same folder, stopped and
 * removed afterwards. One cluster per test file, a fresh database per test.
 *
 * PostgreSQL refuses to run as root: when the tests run as root, the cluster runs as `nobody`
 * (through `runuser`), which owns the temporary folder. Debian's `postgresql` package provides the
 * binaries (`/usr/lib/postgresql/<version>/bin`, or `initdb` on the PATH); `.ci/run` installs it.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** A running cluster. */
export interface PgCluster {
  port: number
  /** Connection URL of a database (superuser `postgres`, no password). */
  url(database: string): string
  /** The server's log file (what `log_min_duration_statement` and the like write). */
  logFile: string
  /** The folder of the server's Unix-domain socket (`?host=` of a URL: no TCP on the way). */
  socketDir: string
  /** The postmaster's process id (its children are the backends and background processes). */
  pid(): number
  /** Creates an empty database; returns its URL. */
  createDatabase(): Promise<string>
  dropDatabase(url: string): Promise<void>
  /** Runs SQL on the `postgres` database as the superuser. */
  admin<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>
  /** Runs SQL on the database at `url` (one connection, closed after). */
  query<R extends pg.QueryResultRow>(url: string, sql: string, values?: unknown[]): Promise<R[]>
  stop(): Promise<void>
}

function binDir(): string {
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' })
  if (which.status === 0 && which.stdout.trim() !== '') return join(which.stdout.trim(), '..')
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : []
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin')
  throw new Error('PostgreSQL is not installed (initdb not found): apt-get install postgresql')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

let counter = 0

/** Options of {@link startPgCluster}. */
export interface PgClusterOptions {
  /**
   * Keep PostgreSQL's durability defaults (`fsync`, `synchronous_commit`, `full_page_writes` on), as
   * a production server runs: a benchmark of commit latency must pay the WAL flush. Default false:
   * tests run without them (they never need to survive an OS crash, and the machine is shared).
   */
  durable?: boolean
  /** More server settings (`-c name=value`), e.g. `log_min_duration_statement`. */
  settings?: Readonly<Record<string, string | number>>
}

/** Starts a cluster (about a second). */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), 'copier-pg-'))
  const root = process.getuid?.() === 0
  // postgres will not run as root: the folder then belongs to nobody, who runs the server
  if (root) chownSync(dir, 65534, 65534)
  const run = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'nobody', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' })
  const data = join(dir, 'data')
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions'])
  const settings = {
    listen_addresses: '127.0.0.1',
    max_connections: 300,
    ...(options.durable === true ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  }
  const flags = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)
  let port = 0
  for (let attempt = 0; ; attempt++) {
    port = await freePort()
    try {
      run('pg_ctl', [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-w',
        '-t',
        '30',
        '-o',
        [`-p ${port}`, `-k ${dir}`, ...flags].join(' '),
        'start',
      ])
      break
    } catch (error) {
      // the port was taken between the probe and the start: another one
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true })
        throw error
      }
    }
  }
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`
  const adminPool = new pg.Pool({ connectionString: url('postgres'), max: 2 })
  adminPool.on('error', () => undefined)
  const admin = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
    (await adminPool.query<R>(sql, values)).rows
  return {
    port,
    url,
    logFile: join(dir, 'log'),
    socketDir: dir,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    admin,
    async query<R extends pg.QueryResultRow>(u: string, sql: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: u })
      await client.connect()
      try {
        return (await client.query<R>(sql, values)).rows
      } finally {
        await client.end()
      }
    },
    async createDatabase() {
      const name = `t${process.pid}_${++counter}`
      await admin(`CREATE DATABASE ${name}`)
      return url(name)
    },
    async dropDatabase(u) {
      const name = new URL(u).pathname.slice(1)
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
    async stop() {
      await adminPool.end().catch(() => undefined)
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
