/**
 * Windows FILETIME (100 ns ticks since 1601-01-01 UTC) ↔ Unix milliseconds
 * (docs/architecture.md#field-types).
 */

/** Milliseconds between 1601-01-01 and 1970-01-01. */
export const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000

/** FILETIME → Unix ms, floored to the millisecond. */
export function filetimeToUnixMs(filetime: bigint): number {
  return Number(filetime / 10_000n) - FILETIME_EPOCH_OFFSET_MS
}

/** Unix ms (an integer, not before 1601) → FILETIME. Exact, with bigint arithmetic. */
export function unixMsToFiletime(ms: number): bigint {
  return (BigInt(ms) + BigInt(FILETIME_EPOCH_OFFSET_MS)) * 10_000n
}
