/**
 * Field types of the protocol (docs/architecture.md#field-types). A field knows its size and how to emit the
 * JavaScript
 * that reads or writes it at a fixed offset of a `DataView`; `defineRecord` stitches those snippets
 * into one straight-line function per schema, so decoding does no per-field dispatch at run time.
 */
import { readLatin1, readUtf16, writeLatin1, writeUtf16 } from './strings.js'
import { filetimeToUnixMs, unixMsToFiletime } from './time.js'

/** Binds run-time helpers into generated code. */
export interface CodegenContext {
  /** An identifier that refers to `value` inside the generated function. */
  ref(value: unknown): string
  /** A fresh local variable name. */
  local(): string
}

/** What a field is, for tests, docs and arbitrary-value generators. */
export type FieldSpec =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'bigint'; min: bigint; max: bigint }
  | { kind: 'float'; bits: 32 | 64 }
  | { kind: 'filetime' }
  | { kind: 'utf16'; units: number }
  | { kind: 'latin1'; length: number }
  | { kind: 'bytes'; length: number }
  | { kind: 'array'; element: Field<unknown>; count: number }
  | { kind: 'record'; fields: readonly FieldLayout[] }

/** A field's place inside a record. */
export interface FieldLayout {
  readonly name: string
  readonly offset: number
  readonly field: Field<unknown>
}

/** One wire field type producing values of type `T`. */
export interface Field<T> {
  /** Short type name as in the spec: `u32`, `utf16[64]`, … */
  readonly type: string
  /** Size in bytes. */
  readonly size: number
  readonly spec: FieldSpec
  /** JS expression reading the value from DataView `v` at byte `base + offset`. */
  readExpr(base: string, offset: number, ctx: CodegenContext): string
  /** JS statements validating the local `value` (named `path` in errors) and writing it to `v`. */
  writeStmt(base: string, offset: number, value: string, path: string, ctx: CodegenContext): string
  /** The value a zero-filled field decodes to. */
  zero(): T
  /** Phantom member that carries `T` for type inference; never set. */
  readonly __value?: T
}

/** Wire fields that carry credentials (login, init, OTP, change-password, opening-form records). */
const SECRET_FIELD = /password|otp|secret/i

/**
 * Thrown by generated encoders through `fail`, wrapped into a `ValidationError` by the record.
 * The value of a credential field is neither kept nor described: an error must never carry a
 * secret (an over-long OTP secret, a password of the wrong type).
 */
