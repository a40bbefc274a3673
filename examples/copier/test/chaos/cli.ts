/**
 * `npm run chaos -- --seeds 1000` (seeds 1…1000), `--from 5001 --seeds 200`, `--seed N` (replay one
 * seed, with its problems and the copier's log), `--concurrency 2`, `--max-minutes 40` (start no
 * seed after that; RESULTS.md says how many ran), `--note "…"` (a line in the RESULTS.md section),
 * `--repeat 8` (each seed 8 times), `--no-record` (do not append to bench/RESULTS.md), `--short`
 * (fast-check's first draw of the script only, 20…51 steps, as the campaign ran before its scripts
 * covered 20…200: see `GenerateOptions.fullLength`). Exit code 1 when a seed failed, 2 for a bad argument
 * (one line naming the flag and the value).
 */
import { fileURLToPath } from 'node:url'
import { ChaosUsageError, parseChaosArgs } from './args.js'
import { appendResults, failureLines, formatTotals, passed, runCampaign, totals } from './campaign.js'

let args: ReturnType<typeof parseChaosArgs>
try {
  args = parseChaosArgs(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof ChaosUsageError)) throw error
  console.error(`chaos: ${error.message}`)
  process.exit(2)
}
const { seeds, one, count } = args
const started = Date.now()
let done = 0
const results = await runCampaign(seeds, {
  short: args.short,
  ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
  ...(args.maxMinutes === undefined ? {} : { deadlineMs: started + args.maxMinutes * 60_000 }),
  onResult: (r) => {
    done++
    if (!passed(r)) for (const line of failureLines(r, args.short)) console.log(line)
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
if (!one && args.record) {
  const path = fileURLToPath(new URL('../../../../bench/RESULTS.md', import.meta.url))
  const ran = results.map((r) => r.seed)
  const range = `${Math.min(...ran)}…${Math.max(...ran)}${ran.length < count ? ` (${ran.length} of the ${count} asked: --max-minutes ${args.maxMinutes} reached)` : ''}`
  appendResults(path, t, range, failing, args.note, args.short)
  console.log(`appended to ${path}`)
}
process.exitCode = failing.length > 0 ? 1 : 0
