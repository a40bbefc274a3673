/**
 * `defineRecord` turns a field list into a record schema whose decoder and encoder are generated
 * once, on first use, as straight-line JavaScript over `DataView` (one bounds check per record,
 * then one typed read per field, nested records inlined). The schema is the only source of truth:
 * the TypeScript type of a record is inferred from it.
 */
import { ProtocolError, ValidationError } from '../errors.js'
import { type CodegenContext, type Field, type FieldLayout, FieldRangeError } from './fields.js'

/** An ordered map of field name → field type. Object key order is the wire order. */
export type Shape = Record<string, Field<unknown>>

/** The value type of one field. */
export type FieldValue<F> = F extends Field<infer T> ? T : never

/** The decoded object of a shape. Homomorphic, so JSDoc on schema fields carries over. */
export type InferShape<S extends Shape> = { [K in keyof S]: FieldValue<S[K]> }

/** The decoded object of a record schema: `interface Tick extends Infer<typeof tickSchema> {}`. */
export type Infer<R> = R extends RecordSchema<infer S> ? InferShape<S> : never

/** A fixed-size wire record. */
export interface RecordSchema<S extends Shape> {
  readonly name: string
  /** Size in bytes. */
  readonly size: number
  readonly shape: S
  /** Top-level fields with their byte offsets. */
  readonly fields: readonly FieldLayout[]
  /** Decodes one record at `offset` of `view`; throws `ProtocolError` if it does not fit. */
  decode(view: DataView, offset: number): InferShape<S>
  /** Decodes one record at `offset` (default 0) of `bytes`. */
  decodeBytes(bytes: Uint8Array, offset?: number): InferShape<S>
  /** Writes one record at `offset` of `view`; throws `ValidationError` for a value out of range. */
  encodeInto(view: DataView, offset: number, value: InferShape<S>): void
  /** Encodes one record into a new buffer of `size` bytes. */
  encode(value: InferShape<S>): Uint8Array
  /** A record whose every field holds what zero bytes decode to. */
  zero(): InferShape<S>
}

type DecodeFn<T> = (view: DataView, offset: number) => T
type DecodeBytesFn<T> = (bytes: Uint8Array, offset?: number) => T
interface Decoders<T> {
  decode: DecodeFn<T>
  decodeBytes: DecodeBytesFn<T>
}
type EncodeFn<T> = (view: DataView, offset: number, value: T) => void

class Codegen implements CodegenContext {
  readonly names: string[] = []
  readonly values: unknown[] = []
  #locals = 0
  ref(value: unknown): string {
    const index = this.values.indexOf(value)
    if (index >= 0) return this.names[index]!
    const name = `h${this.values.length}`
    this.names.push(name)
    this.values.push(value)
    return name
  }
  local(): string {
    this.#locals += 1
    return `x${this.#locals}`
  }
  build<T>(body: string): T {
    // Generated once per schema; the code only contains offsets, field names and helper refs.
    return new Function(...this.names, body)(...this.values) as T
  }
}

function layoutOf(shape: Shape): { fields: FieldLayout[]; size: number } {
  const fields: FieldLayout[] = []
  let offset = 0
  for (const [name, field] of Object.entries(shape)) {
    fields.push({ name, offset, field })
    offset += field.size
  }
  return { fields, size: offset }
}

function objectReadExpr(
  fields: readonly FieldLayout[],
  base: string,
  offset: number,
  ctx: CodegenContext,
): string {
  const parts = fields.map(
    (f) => `${JSON.stringify(f.name)}: ${f.field.readExpr(base, offset + f.offset, ctx)}`,
  )
  return `{${parts.join(',\n')}}`
}

function objectWriteStmt(
  fields: readonly FieldLayout[],
  base: string,
  offset: number,
  value: string,
  path: string,
  ctx: CodegenContext,
): string {
  const lines: string[] = []
  for (const f of fields) {
    const local = ctx.local()
    lines.push(`const ${local} = ${value}[${JSON.stringify(f.name)}];`)
    lines.push(f.field.writeStmt(base, offset + f.offset, local, path ? `${path}.${f.name}` : f.name, ctx))
  }
  return lines.join('\n')
}

function truncation(
  name: string,
  fields: readonly FieldLayout[],
  view: DataView,
  offset: number,
): ProtocolError {
  const available = view.byteLength - offset
  const cut = fields.find((f) => f.offset + f.field.size > available)
  const field = cut?.name ?? fields[0]?.name ?? '(record)'
  const at = offset + (cut?.offset ?? 0)
  return new ProtocolError(
    `${name}: record needs ${fields.reduce((n, f) => n + f.field.size, 0)} bytes at offset ${offset}, ` +
      `only ${Math.max(available, 0)} remain (field ${field} at offset ${at})`,
    { schema: name, field, offset: at },
  )
}

