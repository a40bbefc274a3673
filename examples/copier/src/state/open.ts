/**
 * Opens the store `state` names: SQLite at `state.path` (relative to the config's folder), or
 * PostgreSQL at `state.url` (a fleet of copiers; issue #14).
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CopierConfig } from '../config/schema.js'
import type { SecretSources } from '../config/secrets.js'
import { resolvePgUrl } from './pgUrl.js'
import { openPostgresStore, type PostgresStore } from './postgres.js'
import { openSqliteStore } from './sqlite.js'
import type { Store } from './store.js'

/** Options of {@link openStateStore}. */
export interface OpenStateOptions {
  /** Folder relative paths start from (the config's). */
  baseDir: string
  secrets: SecretSources
  /**
   * Change nothing: SQLite read-only when the file exists, else an empty database in memory;
   * PostgreSQL without migrations and with writes refused.
   */
  readonly?: boolean
  onError?: (error: Error) => void
}

/** True for a PostgreSQL store (a fleet member when writable). */
export function isPostgresStore(store: Store): store is PostgresStore {
  return 'pool' in store && 'setFence' in store
}

/** Where the state lives, for a person (a PostgreSQL URL without its password). */
export function stateLocation(config: CopierConfig, baseDir: string): string {
  // the configured URL holds no password (the schema refuses one); a reference is shown as written
  return config.state.url === undefined
    ? resolve(baseDir, config.state.path)
    : `PostgreSQL ${config.state.url}`
}

/**
 * Opens the configured store.
 * @throws SecretError when the URL or password reference cannot be read; StateError otherwise
 */
export function openStateStore(config: CopierConfig, options: OpenStateOptions): Store {
  const { state } = config
  if (state.url !== undefined)
    return openPostgresStore({
      connectionString: resolvePgUrl({ url: state.url, password: state.password }, options.secrets),
      readonly: options.readonly === true,
      synchronousCommit: state.synchronousCommit,
      ...(options.onError ? { onError: options.onError } : {}),
    })
  const path = resolve(options.baseDir, state.path)
  if (options.readonly !== true)
    return openSqliteStore(path, options.onError ? { onError: options.onError } : {})
  return existsSync(path) ? openSqliteStore(path, { readonly: true }) : openSqliteStore(':memory:')
}
