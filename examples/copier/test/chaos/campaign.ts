/**
 * A campaign: many seeds run a few at a time, their totals (seeds, faults by kind, kills,
 * duplicates, lost, wrong, time), the failing seeds with their replay commands, and the section
 * appended to bench/RESULTS.md.
 */
import { appendFileSync } from 'node:fs'
import { cpus } from 'node:os'
import pLimit from 'p-limit'
import { replayCommand, runSeed, type SeedResult } from './run.js'
import { FAULT_KINDS, type Fault, generateScenario } from './scenario.js'

export interface CampaignTotals {
  seeds: number
  failed: number
  faults: Record<Fault['kind'], number>
  kills: number
  stateDeleted: number
  duplicates: number
  lost: number
  wrong: number
  excused: number
  checked: number
  errors: number
  ms: number
}

/** Whether a seed passed: no duplicate, lost or wrong copy, and the run itself completed. */
export const passed = (r: SeedResult) => r.duplicates === 0 && r.lost === 0 && r.wrong === 0 && !r.error

/**
 * Runs `seeds`, `concurrency` at a time (default: one per core, at most 4); `onResult` as each ends.
 * With `deadlineMs` (UTC ms) no seed starts after it: the results hold the seeds that ran.
 */
export async function runCampaign(
  seeds: readonly number[],
  options: {
    concurrency?: number
    deadlineMs?: number
    onResult?: (r: SeedResult) => void
    /** Scripts of fast-check's first draw only, 20…51 steps (see `GenerateOptions.fullLength`). */
    short?: boolean
  } = {},
): Promise<SeedResult[]> {
  const limit = pLimit(options.concurrency ?? Math.min(4, Math.max(1, cpus().length)))
  const results = await Promise.all(
    seeds.map((seed) =>
      limit(async () => {
        if (options.deadlineMs !== undefined && Date.now() > options.deadlineMs) return undefined
        const r = await runSeed(
          seed,
          options.short ? generateScenario(seed, { fullLength: false }) : undefined,
        )
        options.onResult?.(r)
        return r
      }),
    ),
  )
  return results.filter((r): r is SeedResult => r !== undefined)
}

export function totals(results: readonly SeedResult[], ms: number): CampaignTotals {
  const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as CampaignTotals['faults']
  for (const r of results) for (const k of FAULT_KINDS) faults[k] += r.faults[k]
  const sum = (f: (r: SeedResult) => number) => results.reduce((n, r) => n + f(r), 0)
  return {
    seeds: results.length,
    failed: results.filter((r) => !passed(r)).length,
    faults,
    kills: sum((r) => r.kills),
    stateDeleted: sum((r) => (r.stateDeleted ? 1 : 0)),
    duplicates: sum((r) => r.duplicates),
    lost: sum((r) => r.lost),
    wrong: sum((r) => r.wrong),
    excused: sum((r) => r.excused),
    checked: sum((r) => r.checked),
    errors: sum((r) => (r.error ? 1 : 0)),
    ms,
  }
}

/** One line per failing seed: what failed and the command that replays it. */
export function failureLines(r: SeedResult, short = false): string[] {
  return [
    `seed ${r.seed} FAILED (${r.duplicates} duplicate, ${r.lost} lost, ${r.wrong} wrong${r.error ? `, error: ${r.error.split('\n')[0]}` : ''}): replay with \`${replayCommand(r.seed, short)}\``,
    ...r.problems.slice(0, 20).map((p) => `  ${p}`),
  ]
}

/** The totals as text (terminal and RESULTS.md alike). */
export function formatTotals(t: CampaignTotals): string {
  const faults = FAULT_KINDS.map((k) => `${k} ${t.faults[k]}`).join(', ')
  return [
    `| Seeds run | ${t.seeds} (${t.failed} failed) |`,
    `| Faults injected | ${Object.values(t.faults).reduce((a, b) => a + b, 0)}: ${faults} |`,
    `| kill -9 of the copier process | ${t.kills} (state database deleted in ${t.stateDeleted}) |`,
    `| Copies verified right at the end | ${t.checked} |`,
    `| Duplicates | ${t.duplicates} |`,
    `| Lost copies | ${t.lost} |`,
    `| Wrong copies | ${t.wrong} |`,
    `| Excused (a final reject hit the copy's request) | ${t.excused} |`,
    `| Runs that did not complete | ${t.errors} |`,
    `| Time | ${(t.ms / 1000).toFixed(1)} s |`,
  ].join('\n')
}

/** Appends a section with the campaign's result to `path` (bench/RESULTS.md). */
export function appendResults(
  path: string,
  t: CampaignTotals,
  seeds: string,
  failing: readonly SeedResult[],
  note: string,
  short = false,
) {
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  const failed =
    failing.length === 0
      ? 'No failing seed.'
      : `Failing seeds: ${failing.map((r) => `${r.seed} (\`${replayCommand(r.seed, short)}\`)`).join(', ')}.`
  appendFileSync(
    path,
    `\n## Copier fault campaign (\`npm run chaos\`), ${when}\n\n${note}\n\nSeeds ${seeds}.\n\n| | |\n|---|---|\n${formatTotals(t)}\n\n${failed}\n`,
  )
}