/**
 * Both decoders are generated in one script, so each schema gets functions of its own: a call site
 * that decodes one record type stays monomorphic and V8 can inline the decoder there (a wrapper
 * shared by all schemas would turn every such call megamorphic).
 */
function compileDecoder<T>(name: string, fields: readonly FieldLayout[], size: number): Decoders<T> {
  const ctx = new Codegen()
  const trunc = ctx.ref((view: DataView, offset: number) => truncation(name, fields, view, offset))
  const id = name.replace(/\W/g, '_')
  const body =
    `function decode${id}(v, o) {\n` +
    `if (!(o >= 0 && o + ${size} <= v.byteLength)) throw ${trunc}(v, o);\n` +
    `return ${objectReadExpr(fields, 'o', 0, ctx)};\n}\n` +
    `function decode${id}Bytes(b, o = 0) {\n` +
    `return decode${id}(new DataView(b.buffer, b.byteOffset, b.byteLength), o);\n}\n` +
    `return { decode: decode${id}, decodeBytes: decode${id}Bytes };`
  return ctx.build<Decoders<T>>(body)
}

function compileEncoder<T>(name: string, fields: readonly FieldLayout[], size: number): EncodeFn<T> {
  const ctx = new Codegen()
  const body =
    `return function encode${name.replace(/\W/g, '_')}(v, o, value) {\n` +
    `if (!(o >= 0 && o + ${size} <= v.byteLength)) throw new RangeError('${name}: no room for ${size} bytes at ' + o);\n` +
    `${objectWriteStmt(fields, 'o', 0, 'value', '', ctx)}\n}`
  return ctx.build<EncodeFn<T>>(body)
}

/**
 * Declares a fixed-size record. Field order is wire order; offsets are computed from the sizes.
 *
 * @example
 * const tickSchema = defineRecord('Tick', { symbolId: u32, tickTime: i32 })
 * interface Tick extends Infer<typeof tickSchema> {}
 */
export function defineRecord<S extends Shape>(name: string, shape: S): RecordSchema<S> {
  type T = InferShape<S>
  const { fields, size } = layoutOf(shape)
  let decoders: Decoders<T> | undefined
  let encode: EncodeFn<T> | undefined
  // First use compiles the decoders and installs them on the schema in place of these stubs.
  const install = (): Decoders<T> => {
    decoders ??= compileDecoder<T>(name, fields, size)
    schema.decode = decoders.decode
    schema.decodeBytes = decoders.decodeBytes
    return decoders
  }

  const schema: RecordSchema<S> = {
    name,
    size,
    shape,
    fields,
    decode(view, offset) {
      return install().decode(view, offset)
    },
    decodeBytes(bytes, offset = 0) {
      return install().decodeBytes(bytes, offset)
    },
    encodeInto(view, offset, value) {
      encode ??= compileEncoder<T>(name, fields, size)
      try {
        encode(view, offset, value)
      } catch (error) {
        if (error instanceof FieldRangeError) {
          throw new ValidationError(
            `${name}: ${error.message}`,
            { field: error.path, value: error.value },
            { cause: error },
          )
        }
        if (error instanceof TypeError) {
          throw new ValidationError(
            `${name}: value does not match the record's shape (${error.message})`,
            {},
            { cause: error },
          )
        }
        throw error
      }
    },
    encode(value) {
      const out = new Uint8Array(size)
      schema.encodeInto(new DataView(out.buffer), 0, value)
      return out
    },
    zero() {
      const value: Record<string, unknown> = {}
      for (const f of fields) value[f.name] = f.field.zero()
      return value as T
    },
  }
  return schema
}

/** Embeds a record inside another (decoded to a nested object, encoded in place). */
export function record<S extends Shape>(schema: RecordSchema<S>): Field<InferShape<S>> {
  return {
    type: schema.name,
    size: schema.size,
    spec: { kind: 'record', fields: schema.fields },
    readExpr: (base, offset, ctx) => objectReadExpr(schema.fields, base, offset, ctx),
    writeStmt: (base, offset, value, path, ctx) =>
      `if (${value} === null || typeof ${value} !== 'object') ${ctx.ref((p: string, v: unknown) => {
        throw new FieldRangeError(p, v, `a ${schema.name} object`)
      })}(${JSON.stringify(path)}, ${value});\n${objectWriteStmt(schema.fields, base, offset, value, path, ctx)}`,
    zero: () => schema.zero(),
  }
}
