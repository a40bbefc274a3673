/**
 * Generates the command catalogue and the record layouts of `docs/protocol.md` from the codec: every
 * offset, size and type comes from the record schemas (`defineRecord`), every field's meaning from
 * the JSDoc on the schema field, every command id from `Command`, every push event from the push
 * table. Only the sentence describing each command's body is written here, with `{Record}` naming
 * a schema (an unknown name throws). A command id without an entry, an entry for an id that no
 * longer exists, or a push route the catalogue does not call a push, throws; a test compares the
 * generated section with the guide, so the guide cannot drift from the code.
 *
 * `npm run docs:protocol` (`tsx scripts/protocolReference.ts --write`) rewrites the section in place.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as ts from 'typescript'
import type { RecordSchema, Shape } from '../src/codec/defineRecord.js'
import { Command } from '../src/protocol/commands.js'
import { pushTable } from '../src/push/table.js'

const root = fileURLToPath(new URL('..', import.meta.url))
export const guidePath = path.join(root, 'docs/protocol.md')
const schemaDir = path.join(root, 'src/codec/schemas')

/** Who sends a command: a request the client sends (with its reply), or a push from the server. */
type Direction = 'request' | 'push'

/** One command: its body layouts in words, with `{Record}` naming a schema. */
export interface CatalogueEntry {
  id: number
  direction: Direction
  request: string
  reply: string
  /** Official vs pymt5 conflict numbers (docs/architecture.md#official-vs-pymt5). */
  conflicts?: string
}

const empty = 'empty'
const idList = '`u32 n` + n × `u32` symbol id'

