/**
 * The PostgreSQL connection string of `state.url`: resolved from its reference, with the password
 * of `state.password` put in, and its redacted form, the only one that may reach a log, an error or
 * the status output.
 */
import { resolveSecret, type SecretSources } from '../config/secrets.js'
import { StateError } from '../errors.js'

/** The `state` settings that make a connection string. */
export interface PgStateSettings {
  url: string
  password?: string | undefined
}

/**
 * The connection string to use (it may hold the password: pass it to `pg` only).
 * @throws SecretError when a reference cannot be read; StateError when the URL is not a postgres:// URL
 */
export function resolvePgUrl(state: PgStateSettings, secrets: SecretSources): string {
  const raw = /^(env|file):/.test(state.url) ? resolveSecret(state.url, secrets) : state.url
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    // the value may hold a password: neither echoed nor kept as a cause (Node's TypeError holds the input)
    throw new StateError('state.url does not resolve to a valid postgres:// URL')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new StateError(`state.url must be a postgres:// URL, not ${url.protocol}`)
  if (state.password !== undefined) url.password = encodeURIComponent(resolveSecret(state.password, secrets))
  return url.toString()
}

/** The URL without its password (`postgres://copier:***@db:5432/copier`). */
export function redactPgUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return 'postgres://(unparsable URL)'
  }
}

/** The password of a connection string, decoded ('' when none). */
function passwordOf(connectionString: string): string {
  try {
    return decodeURIComponent(new URL(connectionString).password)
  } catch {
    return ''
  }
}

/** `error` with every occurrence of the connection string's password (raw and URL-encoded) masked. */
export function redactError(error: unknown, connectionString: string): Error {
  const e = error instanceof Error ? error : new Error(String(error))
  const secret = passwordOf(connectionString)
  if (secret === '') return e
  const mask = (s: string) =>
    s
      .split(secret)
      .join('***')
      .split(encodeURIComponent(secret))
      .join('***')
      .split(connectionString)
      .join(redactPgUrl(connectionString))
  if (
    !e.message.includes(secret) &&
    !e.message.includes(encodeURIComponent(secret)) &&
    !(e.stack ?? '').includes(secret)
  )
    return e
  const clean = new Error(mask(e.message))
  clean.name = e.name
  clean.stack = mask(e.stack ?? '')
  return clean
}
