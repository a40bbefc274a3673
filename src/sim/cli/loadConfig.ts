/**
 * Loads the `mt5web-sim --config` file (JSON, or YAML for `.yml` / `.yaml`), validates it against
 * `simConfigSchema` and completes it into `BrokerConfig`s. A symbol or account that the default
 * broker also has (same name / login) starts from the default broker's settings, so
 * `{ name: XAUUSD, initialBid: 2100 }` stays a 2-digit metal with a 100-ounce contract; any other
 * starts from the `defineSymbol` / `defineAccount` defaults.
 */
import { readFile } from 'node:fs/promises'
import type { z } from 'zod'
import { ValidationError } from '../../errors.js'
import {
  type AccountConfig,
  type BrokerConfig,
  defaultBroker,
  defineAccount,
  defineSymbol,
  type SymbolConfig,
} from '../engine/config.js'
import { type BrokerInput, simConfigSchema } from './configSchema.js'

/** Fields whose values never appear in an error message. */
const SECRET_FIELDS = new Set(['password', 'investorPassword'])

/** `brokers[0].symbols[1].digits` from a zod path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`
  return out || '(root)'
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

function describeIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path)
  const last = issue.path[issue.path.length - 1]
  const value = valueAt(data, issue.path)
  const shown =
    value === undefined || (typeof last === 'string' && SECRET_FIELDS.has(last))
      ? ''
      : ` (got ${JSON.stringify(value)})`
  return `${where}: ${issue.message}${shown}`
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`
    throw new ValidationError(
      `--config ${file}: ${reason}`,
      { field: 'config', value: file },
      { cause: error },
    )
  }
}

async function parseText(file: string, text: string): Promise<unknown> {
  const isYaml = /\.ya?ml$/i.test(file)
  try {
    if (!isYaml) return JSON.parse(text)
    const yaml = await import('yaml')
    return yaml.parse(text)
  } catch (error) {
    const what = isYaml ? 'YAML' : 'JSON'
    const detail = error instanceof Error ? error.message : String(error)
    throw new ValidationError(
      `--config ${file}: not valid ${what}: ${detail}`,
      { field: 'config', value: file },
      { cause: error },
    )
  }
}

/** A default-broker symbol with fields of the file on top; tick size/value follow changed digits or contract. */
function completeSymbol(given: Partial<SymbolConfig> & { name: string }, base?: SymbolConfig): SymbolConfig {
  if (!base) return defineSymbol(given)
  const { tickSize, tickValue, ...rest } = base
  const keepTickSize = given.digits === undefined && given.tickSize === undefined
  const keepTickValue = keepTickSize && given.contractSize === undefined
  return defineSymbol({
    ...rest,
    ...(keepTickSize ? { tickSize } : {}),
    ...(keepTickValue ? { tickValue } : {}),
    ...given,
  })
}

function completeAccount(
  given: Partial<AccountConfig> & { login: number },
  base?: AccountConfig,
): AccountConfig {
  return defineAccount({ ...base, ...given })
}

function completeBroker(b: BrokerInput, index: number, base: BrokerConfig): BrokerConfig {
  const symbols = new Map(base.symbols.map((s) => [s.name, s]))
  const accounts = new Map(base.accounts.map((a) => [a.login, a]))
  const name = b.name ?? (index === 0 ? base.name : `Broker${index + 1}`)
  const out: BrokerConfig = {
    ...base,
    ...b,
    name,
    serverName: b.serverName ?? `${name}-Demo`,
    symbols: b.symbols ? b.symbols.map((s) => completeSymbol(s, symbols.get(s.name))) : base.symbols,
    accounts: b.accounts ? b.accounts.map((a) => completeAccount(a, accounts.get(a.login))) : base.accounts,
  }
  return out
}

/**
 * Validates parsed config data (the file's content) and completes it into brokers.
 * @throws ValidationError listing every invalid field with its path (`cause`: the ZodError).
 */
export function parseSimConfig(data: unknown, source = 'config'): BrokerConfig[] {
  const parsed = simConfigSchema.safeParse(data)
  if (!parsed.success) {
    const issues = parsed.error.issues
    const first = issues[0]
    throw new ValidationError(
      `${source}: invalid config:\n${issues.map((i) => `  ${describeIssue(data, i)}`).join('\n')}`,
      first ? { field: formatPath(first.path) } : {},
      { cause: parsed.error },
    )
  }
  const brokers = parsed.data.brokers.map((b, i) => completeBroker(b, i, defaultBroker()))
  const names = new Set<string>()
  brokers.forEach((b, i) => {
    if (names.has(b.name))
      throw new ValidationError(`${source}: brokers[${i}].name: duplicate broker name ${b.name}`, {
        field: `brokers[${i}].name`,
        value: b.name,
      })
    names.add(b.name)
  })
  return brokers
}

/**
 * Loads brokers from a JSON or YAML file (`yaml` package, loaded on demand).
 * @throws ValidationError for a missing or unreadable file, bad JSON/YAML, or invalid fields.
 */
export async function loadConfig(file: string): Promise<BrokerConfig[]> {
  return parseSimConfig(await parseText(file, await readText(file)), file)
}