/** The catalogue, by command id. Layout words only: offsets and types come from the schemas. */
export const catalogue: readonly CatalogueEntry[] = [
  {
    id: Command.bootstrap,
    direction: 'request',
    request: '64-byte token (zeros, or the previous token when resuming); initial key',
    reply: '`u16` reserved (the server build), 64-byte token, session key (16, 24 or 32 bytes); initial key',
  },
  { id: Command.logout, direction: 'request', request: empty, reply: 'code only' },
  {
    id: Command.account,
    direction: 'request',
    request: empty,
    reply:
      'account block: {AccountMain} + `u32 k` + k × {TradeSettings} + `i32` tradeFlags + `i32` symbolsCount + `u64` leverageFlags + `i32 r` + r × ({LeverageRule} + tierCount × {LeverageTier}) + `u32 c` + c × ({Commission} + `u32 t` + t × {CommissionTier})',
  },
  {
    id: Command.positionsAndOrders,
    direction: 'request',
    request: empty,
    reply: '`u32 n` + n × {Position} + `u32 m` + m × {Order}',
  },
  {
    id: Command.history,
    direction: 'request',
    request: '{HistoryRequest}',
    reply: '`u32 n` + n × {Deal} + `u32 m` + m × {Order}',
  },
  { id: Command.symbols, direction: 'request', request: empty, reply: '`u32 n` + n × {SymbolBasic}' },
  {
    id: Command.subscribeTicks,
    direction: 'request',
    request: `${idList} (replaces the set; no timeout)`,
    reply: 'code only; ticks follow as cmd 8',
  },
  {
    id: Command.ticks,
    direction: 'push',
    request: '—',
    reply: '{Tick} records back to back, no count',
    conflicts: 'C11',
  },
  { id: Command.symbolGroups, direction: 'request', request: empty, reply: '`u32 n` + n × {SymbolGroup}' },
  {
    id: Command.tradeTransaction,
    direction: 'push',
    request: '—',
    reply:
      'records back to back; the first `u32` picks the form. Order form: {TradeTransactionHeader} + {Order}. Deal form: {TradeTransactionHeader} + {Deal} + {Position} + {TxBalanceTail} + `u32 n` + n × {Deal} + `u32 m` + m × {Position}',
    conflicts: 'C4',
  },
  {
    id: Command.rates,
    direction: 'request',
    request: '`utf16[64]` symbol, `u16` timeframe code, `i32` from, `i32` to (74 B)',
    reply: '{RateBar} records back to back, no count',
    conflicts: 'C7',
  },
  {
    id: Command.tradeRequest,
    direction: 'request',
    request: '{TradeRequest} (the simulator also accepts {TradeRequestPymt5})',
    reply: '`u32`: 0 = accepted (the result follows as cmd 19), else a retcode',
    conflicts: 'C1, C2, C14, C15',
  },
  {
    id: Command.symbolUpdate,
    direction: 'push',
    request: '—',
    reply: '{FullSymbol} records back to back',
  },
  { id: Command.accountUpdate, direction: 'push', request: '—', reply: 'account block, as the cmd 3 reply' },
  { id: Command.connectionState, direction: 'push', request: '—', reply: '`u32` state, 0 = connected' },
  {
    id: Command.symbolDetails,
    direction: 'push',
    request: '—',
    reply: '{SymbolDetails} records back to back, no count',
    conflicts: 'C6',
  },
  {
    id: Command.fullSymbols,
    direction: 'request',
    request: idList,
    reply: '`u32 n` + n × {FullSymbol}',
    conflicts: 'C8',
  },
  {
    id: Command.tradeResult,
    direction: 'push',
    request: '—',
    reply: '`u32` status + {TradeRequest} (echo) + {TradeResult}',
    conflicts: 'C3',
  },
  {
    id: Command.spreads,
    direction: 'request',
    request: idList,
    reply:
      'blocks to the end: `u32` (skipped) + `u32 n` + n × ({SpreadHeader}, then when `spreadId` ≠ 0: `u32 a` + a × {SpreadLeg} + `u32 b` + b × {SpreadLeg})',
    conflicts: 'C9',
  },
  {
    id: Command.subscribeBook,
    direction: 'request',
    request: `${idList} (replaces the set; no timeout)`,
    reply: 'code only; books follow as cmd 23',
  },
  {
    id: Command.book,
    direction: 'push',
    request: '—',
    reply: '`u32 n` + n × ({BookHeader} + levelCount × {BookLevel}); 4 bytes or fewer: no books',
    conflicts: 'C5',
  },
  {
    id: Command.changePassword,
    direction: 'request',
    request: '{ChangePasswordRequest}',
    reply: '`i32` result, 0 = changed',
  },
  {
    id: Command.requestVerification,
    direction: 'request',
    request: '`i16` build + 16-byte cid + {AccountOpeningForm}',
    reply: '{VerificationStatus}',
  },
  { id: Command.login, direction: 'request', request: '{LoginRequest}', reply: '{LoginResponse}' },
  { id: Command.init, direction: 'request', request: '{InitRequest}', reply: 'not used' },
  {
    id: Command.openDemo,
    direction: 'request',
    request: '{AccountOpeningForm}',
    reply: '{OpenAccountResponse}',
  },
  {
    id: Command.symbolsCompressed,
    direction: 'request',
    request: empty,
    reply: '4 skipped bytes + a zlib stream of the cmd 6 reply',
  },
  {
    id: Command.openReal,
    direction: 'request',
    request:
      '{AccountOpeningForm} + {RealAccountExtension} + documents, each {AccountDocument} + front bytes + back bytes',
    reply: '{OpenAccountResponse}',
  },
  {
    id: Command.submitVerification,
    direction: 'request',
    request: '{AccountOpeningForm} with the confirmation codes',
    reply: '{VerificationStatus}',
  },
  { id: Command.traderParams, direction: 'request', request: empty, reply: '{TraderParams}' },
  {
    id: Command.notify,
    direction: 'request',
    request: '`u32` code (1 = risk warning accepted)',
    reply: 'code only',
    conflicts: 'C10',
  },
  {
    id: Command.otpSetup,
    direction: 'request',
    request: '{OtpRequest}, + 160 token bytes when the password is a token',
    reply: 'code only',
  },
  {
    id: Command.corporateLinks,
    direction: 'request',
    request: empty,
    reply: '`u32 n` + n × {CorporateLink}',
  },
  { id: Command.ping, direction: 'request', request: empty, reply: 'empty', conflicts: 'C12' },
  {
    id: Command.reserved52,
    direction: 'request',
    request: empty,
    reply: 'empty on a bootstrap-only socket (meaning unknown; never sent by mt5web)',
  },
]

