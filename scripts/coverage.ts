/**
 * `npm run coverage`: the test suite under V8 coverage, child processes included.
 *
 * 1. `vitest run --coverage` (extra arguments are passed on): the in-process coverage of `src/`,
 *    checked against the ratchet thresholds of vitest.config.ts, in `coverage/vitest/`.
 * 2. Every process a test spawns writes raw V8 coverage into `coverage/children-raw/`
 *    (test/helpers/childCoverage.ts sets NODE_V8_COVERAGE for them); c8 maps it back to `src/`
 *    through the source maps tsx and tsup leave (`coverage/children/`).
 * 3. Their line coverage is merged (istanbul-lib-coverage reads both) into
 *    `coverage/coverage-summary.json`: the in-process figures and the line figure with the children,
 *    which the README reports. `--merge-only` redoes steps 2–3 from the data of the last run.
 *
 * The exit code is vitest's: a failed test or a figure under a threshold fails the run.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import libCoverage from 'istanbul-lib-coverage'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = path.join(root, 'coverage')
const raw = path.join(out, 'children-raw')
const children = path.join(out, 'children')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)

// `--merge-only`: map and merge the data of the last run again, without running the tests
const mergeOnly = process.argv.includes('--merge-only')
let status = 0
if (!mergeOnly) {
  rmSync(out, { recursive: true, force: true })
  mkdirSync(raw, { recursive: true })
  const vitest = spawnSync(bin('vitest'), ['run', '--coverage', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MT5WEB_CHILD_COVERAGE: raw },
  })
  status = vitest.status ?? 1
}

type CoverageJson = Record<string, libCoverage.FileCoverageData>
const readJson = (file: string): CoverageJson => JSON.parse(readFileSync(file, 'utf8')) as CoverageJson
const ownFile = path.join(out, 'vitest', 'coverage-final.json')
if (!existsSync(ownFile)) {
  // vitest writes no coverage when a test fails (reportOnFailure is off): its status says why
  process.stderr.write('coverage: no in-process report (see the test run above)\n')
  process.exit(status || 1)
}
const inProcess = readJson(ownFile)
let fromChildren: CoverageJson = {}
if (existsSync(raw) && readdirSync(raw).length > 0) {
  const c8 = spawnSync(
    bin('c8'),
    [
      'report',
      '--temp-directory',
      raw,
      '--reports-dir',
      children,
      '--reporter',
      'json',
      '--include',
      'src/**/*.ts',
      '--exclude-after-remap',
    ],
    { cwd: root, stdio: 'inherit' },
  )
  if (c8.status !== 0) throw new Error(`coverage: c8 report exited with ${c8.status}`)
  fromChildren = readJson(path.join(children, 'coverage-final.json'))
}

// The two reports come from different converters (vitest's AST-based one, c8's line-based one), so
// their statement, branch and function maps do not line up and cannot be merged entry by entry.
// Lines can: a line counts as covered when either side ran it; which lines are executable comes
// from the in-process report (the child one when only a child loaded the file).
let total = 0
let covered = 0
for (const file of new Set([...Object.keys(inProcess), ...Object.keys(fromChildren)])) {
  const own = inProcess[file]
  const child = fromChildren[file]
  const ownLines = own ? libCoverage.createFileCoverage(own).getLineCoverage() : {}
  const childLines = child ? libCoverage.createFileCoverage(child).getLineCoverage() : {}
  const lines = own ? ownLines : childLines
  for (const [line, hits] of Object.entries(lines)) {
    total += 1
    if (hits > 0 || (childLines[Number(line)] ?? 0) > 0) covered += 1
  }
}
const ownSummary = libCoverage.createCoverageMap(inProcess).getCoverageSummary().toJSON()
const linesPct = total === 0 ? 100 : Math.round((covered / total) * 10_000) / 100
const summary = {
  inProcess: ownSummary,
  linesWithChildren: { total, covered, pct: linesPct },
  filesReachedByChildren: Object.keys(fromChildren).length,
}
writeFileSync(path.join(out, 'coverage-summary.json'), `${JSON.stringify(summary, null, 2)}\n`)
process.stdout.write(
  `\ncoverage of src/: lines ${ownSummary.lines.pct}% in process, ${linesPct}% with the child processes ` +
    `(${covered}/${total}; ${summary.filesReachedByChildren} files reached by children); ` +
    `statements ${ownSummary.statements.pct}%, functions ${ownSummary.functions.pct}%, branches ${ownSummary.branches.pct}% in process\n`,
)
process.exit(status)