export class FieldRangeError extends Error {
  readonly path: string
  readonly value: unknown
  constructor(path: string, value: unknown, expected: string) {
    const secret = SECRET_FIELD.test(path)
    super(`${path} must be ${expected}, got ${secret ? '[redacted]' : describeValue(value)}`)
    this.path = path
    this.value = secret ? undefined : value
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`
  return String(value)
}

function fail(path: string, value: unknown, expected: string): never {
  throw new FieldRangeError(path, value, expected)
}

const at = (base: string, offset: number): string => (offset === 0 ? base : `${base} + ${offset}`)

function intField(
  type: string,
  size: 1 | 2 | 4,
  getter: string,
  setter: string,
  min: number,
  max: number,
): Field<number> {
  const le = size > 1 ? ', true' : ''
  const expected = JSON.stringify(`an integer in ${min}…${max}`)
  return {
    type,
    size,
    spec: { kind: 'int', min, max },
    readExpr: (base, offset) => `v.${getter}(${at(base, offset)}${le})`,
    writeStmt: (base, offset, value, path, ctx) =>
      `if (!Number.isInteger(${value}) || ${value} < ${min} || ${value} > ${max}) ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, ${expected});\n` +
      `v.${setter}(${at(base, offset)}, ${value}${le});`,
    zero: () => 0,
  }
}

function bigField(type: string, signed: boolean): Field<bigint> {
  const min = signed ? -(2n ** 63n) : 0n
  const max = signed ? 2n ** 63n - 1n : 2n ** 64n - 1n
  const getter = signed ? 'getBigInt64' : 'getBigUint64'
  const setter = signed ? 'setBigInt64' : 'setBigUint64'
  const expected = JSON.stringify(`a bigint in ${min}…${max}`)
  return {
    type,
    size: 8,
    spec: { kind: 'bigint', min, max },
    readExpr: (base, offset) => `v.${getter}(${at(base, offset)}, true)`,
    writeStmt: (base, offset, value, path, ctx) =>
      `if (typeof ${value} !== 'bigint' || ${value} < ${min}n || ${value} > ${max}n) ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, ${expected});\n` +
      `v.${setter}(${at(base, offset)}, ${value}, true);`,
    zero: () => 0n,
  }
}

function floatField(bits: 32 | 64): Field<number> {
  const name = bits === 32 ? 'Float32' : 'Float64'
  return {
    type: `f${bits}`,
    size: bits / 8,
    spec: { kind: 'float', bits },
    readExpr: (base, offset) => `v.get${name}(${at(base, offset)}, true)`,
    writeStmt: (base, offset, value, path, ctx) =>
      `if (typeof ${value} !== 'number') ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, "a number");\n` +
      `v.set${name}(${at(base, offset)}, ${value}, true);`,
    zero: () => 0,
  }
}

/** Signed 8-bit integer. */
export const i8: Field<number> = intField('i8', 1, 'getInt8', 'setInt8', -128, 127)
/** Signed 16-bit integer. */
export const i16: Field<number> = intField('i16', 2, 'getInt16', 'setInt16', -32768, 32767)
/** Signed 32-bit integer. */
export const i32: Field<number> = intField('i32', 4, 'getInt32', 'setInt32', -2147483648, 2147483647)
/** Unsigned 8-bit integer. */
export const u8: Field<number> = intField('u8', 1, 'getUint8', 'setUint8', 0, 255)
/** Unsigned 16-bit integer. */
export const u16: Field<number> = intField('u16', 2, 'getUint16', 'setUint16', 0, 65535)
/** Unsigned 32-bit integer. */
export const u32: Field<number> = intField('u32', 4, 'getUint32', 'setUint32', 0, 4294967295)
/** IEEE-754 single. */
export const f32: Field<number> = floatField(32)
/** IEEE-754 double. */
export const f64: Field<number> = floatField(64)
/** Signed 64-bit integer, surfaced as `bigint` (tickets, logins and volumes exceed 2^53). */
export const i64: Field<bigint> = bigField('i64', true)
/** Unsigned 64-bit integer, surfaced as `bigint`. */
export const u64: Field<bigint> = bigField('u64', false)

/**
 * Signed 64-bit integer read as a `number`, for values whose documented range is far below 2^53
 * (tick volumes in lots × 10^8: 2^53 units is 90 million lots). No heap BigInt per read:
 * `hi × 2^32 + lo` is exact up to ±(2^53 − 1), and beyond it one IEEE addition of two exact
 * doubles gives the correctly rounded value (the same as `Number(bigint)`). Encoding takes safe
 * integers only.
 */
export const i64AsNumber: Field<number> = {
  type: 'i64',
  size: 8,
  spec: { kind: 'int', min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  readExpr: (base, offset) =>
    `(v.getInt32(${at(base, offset + 4)}, true) * 4294967296 + v.getUint32(${at(base, offset)}, true))`,
  writeStmt: (base, offset, value, path, ctx) => {
    const hi = ctx.local()
    return (
      `if (!Number.isSafeInteger(${value})) ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, "a safe integer");
` +
      `const ${hi} = Math.floor(${value} / 4294967296);
` +
      `v.setInt32(${at(base, offset + 4)}, ${hi}, true);
