/**
 * Golden-vector helpers shared by the codec tests. The vectors are copied verbatim from the protocol
 * spec into `test/fixtures/protocol/`, so the tests run on any checkout.
 *
 * - `loadOfficialRecordVectors('tick')` / `loadOfficialMessageVectors('cmd8_ticks')`:
 *   `vectors-official/*.json` (values keyed by the official snake_case names, with offsets in `schema`).
 * - `loadPymt5Vectors('tick')`: `vectors/*.json` (records with `fields: [{ name, offset, value }]`).
 * - `recordFromVector(schema, vectorFields, values, options)`: turns vector values into our decoded
 *   value, matching fields BY OFFSET (names differ between sources).
 */
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { defineRecord } from '../../src/codec/defineRecord.js'
import type { Field, FieldLayout } from '../../src/codec/fields.js'

/** Absolute path of the vendored `shared/protocol` vectors. */
export function protocolDir(): string {
  return path.resolve(import.meta.dirname, '../fixtures/protocol')
}

/** Parses a JSON file under the vendored protocol vectors (`relative` such as `vectors/tick.json`). */
export function loadProtocolJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(path.join(protocolDir(), relative), 'utf8')) as T
}

/** One field of a vector schema: only `name` and `offset` are needed for the mapping. */
export interface VectorField {
  name: string
  offset: number
  type?: string
  length?: number
  size?: number
  nested?: string
}

/** One case of an official record file. */
export interface OfficialRecordCase {
  id: string
  description: string
  values: Record<string, unknown>
  hex: string
  decoded?: Record<string, unknown>
}

/** An official record file (`vectors-official/<record>.json`). */
export interface OfficialRecordFile {
  record: string
  size: number
  schema: VectorField[]
  cases: OfficialRecordCase[]
}

/** One case of an official message file. */
export interface OfficialMessageCase {
  id: string
  description: string
  values: Record<string, unknown>
  hex: string
  size: number
  client_result?: unknown
}

/** An official message file (`vectors-official/cmd*.json`). */
export interface OfficialMessageFile {
  message: string
  parts?: Record<string, VectorField[]>
  schema?: VectorField[]
  cases: OfficialMessageCase[]
}

/** A pymt5 record vector (`vectors/<file>.json` → `records[]`). */
export interface Pymt5RecordVector {
  id: string
  schema?: string
  layout?: string
  size: number
  hex: string
  fields?: (VectorField & { value: unknown; pymt5?: string | null })[]
  nested?: Record<string, { layout?: string; values?: Record<string, unknown> } & Record<string, unknown>>
  [key: string]: unknown
}

/** A pymt5 vector file. */
export interface Pymt5VectorFile {
  description: string
  records: Pymt5RecordVector[]
  bodies?: Pymt5RecordVector[]
}

export function loadOfficialRecordVectors(record: string): OfficialRecordFile {
  return loadProtocolJson<OfficialRecordFile>(`vectors-official/${record}.json`)
}

export function loadOfficialMessageVectors(message: string): OfficialMessageFile {
  return loadProtocolJson<OfficialMessageFile>(`vectors-official/${message}.json`)
}

export function loadPymt5Vectors(file: string): Pymt5VectorFile {
  return loadProtocolJson<Pymt5VectorFile>(`vectors/${file}.json`)
}

/** True for pymt5 vectors in the official layout (`official` or `official=pymt5`). */
export function isOfficialLayout(vector: { layout?: string }): boolean {
  return vector.layout === 'official' || vector.layout === 'official=pymt5'
}

/** Lower-case hex → bytes. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) throw new Error(`not a hex string: ${hex.slice(0, 20)}`)
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** Bytes → lower-case hex. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = ''
  for (const b of bytes) hex += b.toString(16).padStart(2, '0')
  return hex
}

/** A pymt5 record's `fields` as a `{ name: value }` map. */
export function pymt5Values(vector: Pymt5RecordVector): Record<string, unknown> {
  return Object.fromEntries((vector.fields ?? []).map((f) => [f.name, f.value]))
}

/** Decodes one field from its own bytes (used when a vector gives a nested block as hex). */
export function decodeFieldBytes(field: Field<unknown>, bytes: Uint8Array): unknown {
  return defineRecord('VectorField', { v: field }).decodeBytes(bytes).v
}

