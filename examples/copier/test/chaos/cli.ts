/**
 * `npm run chaos -- --seeds 1000` (seeds 1…1000), `--from 5001 --seeds 200`, `--seed N` (replay one
 * seed, with its problems and the copier's log), `--concurrency 2`, `--max-minutes 40` (start no
 * seed after that; RESULTS.md says how many ran), `--note "…"` (a line in the RESULTS.md section),
 * `--repeat 8` (each seed 8 times), `--no-record` (do not append to bench/RESULTS.md), `--short`
 * (fast-check's first draw of the script only, 20…51 steps, as the campaign ran before its scripts
 * covered 20…200: see `GenerateOptions.fullLength`). Exit code 1 when a seed failed.
 */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { appendResults, failureLines, formatTotals, passed, runCampaign, totals } from './campaign.js'

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '50' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    'max-minutes': { type: 'string' },
    repeat: { type: 'string', default: '1' },
    'no-record': { type: 'boolean', default: false },
    short: { type: 'boolean', default: false },
    note: { type: 'string', default: '' },
  },
})

const int = (name: string, text: string | undefined): number => {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`--${name} must be a whole number >= 1, got ${text}`)
  return n
}

const one = values.seed !== undefined
const from = one ? int('seed', values.seed) : int('from', values.from)
const count = one ? 1 : int('seeds', values.seeds)
// `--repeat N`: each seed N times (a timing-dependent failure shows under load, not in every run)
const repeat = int('repeat', values.repeat)
const seeds = Array.from({ length: count * repeat }, (_, i) => from + Math.floor(i / repeat))
const started = Date.now()
let done = 0
const results = await runCampaign(seeds, {
  short: values.short,
  ...(values.concurrency === undefined ? {} : { concurrency: int('concurrency', values.concurrency) }),
  ...(values['max-minutes'] === undefined
    ? {}
    : { deadlineMs: started + int('max-minutes', values['max-minutes']) * 60_000 }),
  onResult: (r) => {
    done++
    if (!passed(r)) for (const line of failureLines(r, values.short)) console.log(line)
    if (one && !passed(r) && r.log) console.log(`copier log:\n${r.log}`)
    if (one || done % 25 === 0 || done === seeds.length)
      console.log(
        `${done}/${seeds.length} runs, seed ${r.seed}: ${r.targets} targets, ${r.steps} steps, ${r.kills} kill(s), ${r.quietPasses} quiet passes, ${r.ms} ms`,
      )
  },
})
const t = totals(results, Date.now() - started)
console.log(formatTotals(t))
const failing = results.filter((r) => !passed(r))
if (!one && !values['no-record']) {
  const path = fileURLToPath(new URL('../../../../bench/RESULTS.md', import.meta.url))
  const ran = results.map((r) => r.seed)
  const range = `${Math.min(...ran)}…${Math.max(...ran)}${ran.length < count ? ` (${ran.length} of the ${count} asked: --max-minutes ${values['max-minutes']} reached)` : ''}`
  appendResults(path, t, range, failing, values.note, values.short)
  console.log(`appended to ${path}`)
}
process.exitCode = failing.length > 0 ? 1 : 0
