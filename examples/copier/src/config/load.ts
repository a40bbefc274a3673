/**
 * Reading the configuration: YAML or JSON files, an environment overlay (`--env prod` merges
 * `copier.prod.yaml` over `copier.yaml`), validation that reports every invalid field at once.
 */
import { readFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { ConfigError, type ConfigIssue } from '../errors.js'
import { fileErrorReason } from './fileError.js'
import { type CopierConfig, copierConfigSchema, type TargetConfig } from './schema.js'

/** Validates a configuration object (already parsed from YAML/JSON) and applies every default. */
export function parseConfig(raw: unknown, files: readonly string[] = []): CopierConfig {
  const result = copierConfigSchema.safeParse(raw)
  if (result.success) return result.data
  throw new ConfigError(toIssues(result.error, raw), files, { cause: result.error })
}

/** zod issues as `{ path, message }` (a path like `targets.1.lots.min`); `raw` is the parsed input. */
export function toIssues(error: z.ZodError, raw: unknown): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message:
      // A refinement's own message already names the value it rejects.
      issue.code === 'custom'
        ? describe(issue, valueAt(raw, issue.path))
        : withValue(describe(issue, valueAt(raw, issue.path)), issue.path, valueAt(raw, issue.path)),
  }))
}

// Fields whose value is never echoed: a password put there by mistake must not reach a terminal or log.
const SECRET_KEY = /password|token|secret/i

/** Appends the offending value (`got -2`) so the operator sees what was read, except for secrets. */
function withValue(message: string, path: readonly PropertyKey[], value: unknown): string {
  const last = path[path.length - 1]
  if (value === undefined || typeof value === 'object' || SECRET_KEY.test(String(last ?? ''))) return message
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
      : String(value)
  return `${message} (got ${shown})`
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

// zod's own wording for the common cases is generic ("Invalid input"); say what was expected instead.
function describe(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_union': {
      if (value === undefined) return 'is required'
      // The branch that got past the type check says what is wrong with the value.
      const branch = issue.errors.find((issues) => issues.every((i) => i.code !== 'invalid_type'))
      return branch?.[0]?.message ?? issue.message
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    case 'invalid_type':
      return value === undefined ? `is required (${issue.expected})` : `must be of type ${issue.expected}`
    case 'too_small':
      if (issue.origin === 'number')
        return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`
      return issue.message
    case 'too_big':
      if (issue.origin === 'number')
        return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`
      return issue.message
    default:
      return issue.message
  }
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Environment name: merges `<name>.<env>.<ext>` from the same folder over the base file. */
  env?: string
}

/**
 * Reads, merges and validates the configuration file(s).
 * @throws ConfigError listing every invalid field (and the files it came from), or why a file cannot be read
 */
export function loadConfig(path: string, options: LoadConfigOptions = {}): CopierConfig {
  const files = [path]
  let raw = readConfigFile(path)
  if (options.env !== undefined) {
    if (!/^[A-Za-z0-9_-]+$/.test(options.env))
      throw new ConfigError(
        [{ path: '', message: `environment name "${options.env}" must be letters, digits, "_" or "-"` }],
        files,
      )
    const ext = extname(path)
    const overlay = join(dirname(path), `${basename(path, ext)}.${options.env}${ext}`)
    files.push(overlay)
    raw = mergeConfig(raw, readConfigFile(overlay))
  }
  return parseConfig(raw, files)
}

/** Parses one YAML or JSON file (by extension; YAML otherwise, which also reads JSON). */
export function readConfigFile(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new ConfigError([{ path: '', message: `cannot read ${path}${fileErrorReason(error)}` }], [path], {
      cause: error,
    })
  }
  try {
    return extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ConfigError(
      [{ path: '', message: `not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${reason}` }],
      [path],
      {
        cause: error,
      },
    )
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Deep merge of an overlay over a base: objects merge key by key, arrays and scalars are replaced,
 * except `targets`, merged by `id` (an overlay target with a known id changes that target, others are added).
 */
export function mergeConfig(base: unknown, overlay: unknown): unknown {
  if (overlay === undefined || overlay === null) return base
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(overlay)) {
    out[key] =
      key === 'targets' && Array.isArray(base[key]) && Array.isArray(value)
        ? mergeTargets(base[key], value)
        : mergeConfig(base[key], value)
  }
  return out
}

function mergeTargets(base: readonly unknown[], overlay: readonly unknown[]): unknown[] {
  const out = [...base]
  for (const item of overlay) {
    const id = isPlainObject(item) ? item.id : undefined
    const index = id === undefined ? -1 : out.findIndex((b) => isPlainObject(b) && b.id === id)
    if (index >= 0) out[index] = mergeConfig(out[index], item)
    else out.push(item)
  }
  return out
}

/** The targets with their ids resolved (an absent id is the login). */
export function resolveTargets(config: CopierConfig): TargetConfig[] {
  return config.targets.map((t) => ({ ...t, id: t.id ?? t.login }))
}
