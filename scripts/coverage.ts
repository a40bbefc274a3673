/**
 * `npm run coverage`: the test suite under V8 coverage, child processes included.
 *
 * 1. `vitest run --coverage` (extra arguments are passed on): the in-process coverage of `src/`,
 *    checked against the ratchet thresholds of vitest.config.ts, in `coverage/vitest/`.
 * 2. Every process a test spawns writes raw V8 coverage into `coverage/children-raw/`
 *    (test/helpers/childCoverage.ts sets NODE_V8_COVERAGE for them); c8 maps it back to `src/`
 *    through the source maps tsx and tsup leave (`coverage/children/`).
 * 3. Both are merged with istanbul-lib-coverage into `coverage/coverage-summary.json`, the figure
 *    the README reports.
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
rmSync(out, { recursive: true, force: true })
mkdirSync(raw, { recursive: true })

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const vitest = spawnSync(bin('vitest'), ['run', '--coverage', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, MT5WEB_CHILD_COVERAGE: raw },
})
const status = vitest.status ?? 1

const map = libCoverage.createCoverageMap({})
const inProcess = path.join(out, 'vitest', 'coverage-final.json')
if (existsSync(inProcess)) map.merge(JSON.parse(readFileSync(inProcess, 'utf8')))
let childFiles = 0
if (readdirSync(raw).length > 0) {
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
  const childJson = JSON.parse(readFileSync(path.join(children, 'coverage-final.json'), 'utf8'))
  childFiles = Object.keys(childJson).length
  map.merge(childJson)
}
const summary = map.getCoverageSummary()
writeFileSync(
  path.join(out, 'coverage-summary.json'),
  `${JSON.stringify({ total: summary.toJSON() }, null, 2)}\n`,
)
const pct = (k: 'lines' | 'statements' | 'functions' | 'branches') => `${summary[k].pct}%`
process.stdout.write(
  `\ncoverage of src/ with child processes (${childFiles} files reached by children): ` +
    `lines ${pct('lines')}, statements ${pct('statements')}, functions ${pct('functions')}, branches ${pct('branches')}\n`,
)
process.exit(status)
