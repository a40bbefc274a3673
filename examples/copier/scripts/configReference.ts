/**
 * Generates the configuration reference of `docs/copier.md` from the zod schema: every field's path,
 * type, default and constraint come from the schema (through zod's JSON Schema export); only the
 * sentence that explains a field is written here. A field added to the schema without a sentence,
 * or a sentence left for a field that no longer exists, throws, and a test compares the generated
 * table with the one in the guide, so the guide cannot drift from the code.
 *
 * `npx tsx examples/copier/scripts/configReference.ts --write` rewrites the section in place.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { copierConfigSchema } from '../src/config/schema.js'

/** What each field means, by path (`[]` = every item of a list, `*` = every key of a map). */
export const fieldDescriptions: Readonly<Record<string, string>> = {
  source: 'The account whose pending orders are copied.',
  'source.server': 'Web Terminal WebSocket URL of the source broker.',
  'source.login': 'Account number (a number, or a string of digits for logins above 2^53).',
  'source.password': 'Password reference: `env:NAME` or `file:PATH`, never the password itself.',
  targets: 'The accounts that receive the copies (at least one).',
  'targets[].id':
    'Stable name of the target in logs, state and metrics (default: its login). Never change it once used.',
  'targets[].server': 'Web Terminal WebSocket URL of the target broker.',
  'targets[].login': 'Account number of the target.',
  'targets[].password': 'Password reference: `env:NAME` or `file:PATH`.',
  'targets[].enabled': 'A disabled target is neither connected nor changed; its links stay in the state.',
  'targets[].lots':
    'How a copy is sized; always rounded to the target symbol volume step and checked against its limits.',
  'targets[].lots.multiplier': 'Copy volume = source volume × multiplier (cent accounts: 100).',
  'targets[].lots.symbols': 'Per-source-symbol multipliers, overriding `multiplier`.',
  'targets[].lots.symbols.*': 'Multiplier for this source symbol.',
  'targets[].lots.fixed': 'A fixed volume for every copy instead of a multiplier.',
  'targets[].lots.min': 'Smallest copy this target accepts (lots), on top of the symbol minimum.',
  'targets[].lots.max': 'Largest copy this target accepts (lots), on top of the symbol maximum.',
  'targets[].lots.belowMin': 'Below the minimum: `skip` the copy (refusal `volumeBelowMin`) or `raiseToMin`.',
  'targets[].lots.aboveMax':
    'Above the maximum: `cap` it at the maximum or `skip` it (refusal `volumeAboveMax`).',
  'targets[].symbols':
    'Symbol mapping: explicit pairs (`GOLD: XAUUSD`) win, then rules with one `*` (`"*": "*.m"`) in the order written; an unmapped symbol keeps its name.',
  'targets[].symbols.*': 'Target symbol (or rule) for this source symbol (or rule).',
  'targets[].orderTypes':
    'The pending order types this target may receive; others are refused `orderTypeNotAllowed`.',
  'targets[].maxPendingOrders':
    'Most pending orders on the target, ours and others (prop firms); off when absent. Refusal `maxPendingOrders`.',
  'targets[].orphans': 'What happens to a copy whose source order no longer exists.',
  'targets[].orphans.policy':
    '`kill` cancels the orphan after `confirmations` checks; `preserve` leaves and reports it.',
  'targets[].orphans.checkEvery':
    'Seconds between two orphan checks (a check counts once per interval at most).',
  'targets[].orphans.confirmations': 'Consecutive checks that must see the orphan before acting.',
  'targets[].sourceFilled': 'A copy still pending when its source order has filled.',
  'targets[].sourceFilled.policy':
    '`keep` the copy, `cancel` it, or fill it at `market` (within `maxSlippagePoints`, else cancel).',
  'targets[].sourceFilled.maxSlippagePoints':
    '`market` only: the most points between the copy price and the market.',
  'targets[].sltp':
    '`copy` the source SL/TP prices, `none`, or the same `distance` in points from the copy price.',
  'targets[].expiration':
    '`copy` the expiry, `none` (good till cancelled), or `shiftToServerTime` (corrects for the server time zones).',
  'targets[].tradingHours':
    'Windows in the target server time outside which nothing new is placed (changes and removals still apply).',
  'targets[].tradingHours[].days': 'Weekdays of the window (`sun` … `sat`, default every day).',
  'targets[].tradingHours[].from': 'Start, target server time, `HH:MM`.',
  'targets[].tradingHours[].to': 'End (exclusive), `HH:MM`; earlier than `from` crosses midnight.',
  'targets[].marginCheck': 'Ask the target `orderCheck` for free margin before placing (refusal `noMargin`).',
  tagPrefix: 'Prefix of the comment tags (`cp:…`); give each copier writing to the same target its own.',
  reconcileSeconds: 'Seconds between two full reconciles in `run` mode.',
  schedule: '`run` mode: a cron expression; when set, reconcile on it only (no push-driven copying).',
  concurrency: 'How many accounts connect at the same time.',
  state:
    'The state database: SQLite (`path`) by default, PostgreSQL (`url`) for a fleet of copiers; `state: postgres://…` is short for `state: { url: postgres://… }`.',
  'state.path':
    'SQLite file (links, orphan counters, intents, refusals, history; never a password), relative to the config file. Unused with `url`.',
  'state.url':
    'PostgreSQL URL (`postgres://user@host:5432/db?sslmode=require`) without its password, or a reference `env:NAME` / `file:PATH` to the whole URL. Several copiers on one database share the targets (fleet).',
  'state.password': 'PostgreSQL password reference (`env:NAME` or `file:PATH`), when `url` holds none.',
  'state.leaseSeconds':
    'PostgreSQL only: a target lease not renewed for this long is taken over by another copier (renewed every third of it).',
  'state.synchronousCommit':
    "PostgreSQL only: `false` lets a decision return before its WAL is flushed (`synchronous_commit = off` on the copier's connections): faster, and a database crash may forget the last decisions (their copies are found again by their tags). See the fleet section.",
  'state.historyDays':
    'Days of history kept: settled trade intents and action lines older than this are deleted at start, hourly while running and after a `once` pass, in small batches. Open intents, links, orphan counters and refusals are never pruned.',
  log: 'Logging.',
  'log.level': 'Least severe level printed.',
  'log.format': '`text` (one line per action) or `json` (one object per line).',
  http: 'The status page, JSON API and `/metrics` (off when absent; `--http HOST:PORT` overrides `listen`).',
  'http.listen': '`HOST:PORT` to serve on. Keep it on loopback unless a `token` is set.',
  'http.token': 'Bearer token reference (`env:NAME` or `file:PATH`) every request but `/healthz` must carry.',
}

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  additionalProperties?: JsonSchema | boolean
  anyOf?: JsonSchema[]
  enum?: unknown[]
  default?: unknown
  pattern?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  minItems?: number
  minLength?: number
  maxLength?: number
}