type AnySchema = RecordSchema<Shape>

function isSchema(value: unknown): value is AnySchema {
  return (
    typeof value === 'object' &&
    value !== null &&
    'fields' in value &&
    'size' in value &&
    'name' in value &&
    typeof (value as { decodeBytes?: unknown }).decodeBytes === 'function'
  )
}

/**
 * Field → first JSDoc line, per record name, read from the `defineRecord` calls of one file. A shape
 * may be a `const` object of the same file or spread one (`{ ...tickFields, tickVolume: … }`); the
 * first `defineRecord` of a name wins, as in `loadSchemas`.
 */
function fieldDocs(file: string): Map<string, Map<string, string>> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
  const objects = new Map<string, ts.ObjectLiteralExpression>()
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.initializer && ts.isObjectLiteralExpression(decl.initializer))
        objects.set(decl.name.text, decl.initializer)
    }
  }
  const shapeOf = (node: ts.Expression): ts.ObjectLiteralExpression | undefined =>
    ts.isObjectLiteralExpression(node) ? node : ts.isIdentifier(node) ? objects.get(node.text) : undefined
  const docsOf = (shape: ts.ObjectLiteralExpression, docs: Map<string, string>): Map<string, string> => {
    for (const prop of shape.properties) {
      if (ts.isSpreadAssignment(prop)) {
        const spread = shapeOf(prop.expression)
        if (spread) docsOf(spread, docs)
        continue
      }
      if (!prop.name || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) continue
      const comment = ts
        .getJSDocCommentsAndTags(prop)
        .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
        .join(' ')
      docs.set(prop.name.text, comment.replace(/\s+/g, ' ').trim())
    }
    return docs
  }
  const out = new Map<string, Map<string, string>>()
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'defineRecord'
    ) {
      const [nameArg, shapeArg] = node.arguments
      const shape = shapeArg && shapeOf(shapeArg)
      if (nameArg && ts.isStringLiteral(nameArg) && shape && !out.has(nameArg.text))
        out.set(nameArg.text, docsOf(shape, new Map()))
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

/** Every record schema of `src/codec/schemas/`, by record name, with its field docs. */
export async function loadSchemas(): Promise<Map<string, { schema: AnySchema; docs: Map<string, string> }>> {
  const out = new Map<string, { schema: AnySchema; docs: Map<string, string> }>()
  for (const name of readdirSync(schemaDir).sort()) {
    if (!name.endsWith('.ts')) continue
    const file = path.join(schemaDir, name)
    const docs = fieldDocs(file)
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>
    for (const value of Object.values(mod)) {
      if (!isSchema(value) || out.has(value.name)) continue
      out.set(value.name, { schema: value, docs: docs.get(value.name) ?? new Map() })
    }
  }
  return out
}

const anchor = (name: string) => `record-${name.toLowerCase()}`
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
const commandNames = new Map<number, string>(Object.entries(Command).map(([k, v]) => [v, k]))

/** The generated section: catalogue, push table, record layouts. */
export async function renderReference(): Promise<string> {
  const schemas = await loadSchemas()
  const ids = new Set<number>(Object.values(Command))
  const listed = new Set(catalogue.map((e) => e.id))
  const missing = [...ids].filter((id) => !listed.has(id))
  if (missing.length > 0)
    throw new Error(`protocolReference: no catalogue entry for cmd ${missing.join(', ')}`)
  const stale = [...listed].filter((id) => !ids.has(id))
  if (stale.length > 0) throw new Error(`protocolReference: entries for unknown cmd ${stale.join(', ')}`)
  const pushes = pushTable as Readonly<Record<number, { event: string }>>
  for (const id of Object.keys(pushes).map(Number)) {
    if (catalogue.find((e) => e.id === id)?.direction !== 'push')
      throw new Error(`protocolReference: cmd ${id} is in the push table but not catalogued as a push`)
  }
  const used: string[] = []
  const words = (text: string): string =>
    text.replace(/\{(\w+)\}/g, (_, name: string) => {
      const entry = schemas.get(name)
      if (!entry) throw new Error(`protocolReference: unknown record {${name}}`)
      if (!used.includes(name)) used.push(name)
      return `[${name}](#${anchor(name)}) (${entry.schema.size} B)`
    })

  const lines: string[] = ['### Command catalogue', '']
  lines.push('| cmd | name | request payload | reply body | conflicts |', '| ---: | --- | --- | --- | --- |')
  for (const e of [...catalogue].filter((c) => c.direction === 'request').sort((a, b) => a.id - b.id))
    lines.push(
      `| ${e.id} | \`${commandNames.get(e.id)}\` | ${cell(words(e.request))} | ${cell(words(e.reply))} | ${e.conflicts ?? ''} |`,
    )
  lines.push('', '### Push messages', '')
  lines.push('| cmd | name | body | client event | conflicts |', '| ---: | --- | --- | --- | --- |')
  for (const e of [...catalogue].filter((c) => c.direction === 'push').sort((a, b) => a.id - b.id))
    lines.push(
      `| ${e.id} | \`${commandNames.get(e.id)}\` | ${cell(words(e.reply))} | ${pushes[e.id] ? `\`${pushes[e.id]?.event}\`` : '—'} | ${e.conflicts ?? ''} |`,
    )
  // every schema, the ones the catalogue names first (in catalogue order), then the nested ones
  const order = [...used, ...[...schemas.keys()].filter((n) => !used.includes(n)).sort()]
  lines.push('', '### Record layouts', '')
  lines.push('Little-endian; offsets and sizes in bytes. `i64`/`u64` decode to `bigint`.')
  for (const name of order) {
    const entry = schemas.get(name)
    if (!entry) continue
    lines.push('', `#### Record ${name}`, '', `${entry.schema.size} bytes.`, '')
    lines.push('| off | size | type | field | meaning |', '| ---: | ---: | --- | --- | --- |')
    for (const f of entry.schema.fields)
      lines.push(
        `| ${f.offset} | ${f.field.size} | \`${f.field.type}\` | \`${f.name}\` | ${cell(entry.docs.get(f.name) ?? '')} |`,
      )
  }
  return lines.join('\n')
}

export const BEGIN = '<!-- protocol-reference:begin (generated by scripts/protocolReference.ts) -->'
export const END = '<!-- protocol-reference:end -->'

/** The generated section of a guide's text (between the markers), or undefined. */
export function sectionOf(text: string): string | undefined {
  const from = text.indexOf(BEGIN)
  const to = text.indexOf(END)
  if (from < 0 || to < from) return undefined
  return text
    .slice(from + BEGIN.length, to)
    .replace(/^\n/, '')
    .replace(/\n$/, '')
}

/** `text` with its generated section replaced by `section`. */
export function withSection(text: string, section: string): string {
  const from = text.indexOf(BEGIN)
  const to = text.indexOf(END)
  if (from < 0 || to < from) throw new Error('protocolReference: markers not found')
  return `${text.slice(0, from + BEGIN.length)}\n${section}\n${text.slice(to)}`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const section = await renderReference()
  if (process.argv.includes('--write')) {
    writeFileSync(guidePath, withSection(readFileSync(guidePath, 'utf8'), section))
  } else process.stdout.write(`${section}\n`)
}
