/**
 * Result of a local calculation: a value, or an error code and message
 * (docs/architecture.md#local-calculations).
 */
export type CalcResult = { ok: true; value: number } | { ok: false; code: number; message: string }

/** Success. */
export function calcOk(value: number): CalcResult {
  return { ok: true, value }
}

/** Failure with a pymt5-compatible negative code. */
export function calcFail(code: number, message: string): CalcResult {
  return { ok: false, code, message }
}

/** +1 for buy types {0, 2, 4, 6}, −1 for sell types {1, 3, 5, 7}, 0 otherwise. */
export function direction(type: number): 1 | -1 | 0 {
  if (!Number.isInteger(type) || type < 0 || type > 7) return 0
  return type % 2 === 0 ? 1 : -1
}
