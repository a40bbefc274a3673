/**
 * Password references: the only place a secret is read. `env:NAME` reads an environment variable,
 * `file:PATH` a file (trimmed of its trailing newline; relative paths from the config's folder).
 * A password file readable by group or others is used but reported through `warn`.
 */
import { readFileSync, statSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { SecretError } from '../errors.js'
import { fileErrorReason } from './fileError.js'

/** Where references are resolved from; injectable for tests. */
export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>
  /** Folder relative `file:` paths start from. */
  baseDir: string
  /** Receives one line per insecure password file (never the secret). */
  warn: (message: string) => void
}

/**
 * Resolves a password reference to the password.
 * @throws SecretError naming the reference (not the secret) when it cannot be read or is empty
 */
export function resolveSecret(ref: string, sources: SecretSources): string {
  if (ref.startsWith('env:')) {
    const name = ref.slice(4)
    const value = sources.env[name]
    if (value === undefined || value === '')
      throw new SecretError(ref, `password reference ${ref}: environment variable ${name} is not set`)
    return value
  }
  if (ref.startsWith('file:')) {
    const path = ref.slice(5)
    const full = isAbsolute(path) ? path : resolve(sources.baseDir, path)
    let text: string
    try {
      const mode = statSync(full).mode
      if ((mode & 0o044) !== 0)
        sources.warn(
          `password file ${full} is readable by ${mode & 0o004 ? 'everyone' : 'its group'} (mode ${(mode & 0o777).toString(8)}); run chmod 600 ${full}`,
        )
      text = readFileSync(full, 'utf8')
    } catch (error) {
      throw new SecretError(ref, `password reference ${ref}: cannot read ${full}${fileErrorReason(error)}`, {
        cause: error,
      })
    }
    const value = text.replace(/\r?\n$/, '')
    if (value === '') throw new SecretError(ref, `password reference ${ref}: ${full} is empty`)
    return value
  }
  // Not a reference: it may be the password itself, so it is neither echoed nor kept.
  throw new SecretError('(not a reference)', 'password must be a reference "env:NAME" or "file:PATH"')
}

/** A password reference to resolve and the config field it was written in (`targets.2.password`). */
export interface SecretField {
  field: string
  ref: string
}

/**
 * Resolves several references at once, in order: an operator sees every unreadable one in one run.
 * @throws SecretError listing every reference that cannot be read, each after its config field
 */
export function resolveSecrets(fields: readonly SecretField[], sources: SecretSources): string[] {
  const values: string[] = []
  const failed: { field: string; error: SecretError }[] = []
  for (const f of fields) {
    try {
      values.push(resolveSecret(f.ref, sources))
    } catch (error) {
      if (!(error instanceof SecretError)) throw error
      failed.push({ field: f.field, error })
    }
  }
  const [first] = failed
  if (first === undefined) return values
  if (failed.length === 1)
    throw new SecretError(first.error.ref, `${first.field}: ${first.error.message}`, { cause: first.error })
  throw new SecretError(
    failed.map((x) => x.error.ref).join(', '),
    `${failed.length} password references cannot be read:\n${failed.map((x) => `  ${x.field}: ${x.error.message}`).join('\n')}`,
    { cause: new AggregateError(failed.map((x) => x.error)) },
  )
}
