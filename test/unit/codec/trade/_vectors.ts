/**
 * Private helpers of the trade/account codec tests: vector value fix-ups and a fast-check
 * arbitrary generated from a schema's field specs (used until `test/helpers/arbitrary.ts` exists).
 */
import fc from 'fast-check'
import type { FieldLayout, FieldSpec } from '../../../../src/codec/fields.js'
import type { VectorField } from '../../../helpers/vectors.js'

export * from '../../../helpers/vectors.js'

/** Fills fields missing from `values` with the zero of their vector type (cmd 12 cases omit them). */
export function withDefaults(schema: readonly VectorField[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values }
  for (const f of schema) {
    if (f.name in out) continue
    out[f.name] = f.type === 'utf16' ? '' : f.type === 'u64' || f.type === 'i64' ? '0' : f.type === 'bytes' ? '' : 0
  }
  return out
}

/** A signed 64-bit decimal string as the unsigned value with the same bytes. */
export function asU64(value: string): string {
  const n = BigInt(value)
  return (n < 0n ? n + 2n ** 64n : n).toString()
}

/** Little-endian hex of 4 bytes as the u32 they spell. */
export function hexLeU32(hex: string): number {
  const bytes = hex.match(/../g) ?? []
  return bytes.reduceRight((acc, b) => acc * 256 + Number.parseInt(b, 16), 0)
}

function arbitraryOfSpec(spec: FieldSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'int':
      return fc.integer({ min: spec.min, max: spec.max })
    case 'bigint':
      return fc.bigInt({ min: spec.min, max: spec.max })
    case 'float':
      return spec.bits === 32 ? fc.float({ noNaN: true }) : fc.double({ noNaN: true })
    case 'filetime':
      return fc.integer({ min: -11_644_473_600_000, max: 1_000_000_000_000_000 })
    case 'utf16':
      return fc.string({ unit: fc.integer({ min: 1, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: spec.units })
    case 'latin1':
      return fc.string({ unit: fc.integer({ min: 1, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: spec.length })
    case 'bytes':
      return fc.uint8Array({ minLength: spec.length, maxLength: spec.length })
    case 'array':
      return fc.array(arbitraryOfSpec(spec.element.spec), { minLength: spec.count, maxLength: spec.count })
    case 'record':
      return arbitraryOfFields(spec.fields)
  }
}

function arbitraryOfFields(fields: readonly FieldLayout[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(fields.map((f) => [f.name, arbitraryOfSpec(f.field.spec)])))
}

/** A fast-check arbitrary producing valid values of `schema`. */
export function arbitraryOfTrade<T>(schema: { readonly fields: readonly FieldLayout[] }): fc.Arbitrary<T> {
  return arbitraryOfFields(schema.fields) as unknown as fc.Arbitrary<T>
}