/** Options of {@link recordFromVector}. */
export interface RecordFromVectorOptions {
  /**
   * The `decoded` object of an official case: used instead of `values` for fields the vector
   * schema marks `nested` (their `values` entry is raw hex).
   */
  decoded?: Record<string, unknown> | undefined
  /**
   * Vector schemas of nested objects, keyed by OUR field name (e.g. `trade` → the
   * account_trade_settings schema). Without one, nested objects are matched by our field names.
   */
  nested?: Record<string, readonly VectorField[]>
}

function fail(message: string): never {
  throw new Error(`vector mapping: ${message}`)
}

/** Converts one JSON vector value to our value for `field`. */
export function valueForField(
  field: Field<unknown>,
  raw: unknown,
  where: string,
  nestedSchema?: readonly VectorField[],
  nested: Record<string, readonly VectorField[]> = {},
): unknown {
  const spec = field.spec
  switch (spec.kind) {
    case 'int':
    case 'float':
    case 'filetime':
      if (typeof raw !== 'number') fail(`${where}: expected a number, got ${JSON.stringify(raw)}`)
      return raw
    case 'bigint':
      if (typeof raw !== 'string' && typeof raw !== 'number') fail(`${where}: expected a decimal string`)
      return BigInt(raw)
    case 'utf16':
    case 'latin1':
      if (typeof raw !== 'string') fail(`${where}: expected a string`)
      return raw
    case 'bytes':
      if (typeof raw !== 'string') fail(`${where}: expected hex`)
      // pymt5 vectors may give fewer bytes than the field holds: the rest is zero padding.
      if (raw.length > spec.length * 2) fail(`${where}: more than ${spec.length} bytes`)
      return hexToBytes(raw.padEnd(spec.length * 2, '0'))
    case 'array':
      if (typeof raw === 'string') return decodeFieldBytes(field, hexToBytes(raw))
      if (!Array.isArray(raw) || raw.length !== spec.count) fail(`${where}: expected ${spec.count} elements`)
      return raw.map((item, i) => valueForField(spec.element, item, `${where}[${i}]`, nestedSchema, nested))
    case 'record': {
      if (typeof raw === 'string') return decodeFieldBytes(field, hexToBytes(raw))
      if (Array.isArray(raw)) {
        if (raw.length !== spec.fields.length) fail(`${where}: expected ${spec.fields.length} elements`)
        return Object.fromEntries(
          spec.fields.map((f, i) => [f.name, valueForField(f.field, raw[i], `${where}.${f.name}`)]),
        )
      }
      if (raw === null || typeof raw !== 'object') fail(`${where}: expected an object`)
      return mapFields(spec.fields, nestedSchema, raw as Record<string, unknown>, undefined, nested, where)
    }
  }
}

function mapFields(
  fields: readonly FieldLayout[],
  vectorFields: readonly VectorField[] | undefined,
  values: Record<string, unknown>,
  decoded: Record<string, unknown> | undefined,
  nested: Record<string, readonly VectorField[]>,
  where: string,
): Record<string, unknown> {
  if (vectorFields !== undefined) {
    const ours = new Set(fields.map((f) => f.offset))
    for (const v of vectorFields) {
      if (!ours.has(v.offset))
        fail(`${where}: vector field ${v.name} at offset ${v.offset} has no counterpart`)
    }
  }
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const entry = vectorFields?.find((v) => v.offset === f.offset)
    const key = vectorFields === undefined ? f.name : entry?.name
    if (key === undefined) fail(`${where}: no vector field at offset ${f.offset} for ${f.name}`)
    if (!(key in values)) fail(`${where}: vector has no value ${key}`)
    const raw =
      entry?.nested !== undefined && decoded !== undefined && key in decoded ? decoded[key] : values[key]
    out[f.name] = valueForField(f.field, raw, `${where}.${f.name}`, nested[f.name], nested)
  }
  return out
}

/**
 * Our decoded value for a vector: each of our fields takes the vector value at the same offset
 * (every vector field must match one of ours). `bigint` fields take decimal strings, `bytes` hex,
 * nested records either `decoded` objects (mapped by `options.nested` schemas, else by our names),
 * positional arrays (`[open, close]`) or hex.
 */
export function recordFromVector(
  schema: { readonly name: string; readonly fields: readonly FieldLayout[] },
  vectorFields: readonly VectorField[],
  values: Record<string, unknown>,
  options: RecordFromVectorOptions = {},
): Record<string, unknown> {
  return mapFields(schema.fields, vectorFields, values, options.decoded, options.nested ?? {}, schema.name)
}