` +
      `v.setUint32(${at(base, offset)}, ${value} - ${hi} * 4294967296, true);`
    )
  },
  zero: () => 0,
}

/** Earliest Unix ms a FILETIME holds (1601-01-01). */
export const FILETIME_MIN_MS = -11_644_473_600_000
/** Latest Unix ms a u64 FILETIME holds: floor((2^64 − 1) / 10^4) − 11 644 473 600 000. */
export const FILETIME_MAX_MS = 1_833_029_933_770_955

/** Windows FILETIME on the wire, Unix milliseconds in JavaScript (floored to the millisecond). */
export const filetime: Field<number> = {
  type: 'time',
  size: 8,
  spec: { kind: 'filetime' },
  readExpr: (base, offset, ctx) => `${ctx.ref(filetimeToUnixMs)}(v.getBigUint64(${at(base, offset)}, true))`,
  writeStmt: (base, offset, value, path, ctx) =>
    `if (!Number.isSafeInteger(${value}) || ${value} < ${FILETIME_MIN_MS} || ${value} > ${FILETIME_MAX_MS}) ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, "integer Unix milliseconds in ${FILETIME_MIN_MS}…${FILETIME_MAX_MS}");\n` +
    `v.setBigUint64(${at(base, offset)}, ${ctx.ref(unixMsToFiletime)}(${value}), true);`,
  zero: () => FILETIME_MIN_MS,
}

/** Fixed UTF-16LE text of `byteLength` bytes (`byteLength / 2` code units), read up to the first NUL. */
export function utf16(byteLength: number): Field<string> {
  return {
    type: `utf16[${byteLength}]`,
    size: byteLength,
    spec: { kind: 'utf16', units: byteLength >> 1 },
    readExpr: (base, offset, ctx) => `${ctx.ref(readUtf16)}(v, ${at(base, offset)}, ${byteLength})`,
    writeStmt: (base, offset, value, path, ctx) =>
      `if (typeof ${value} !== 'string') ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, "a string");\n` +
      `${ctx.ref(writeUtf16)}(v, ${at(base, offset)}, ${byteLength}, ${value});`,
    zero: () => '',
  }
}

/** Fixed Latin-1 text of `byteLength` bytes, read up to the first NUL. */
export function latin1(byteLength: number): Field<string> {
  return {
    type: `latin1[${byteLength}]`,
    size: byteLength,
    spec: { kind: 'latin1', length: byteLength },
    readExpr: (base, offset, ctx) => `${ctx.ref(readLatin1)}(v, ${at(base, offset)}, ${byteLength})`,
    writeStmt: (base, offset, value, path, ctx) =>
      `if (typeof ${value} !== 'string') ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, "a string");\n` +
      `${ctx.ref(writeLatin1)}(v, ${at(base, offset)}, ${byteLength}, ${value});`,
    zero: () => '',
  }
}

function readBlock(view: DataView, offset: number, length: number): Uint8Array {
  // A copy: the caller may keep it after the frame buffer is gone.
  return new Uint8Array(view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + length))
}

function writeBlock(view: DataView, offset: number, length: number, value: Uint8Array): void {
  const target = new Uint8Array(view.buffer, view.byteOffset + offset, length)
  target.set(value)
  target.fill(0, value.length)
}

/** Raw bytes of fixed `length`; a shorter value is zero-padded, a longer one is an error. */
export function bytes(length: number): Field<Uint8Array> {
  const expected = JSON.stringify(`a Uint8Array of at most ${length} bytes`)
  return {
    type: `bytes[${length}]`,
    size: length,
    spec: { kind: 'bytes', length },
    readExpr: (base, offset, ctx) => `${ctx.ref(readBlock)}(v, ${at(base, offset)}, ${length})`,
    writeStmt: (base, offset, value, path, ctx) =>
      `if (!(${value} instanceof Uint8Array) || ${value}.length > ${length}) ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, ${expected});\n` +
      `${ctx.ref(writeBlock)}(v, ${at(base, offset)}, ${length}, ${value});`,
    zero: () => new Uint8Array(length),
  }
}

/** `count` elements of `element` back to back (e.g. the 8 margin rates, the 7 × 16 sessions). */
export function array<T>(element: Field<T>, count: number): Field<T[]> {
  return {
    type: `${element.type}[${count}]`,
    size: element.size * count,
    spec: { kind: 'array', element: element as Field<unknown>, count },
    readExpr: (base, offset, ctx) => {
      const items: string[] = []
      for (let i = 0; i < count; i++) items.push(element.readExpr(base, offset + i * element.size, ctx))
      return `[${items.join(', ')}]`
    },
    writeStmt: (base, offset, value, path, ctx) => {
      const lines = [
        `if (!Array.isArray(${value}) || ${value}.length !== ${count}) ${ctx.ref(fail)}(${JSON.stringify(path)}, ${value}, "an array of ${count} elements");`,
      ]
      for (let i = 0; i < count; i++) {
        const item = ctx.local()
        lines.push(`const ${item} = ${value}[${i}];`)
        lines.push(element.writeStmt(base, offset + i * element.size, item, `${path}[${i}]`, ctx))
      }
      return lines.join('\n')
    },
    zero: () => Array.from({ length: count }, () => element.zero()),
  }
}
