/** The demo's closing summary, from the copier's action events. */
import type { ActionEvent } from '../src/service/events.js'

const DONE: ReadonlySet<string> = new Set(['placed', 'modified', 'cancelled', 'converted'])

/** The `p` quantile (0..1) of sorted values, nearest rank; NaN when empty. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)))
  return sorted[rank - 1] as number
}

/** Counts and latencies of a run, as printed at the end of the demo. */
export interface DemoSummary {
  copiesMade: number
  changesSynced: number
  orphansHandled: number
  refused: number
  failed: number
  p50Ms: number
  p99Ms: number
}

export function summaryOf(events: readonly ActionEvent[]): DemoSummary {
  const live = events.filter((e) => !e.dryRun)
  const count = (f: (e: ActionEvent) => boolean) => live.filter(f).length
  const latencies = live
    .filter((e) => DONE.has(e.action) && e.triggerAtMs !== undefined)
    .map((e) => e.atMs - (e.triggerAtMs as number))
    .sort((a, b) => a - b)
  return {
    copiesMade: count((e) => e.action === 'placed'),
    changesSynced: count(
      (e) =>
        e.action === 'modified' ||
        e.action === 'converted' ||
        (e.action === 'cancelled' && e.reason !== 'orphan'),
    ),
    orphansHandled: count((e) => e.action === 'cancelled' && e.reason === 'orphan'),
    refused: count((e) => e.action === 'refused'),
    failed: count((e) => e.action === 'failed' || e.action === 'unknown'),
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
  }
}

const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v.toFixed(0)} ms`)

/** The summary as lines for a person. */
export function summarize(events: readonly ActionEvent[]): string[] {
  const s = summaryOf(events)
  return [
    'summary',
    `  copies made        ${s.copiesMade}`,
    `  changes synced     ${s.changesSynced} (modified, or cancelled after a fill or cancel on the source)`,
    `  orphans handled    ${s.orphansHandled}`,
    `  refused            ${s.refused} (not eligible on a target, by its config)`,
    `  failed or unknown  ${s.failed}`,
    `  latency            p50 ${ms(s.p50Ms)}, p99 ${ms(s.p99Ms)} (source push → target result)`,
  ]
}
