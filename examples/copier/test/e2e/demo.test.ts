/**
 * `npm start` (the copier demo) runs as a user runs it: the root package's `start` script, in a
 * child process, its trader script played 20 times faster. It must end by itself, in sync, with
 * exit code 0 and a summary.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { quantile, summaryOf } from '../../demo/summary.js'
import type { ActionEvent } from '../../src/service/events.js'

const root = fileURLToPath(new URL('../../../../', import.meta.url))

function runStart(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts.start as string
  return new Promise((resolve, reject) => {
    // the script as npm runs it: from the root, with node_modules/.bin on the PATH
    const child = spawn('sh', ['-c', `${script} "$@"`, 'start', ...args], {
      cwd: root,
      env: { ...process.env, PATH: `${root}node_modules/.bin:${process.env.PATH ?? ''}` },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('npm start: the copier demo', () => {
  it('copies, syncs and cleans up on three differently configured targets, then exits 0 with a summary', async () => {
    const r = await runStart(['--speed', '20', '--http', '127.0.0.1:0'])
    expect(r.stderr).toBe('')
    expect(r.code, r.stdout).toBe(0)
    const out = r.stdout
    expect(out).toMatch(/status page: http:\/\/127\.0\.0\.1:\d+\//)
    // one readable line per action, with its target and latency (the wording of the detail is
    // the planner's: match its facts, not its sentence)
    const lines = out.split('\n')
    const line = (action: string, target: string, ...facts: string[]) =>
      lines.find(
        (l) =>
          new RegExp(`^\\s*\\+[\\d.]+s\\s+${action}\\s+${target}\\s`).test(l) &&
          facts.every((f) => l.includes(f)),
      )
    expect(line('placed', 'suffix-m', '0.6 EURUSD.m', 'buyLimit')).toMatch(/\d+ ms$/)
    expect(line('placed', 'pro-net', '0.1 EURUSDpro', 'sellStop')).toMatch(/\d+ ms$/)
    expect(line('refused', 'limit-only', 'buyStop', 'orderTypes')).toBeDefined()
    expect(line('cancelled', 'pro-net', 'filled')).toMatch(/\d+ ms$/)
    expect(line('cancelled', 'limit-only', 'orphan')).toMatch(/\d+ ms$/)
    const count = (label: string) => Number(new RegExp(`${label}\\s+(\\d+)`).exec(out)?.[1])
    expect(count('copies made')).toBeGreaterThanOrEqual(10)
    expect(count('changes synced')).toBeGreaterThanOrEqual(5)
    expect(count('orphans handled')).toBeGreaterThanOrEqual(3)
    expect(count('failed or unknown')).toBe(0)
    expect(out).toMatch(/latency\s+p50 \d+ ms, p99 \d+ ms/)
    expect(out).toContain('every target is in sync with the source: done.')
  }, 120_000)

  it.each([
    [['--sped', '10'], "demo: Unknown option '--sped'"],
    [['--speed', 'fast'], 'demo: --speed must be a positive number, got "fast"'],
    [
      ['--http', 'localhost'],
      'demo: --http: http listen must be HOST:PORT (e.g. 127.0.0.1:9464), got "localhost"',
    ],
  ])('%j: one line naming the option, exit code 2, nothing started', async (args, line) => {
    const r = await runStart(args)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(line)])
  })
})

describe('demo summary', () => {
  const e = (over: Partial<ActionEvent>): ActionEvent => ({
    action: 'placed',
    target: 't',
    sourceTicket: 1n,
    reason: 'newSource',
    detail: '',
    atMs: 100,
    ...over,
  })

  it('counts copies, synced changes, orphans and latencies (nearest-rank quantiles)', () => {
    const s = summaryOf([
      e({ triggerAtMs: 90 }),
      e({ triggerAtMs: 70 }),
      e({ action: 'modified', reason: 'sourceChanged', triggerAtMs: 99 }),
      e({ action: 'cancelled', reason: 'sourceFilled', triggerAtMs: 60 }),
      e({ action: 'cancelled', reason: 'orphan', triggerAtMs: 98 }),
      e({ action: 'refused', reason: 'orderTypeNotAllowed', triggerAtMs: 0 }),
      e({ action: 'placed', dryRun: true }),
    ])
    expect(s).toEqual({
      copiesMade: 2,
      changesSynced: 2,
      orphansHandled: 1,
      refused: 1,
      failed: 0,
      p50Ms: 10,
      p99Ms: 40,
    })
    expect(quantile([], 0.5)).toBeNaN()
    expect(quantile([5], 0.99)).toBe(5)
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2)
  })
})
