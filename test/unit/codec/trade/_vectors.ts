/** Private helpers of the trade/account codec tests: vector value fix-ups. */
import type { VectorField } from '../../../helpers/vectors.js'

export * from '../../../helpers/vectors.js'

/** Fills fields missing from `values` with the zero of their vector type (cmd 12 cases omit them). */
export function withDefaults(
  schema: readonly VectorField[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values }
  for (const f of schema) {
    if (f.name in out) continue
    out[f.name] =
      f.type === 'utf16' ? '' : f.type === 'u64' || f.type === 'i64' ? '0' : f.type === 'bytes' ? '' : 0
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