/** One row of the reference. */
export interface ReferenceRow {
  path: string
  type: string
  required: boolean
  default: string
  description: string
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ')
  if (s.anyOf) return [...new Set(s.anyOf.map(typeOf))].join(' or ')
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'values'}`
  if (s.type === 'object' && !s.properties && typeof s.additionalProperties === 'object')
    return `map of ${typeOf(s.additionalProperties)}`
  const base = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'value')
  const bounds: string[] = []
  if (s.exclusiveMinimum !== undefined) bounds.push(`> ${s.exclusiveMinimum}`)
  if (s.minimum !== undefined) bounds.push(`≥ ${s.minimum}`)
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) bounds.push(`≤ ${s.maximum}`)
  return bounds.length > 0 ? `${base} (${bounds.join(', ')})` : base
}

function walk(s: JsonSchema, path: string, required: boolean, rows: ReferenceRow[]): void {
  if (path !== '') {
    const description = fieldDescriptions[path]
    if (description === undefined)
      throw new Error(`configReference: no description for config field "${path}"`)
    rows.push({
      path,
      type: typeOf(s),
      required,
      default: s.default === undefined ? '' : `\`${JSON.stringify(s.default)}\``,
      description,
    })
  }
  const prefix = path === '' ? '' : `${path}.`
  for (const [key, child] of Object.entries(s.properties ?? {}))
    walk(child, `${prefix}${key}`, s.required?.includes(key) === true, rows)
  // a list of objects: its items' fields, as `list[].field`
  for (const [key, child] of Object.entries(s.type === 'array' ? (s.items?.properties ?? {}) : {}))
    walk(child, `${path}[].${key}`, s.items?.required?.includes(key) === true, rows)
  if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${prefix}*`, false, rows)
}

/** Every field of the configuration, in schema order. */
export function referenceRows(): ReferenceRow[] {
  const json = z.toJSONSchema(copierConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  const rows: ReferenceRow[] = []
  walk(json, '', true, rows)
  const stale = Object.keys(fieldDescriptions).filter((p) => !rows.some((r) => r.path === p))
  if (stale.length > 0)
    throw new Error(`configReference: descriptions of fields the schema lacks: ${stale.join(', ')}`)
  return rows
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** The reference as a Markdown table. */
export function renderReference(): string {
  const lines = ['| Field | Type | Default | Meaning |', '| --- | --- | --- | --- |']
  for (const r of referenceRows()) {
    const name = r.required ? `\`${r.path}\` (required)` : `\`${r.path}\``
    lines.push(`| ${name} | ${r.type} | ${cell(r.default)} | ${cell(r.description)} |`)
  }
  return lines.join('\n')
}

export const BEGIN =
  '<!-- config-reference:begin (generated by examples/copier/scripts/configReference.ts) -->'
export const END = '<!-- config-reference:end -->'

/** The generated section of a guide's text (between the markers), or undefined. */
export function sectionOf(text: string): string | undefined {
  const from = text.indexOf(BEGIN)
  const to = text.indexOf(END)
  if (from < 0 || to < from) return undefined
  return text.slice(from + BEGIN.length, to).trim()
}

/** The guide's text with its generated section replaced. */
export function withSection(text: string, table: string): string {
  const from = text.indexOf(BEGIN)
  const to = text.indexOf(END)
  if (from < 0 || to < from) throw new Error(`configReference: markers not found (${BEGIN} … ${END})`)
  return `${text.slice(0, from + BEGIN.length)}\n\n${table}\n\n${text.slice(to)}`
}

export const guidePath = fileURLToPath(new URL('../../../docs/copier.md', import.meta.url))

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--write'))
    writeFileSync(guidePath, withSection(readFileSync(guidePath, 'utf8'), renderReference()))
  else process.stdout.write(`${renderReference()}\n`)
}
