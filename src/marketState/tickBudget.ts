/**
 * The process-wide bound on tick history. Every client's tick cache takes its ring slots from one
 * budget, so a process running hundreds of accounts (a pool, the copier) cannot grow its history
 * past `limit` ticks, whatever each client's `tickCacheSize`. A ring that cannot get more slots keeps
 * the ones it has and overwrites its oldest ticks sooner; the latest tick of a symbol is always kept
 * (one slot per ring is granted outside the budget).
 */
import { ValidationError } from '../errors.js'

/** Default process-wide tick history: 1,000,000 ticks (≈ 48 MB at 48 bytes per cached tick). */
export const DEFAULT_PROCESS_TICK_LIMIT = 1_000_000

let limit = DEFAULT_PROCESS_TICK_LIMIT
let used = 0

/**
 * Sets the most ticks all tick caches of this process keep together (≥ 0; default
 * {@link DEFAULT_PROCESS_TICK_LIMIT}). Lowering it does not drop cached ticks: rings stop growing
 * until enough slots are freed (a symbol or a cache cleared, a client collected).
 */
export function setProcessTickLimit(ticks: number): void {
  if (!Number.isSafeInteger(ticks) || ticks < 0) {
    throw new ValidationError(`process tick limit must be a non-negative integer, got ${ticks}`, {
      field: 'ticks',
      value: ticks,
    })
  }
  limit = ticks
}

/** The current process-wide tick limit and the slots in use. */
export function processTickUsage(): { limit: number; used: number } {
  return { limit, used }
}

/** Grants up to `wanted` more slots (maybe fewer, maybe 0) and counts them as used. @internal */
export function takeTickSlots(wanted: number): number {
  const granted = Math.max(0, Math.min(wanted, limit - used))
  used += granted
  return granted
}

/** Returns slots taken with {@link takeTickSlots}. @internal */
export function releaseTickSlots(count: number): void {
  used = Math.max(0, used - count)
}
