/**
 * `arbitraryOf(schema)`: a fast-check arbitrary for any record schema, driven by each field's
 * `spec`. Generated values survive an encode → decode round trip unchanged:
 * - integers and bigints over the field's whole range,
 * - doubles without NaN (±0 and ±Infinity included; they round-trip bit for bit), f32 values
 *   exactly representable in 32 bits,
 * - UTF-16 text of at most `units` code units, no NUL and no lone surrogates (pairs never split),
 * - Latin-1 text without NUL, bytes of the exact length, arrays of the exact count, nested records.
 */
import fc from 'fast-check'
import type { InferShape, RecordSchema, Shape } from '../../src/codec/defineRecord.js'
import type { Field, FieldLayout } from '../../src/codec/fields.js'

import { FILETIME_MAX_MS, FILETIME_MIN_MS } from '../../src/codec/fields.js'

const codePoint = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 0xd7ff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xffff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
)

/** Text of at most `units` UTF-16 code units with no NUL and no lone surrogate. */
export function utf16Text(units: number): fc.Arbitrary<string> {
  return fc.array(codePoint, { maxLength: units }).map((points) => {
    let text = ''
    for (const p of points) {
      const c = String.fromCodePoint(p)
      if (text.length + c.length > units) break
      text += c
    }
    return text
  })
}

/** An arbitrary for one field. */
export function arbitraryOfField(field: Field<unknown>): fc.Arbitrary<unknown> {
  const spec = field.spec
  switch (spec.kind) {
    case 'int':
      return fc.integer({ min: spec.min, max: spec.max })
    case 'bigint':
      return fc.bigInt({ min: spec.min, max: spec.max })
    case 'float':
      return spec.bits === 64 ? fc.double({ noNaN: true }) : fc.float({ noNaN: true })
    case 'filetime':
      return fc.integer({ min: FILETIME_MIN_MS, max: FILETIME_MAX_MS })
    case 'utf16':
      return utf16Text(spec.units)
    case 'latin1':
      return fc
        .array(fc.integer({ min: 1, max: 255 }), { maxLength: spec.length })
        .map((codes) => String.fromCharCode(...codes))
    case 'bytes':
      return fc.uint8Array({ minLength: spec.length, maxLength: spec.length })
    case 'array':
      return fc.array(arbitraryOfField(spec.element), { minLength: spec.count, maxLength: spec.count })
    case 'record':
      return arbitraryOfFields(spec.fields)
  }
}

function arbitraryOfFields(fields: readonly FieldLayout[]): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  for (const f of fields) model[f.name] = arbitraryOfField(f.field)
  return fc.record(model)
}

/** An arbitrary producing valid decoded values of `schema`. */
export function arbitraryOf<S extends Shape>(schema: RecordSchema<S>): fc.Arbitrary<InferShape<S>> {
  return arbitraryOfFields(schema.fields) as fc.Arbitrary<InferShape<S>>
}
