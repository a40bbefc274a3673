/**
 * Errors of the copier. Like the SDK's, each has a stable `code` (match on it, not on messages) and,
 * where another error caused it, a `cause`. `README.md` (Errors) lists every code.
 */

/** Stable copier error codes. */
export const copierErrorCodes = [
  'COPIER_CONFIG',
  'COPIER_SECRET',
  'COPIER_TAG',
  'COPIER_STATE',
  'COPIER_HTTP',
  'COPIER_LEASE',
] as const

/** One of {@link copierErrorCodes}. */
export type CopierErrorCode = (typeof copierErrorCodes)[number]

/** Base class of every error thrown by the copier itself (SDK errors pass through unchanged). */
export class CopierError extends Error {
  override name = 'CopierError'
  readonly code: CopierErrorCode
  constructor(code: CopierErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined)
    this.code = code
  }
}

/** One invalid field of a configuration: where it is and what is wrong with it. */
export interface ConfigIssue {
  /** Dotted path from the file's root, e.g. `targets.1.lots.min`; empty for the whole file. */
  path: string
  message: string
}

/** The configuration cannot be used; `issues` lists every invalid field at once. */
export class ConfigError extends CopierError {
  override name = 'ConfigError'
  readonly issues: readonly ConfigIssue[]
  /** File(s) the configuration was read from, when it came from files. */
  readonly files: readonly string[]
  constructor(
    issues: readonly ConfigIssue[],
    files: readonly string[] = [],
    options: { cause?: unknown } = {},
  ) {
    const where = files.length > 0 ? ` (${files.join(' + ')})` : ''
    const lines = issues.map((i) => `  ${i.path === '' ? '(root)' : i.path}: ${i.message}`)
    super('COPIER_CONFIG', `invalid copier configuration${where}:\n${lines.join('\n')}`, options)
    this.issues = issues
    this.files = files
  }
}

/** A password reference (`env:NAME`, `file:PATH`) could not be resolved. The secret is never in it. */
export class SecretError extends CopierError {
  override name = 'SecretError'
  /** The reference as written in the config (it names a place, not the secret). */
  readonly ref: string
  constructor(ref: string, message: string, options: { cause?: unknown } = {}) {
    super('COPIER_SECRET', message, options)
    this.ref = ref
  }
}

/** A source ticket cannot be written as a comment tag. */
export class TagError extends CopierError {
  override name = 'TagError'
  readonly value: unknown
  constructor(message: string, value: unknown) {
    super('COPIER_TAG', message)
    this.value = value
  }
}

/** The state database cannot be opened, migrated or written. */
export class StateError extends CopierError {
  override name = 'StateError'
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('COPIER_STATE', message, options)
  }
}

/** The status server cannot start: a bad `listen` address, a too short token, or the port is taken. */
export class HttpServerError extends CopierError {
  override name = 'HttpServerError'
  /** The `listen` value as given. */
  readonly listen: string
  constructor(listen: string, message: string, options: { cause?: unknown } = {}) {
    super('COPIER_HTTP', message, options)
    this.listen = listen
  }
}

/**
 * A fleet copier does not hold the lease of a target (any more): it expired, another copier took it,
 * or the database cannot be reached to renew it. Nothing was written or sent for that target.
 */
export class LeaseError extends CopierError {
  override name = 'LeaseError'
  /** The targets whose lease is not held. */
  readonly targets: readonly string[]
  constructor(targets: readonly string[], message: string, options: { cause?: unknown } = {}) {
    super('COPIER_LEASE', message, options)
    this.targets = targets
  }
}
