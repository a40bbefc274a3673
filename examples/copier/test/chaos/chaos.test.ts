/**
 * The copier fault campaign in `npm test`: seeds 1…50 and the regression seeds, scripts of 20…200
 * steps (faults, clock moves, kill -9 of a child copier in some), each judged by the independent
 * oracle. A failing seed prints its problems and its replay command (`npm run chaos -- --seed N`).
 */
import { describe, expect, it } from 'vitest'
import { failureLines, passed, runCampaign, totals } from './campaign.js'

/**
 * Seeds that once failed, run on every `npm test` once fixed (see README: seeds are tied to the
 * generator in scenario.ts). Those found before the scripts covered 20…200 steps failed with the
 * short script (`--short`), which the full one they run now begins with.
 * - 5, 6: targets whose symbols all carry a suffix, with `marginCheck`: every copy refused, the
 *   SDK's margin conversion looked for a plain `EURUSD` only (fixed in the SDK: rateSource affixes).
 * - 19, 20 (wrong SL/TP, copies of filled orders, under load): a trade push between the two answers
 *   loading the lists after a reconnect was lost (fixed in the SDK: pushHandlers loaded again;
 *   now the pushes that race a load are applied on top of its snapshot, see 5 below).
 * - 131, 204, 426, 481, 560, 823, 862, 880, 913: a stop-limit source order triggered into a limit
 *   order and its copies stayed stop-limit with mixed fields (fixed in the planner: a copy whose
 *   source changed type is cancelled, then replaced).
 * - 18, 212 (intermittent, lost): transient rejects queued back to back outlasted the executor's
 *   retries and the copy was recorded as refused, never tried again (fixed in the executor: a
 *   failure, placed again by the next reconcile).
 * - 20, 611, 707, 733 (intermittent, lost): the script's last source changes were still on the
 *   socket when the quiet phase's passes ran and the oracle judged (fixed in the campaign: the quiet
 *   phase waits for the copier's view of the source to be the simulator's).
 * - 427 (intermittent, lost): a source's expiry was removed just before its copies' old expiry
 *   passed; the copies expired before the copier could modify them and were given up (fixed in the
 *   copier: a copy that expired with an expiry its source no longer has is replaced).
 * Seeds run at full length (20…200 steps) since; found with it:
 * - 5 (intermittent, the copier's view of the source stuck missing two orders and an SL): trade
 *   pushes kept racing the loads of the lists after a reconnect, loaded again at most 5 times, and
 *   the last stale load stood (fixed in the SDK: the pushes that race a load are applied on top of
 *   its snapshot).
 * - 18 (intermittent, wrong: two copies pending after their source filled): a source that filled
 *   while the source reconnected left the view after the full pass had looked the gone ones up;
 *   its copies were counted as orphans of unknown end and preserved for good (fixed in the copier:
 *   looked up again before the plan; and in the SDK: a push during a load emits no stale list).
 */
export const REGRESSION_SEEDS: readonly number[] = [
  5, 6, 18, 19, 20, 131, 204, 212, 426, 427, 481, 560, 611, 707, 733, 823, 862, 880, 913,
]

/**
 * Seeds that still fail now and then, left out of `npm test` until fixed (`npm run chaos` runs
 * them; replay: `npm run chaos -- --seed N --repeat 6`). None known.
 */
export const KNOWN_OPEN_SEEDS: readonly number[] = []

const SEEDS = [...new Set([...Array.from({ length: 51 }, (_, i) => i + 1), ...REGRESSION_SEEDS])].filter(
  (s) => !KNOWN_OPEN_SEEDS.includes(s),
)

describe('copier chaos campaign', () => {
  it(`${SEEDS.length} seeds (1…51 but the known open ones, and the regression seeds): no duplicate, lost or wrong copy`, async () => {
    const started = Date.now()
    const results = await runCampaign(SEEDS, { concurrency: 3 })
    const failing = results.filter((r) => !passed(r))
    expect(failing.flatMap((r) => failureLines(r)).join('\n')).toBe('')
    expect(results.map((r) => r.seed)).toEqual(SEEDS)
    // the campaign really ran: copies were judged, faults injected, the process killed
    const t = totals(results, Date.now() - started)
    expect(t.checked).toBeGreaterThan(100)
    expect(Object.values(t.faults).every((n) => n > 0)).toBe(true)
    expect(t.kills).toBeGreaterThan(0)
  })
})
