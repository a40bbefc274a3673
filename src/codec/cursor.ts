/**
 * Sequential, bounds-checked reading and writing of message bodies (counted lists, nested
 * sections). Every read checks the remaining length first, so a truncated or lying body raises a
 * `ProtocolError` naming the message, the field and the offset, and a huge count can never make
 * the reader allocate or loop past the end of the body.
 */
import { ProtocolError } from '../errors.js'
import type { InferShape, RecordSchema, Shape } from './defineRecord.js'

/** Reads a message body front to back. */
export class BodyReader {
  readonly view: DataView
  offset: number
  /** Message name used in errors, e.g. `cmd 3 account`. */
  readonly what: string

  constructor(body: Uint8Array, what: string, offset = 0) {
    this.view = new DataView(body.buffer, body.byteOffset, body.byteLength)
    this.offset = offset
    this.what = what
  }

  /** Bytes left after the current offset. */
  get remaining(): number {
    return this.view.byteLength - this.offset
  }

  #need(size: number, field: string): number {
    const at = this.offset
    if (at + size > this.view.byteLength) {
      throw new ProtocolError(
        `${this.what}: ${field} needs ${size} bytes at offset ${at}, ${this.remaining} remain`,
        {
          schema: this.what,
          field,
          offset: at,
        },
      )
    }
    this.offset = at + size
    return at
  }

  u8(field: string): number {
    return this.view.getUint8(this.#need(1, field))
  }
  u16(field: string): number {
    return this.view.getUint16(this.#need(2, field), true)
  }
  u32(field: string): number {
    return this.view.getUint32(this.#need(4, field), true)
  }
  i32(field: string): number {
    return this.view.getInt32(this.#need(4, field), true)
  }
  u64(field: string): bigint {
    return this.view.getBigUint64(this.#need(8, field), true)
  }
  i64(field: string): bigint {
    return this.view.getBigInt64(this.#need(8, field), true)
  }
  f64(field: string): number {
    return this.view.getFloat64(this.#need(8, field), true)
  }

  /** Raw bytes (a view into the body, not a copy). */
  bytes(length: number, field: string): Uint8Array {
    const at = this.#need(length, field)
    return new Uint8Array(this.view.buffer, this.view.byteOffset + at, length)
  }

  /** One record. */
  record<S extends Shape>(schema: RecordSchema<S>): InferShape<S> {
    const at = this.offset
    const value = schema.decode(this.view, at)
    this.offset = at + schema.size
    return value
  }

  /** `count` records back to back; the count is checked against the bytes left before reading. */
  records<S extends Shape>(schema: RecordSchema<S>, count: number, field = schema.name): InferShape<S>[] {
    if (count * schema.size > this.remaining) {
      throw new ProtocolError(
        `${this.what}: ${count} × ${schema.name} (${count * schema.size} bytes) at offset ${this.offset}, only ${this.remaining} remain`,
        { schema: this.what, field, offset: this.offset },
      )
    }
    const out = new Array<InferShape<S>>(count)
    for (let i = 0; i < count; i++) {
      out[i] = schema.decode(this.view, this.offset)
      this.offset += schema.size
    }
    return out
  }

  /** A `u32` count followed by that many records. */
  countedRecords<S extends Shape>(schema: RecordSchema<S>, field = `${schema.name} list`): InferShape<S>[] {
    const count = this.u32(`${field} count`)
    return this.records(schema, count, field)
  }

  /** Records back to back until the body ends (trailing bytes shorter than a record are ignored). */
  restRecords<S extends Shape>(schema: RecordSchema<S>): InferShape<S>[] {
    return this.records(schema, Math.floor(this.remaining / schema.size))
  }
}

/** Builds a message body from parts; grows as needed. */
export class BodyWriter {
  #buffer: Uint8Array
  #view: DataView
  #length = 0

  constructor(initialCapacity = 256) {
    this.#buffer = new Uint8Array(initialCapacity)
    this.#view = new DataView(this.#buffer.buffer)
  }

  #reserve(size: number): number {
    const at = this.#length
    const needed = at + size
    if (needed > this.#buffer.length) {
      let capacity = Math.max(this.#buffer.length * 2, 64)
      while (capacity < needed) capacity *= 2
      const next = new Uint8Array(capacity)
      next.set(this.#buffer.subarray(0, at))
      this.#buffer = next
      this.#view = new DataView(next.buffer)
    }
    this.#length = needed
    return at
  }

  // Each writer reserves first: #reserve may replace #buffer/#view, so read them only afterwards.
  u8(value: number): this {
    const at = this.#reserve(1)
    this.#view.setUint8(at, value)
    return this
  }
  u16(value: number): this {
    const at = this.#reserve(2)
    this.#view.setUint16(at, value, true)
    return this
  }
  u32(value: number): this {
    const at = this.#reserve(4)
    this.#view.setUint32(at, value, true)
    return this
  }
  i32(value: number): this {
    const at = this.#reserve(4)
    this.#view.setInt32(at, value, true)
    return this
  }
  u64(value: bigint): this {
    const at = this.#reserve(8)
    this.#view.setBigUint64(at, value, true)
    return this
  }
  i64(value: bigint): this {
    const at = this.#reserve(8)
    this.#view.setBigInt64(at, value, true)
    return this
  }
  f64(value: number): this {
    const at = this.#reserve(8)
    this.#view.setFloat64(at, value, true)
    return this
  }
  bytes(value: Uint8Array): this {
    const at = this.#reserve(value.length)
    this.#buffer.set(value, at)
    return this
  }
  record<S extends Shape>(schema: RecordSchema<S>, value: InferShape<S>): this {
    const at = this.#reserve(schema.size)
    schema.encodeInto(this.#view, at, value)
    return this
  }
  records<S extends Shape>(schema: RecordSchema<S>, values: readonly InferShape<S>[]): this {
    for (const value of values) this.record(schema, value)
    return this
  }
  countedRecords<S extends Shape>(schema: RecordSchema<S>, values: readonly InferShape<S>[]): this {
    return this.u32(values.length).records(schema, values)
  }

  /** The bytes written so far (a copy trimmed to length). */
  finish(): Uint8Array {
    return this.#buffer.slice(0, this.#length)
  }
}
