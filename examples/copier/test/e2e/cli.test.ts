/** The `mt5web-copier` executable as a child process: exit codes, dry run, check, status, init, logs. */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copierCli, startCopierCli } from './_cli.js'
import {
  configInput,
  copiesOf,
  HEDGING,
  PASSWORD,
  placeSource,
  type SimEnv,
  startSim,
  T,
  until,
  writeConfig,
} from './_env.js'

describe('copier e2e: the CLI', () => {
  let env: SimEnv
  let config: string
  beforeAll(async () => {
    env = await startSim()
    config = writeConfig(env)
  })
  afterAll(async () => {
    await env.close()
  })

  it('init writes a commented example config and never overwrites one', async () => {
    const first = await copierCli(['init', '-c', join(env.dir, 'new.yaml')])
    expect(first.code).toBe(0)
    expect(readFileSync(join(env.dir, 'new.yaml'), 'utf8')).toMatch(/^# mt5web-copier configuration/)
    expect(statSync(join(env.dir, 'new.yaml')).mode & 0o077).toBe(0)
    const again = await copierCli(['init', '-c', join(env.dir, 'new.yaml')])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('--force')
  })

  it('once --dry-run prints the plan and changes nothing', async () => {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.07 })
    const r = await copierCli(['once', '--dry-run', '-c', config])
    expect(r.code).toBe(0)
    // the plan is the output (stdout), one line per action; the log (stderr) has none of it
    expect(r.stdout).toMatch(/^would be placed \[suffix\] source #\d+ EURUSD\.m 0\.2 lots \(newSource\): /m)
    expect(r.stdout.trim().split('\n')).toHaveLength(4)
    expect(r.stdout).toMatch(/\ndry run: 3 changes, 0 problems; nothing was changed\n$/)
    expect(r.stderr).not.toContain('would be')
    const json = await copierCli(['once', '--dry-run', '-c', config, '--log-format', 'json'])
    const planned = json.stdout
      .trim()
      .split('\n')
      .slice(0, -1)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(planned).toHaveLength(3)
    expect(planned[0]).toMatchObject({ action: 'placed', dryRun: true, sourceTicket: String(ticket) })
    expect(copiesOf(env, 'SuffixBroker', HEDGING, ticket).length).toBe(0)
    expect(existsSync(join(env.dir, 'copier.db'))).toBe(false)
  })

  it('once copies and exits 0 when every target is in sync, then finds nothing to do', async () => {
    const r = await copierCli(['once', '-c', config])
    expect(r.code).toBe(0)
    // the result on stdout, what was done in the log (stderr)
    expect(r.stdout).toBe('in sync: 3 changes, 0 problems\n')
    expect(r.stderr).toMatch(
      /INFO {2}placed \[suffix\] source #\d+ copy #\d+ EURUSD\.m 0\.2 lots \(newSource/,
    )
    const again = await copierCli(['once', '-c', config, '--log-format', 'json'])
    expect(again.code).toBe(0)
    const lines = again.stderr
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.filter((l) => l.action === 'placed')).toEqual([])
    for (const out of [r.stdout, r.stderr, again.stdout, again.stderr]) expect(out).not.toContain(PASSWORD)
  })

  it('once exits 1 when something could not be copied', async () => {
    placeSource(env, { symbol: 'EURUSD', type: T.buyStop, lots: 0.1, price: 1.09 })
    const r = await copierCli(['once', '-c', config])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/WARN {2}refused \[limits\] source #\d+ \(orderTypeNotAllowed/)
  })

  it('status reads the state: links, refusals, last actions', async () => {
    const r = await copierCli(['status', '-c', config])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/links \(\d+\):\nTARGET\s+SOURCE\s+COPY\s+STATUS/)
    expect(r.stdout).toMatch(/suffix\s+#\d+\s+#\d+\s+active/)
    expect(r.stdout).toMatch(/refusals \(1\):[\s\S]*limits\s+#\d+\s+orderTypeNotAllowed/)
    expect(r.stdout).toMatch(
      /last actions \(\d+\):\n {2}\S+ placed \[\w+\] source #\d+ copy #\d+ \(newSource\): .*buyStop/,
    )
    expect(r.stdout).toMatch(/\n {2}\S+ refused \[limits\] source #\d+ \(orderTypeNotAllowed\)/)
  })

  it('check connects every account and prints accounts, symbols and problems', async () => {
    const r = await copierCli(['check', '-c', config])
    expect(r.stdout).toMatch(/ACCOUNT\s+SERVER\s+LOGIN\s+STATUS\s+SYMBOLS\s+ORDERS/)
    expect(r.stdout).toMatch(/suffix\s+ws:\/\/\S+\/SuffixBroker\s+10001\s+synced/)
    expect(r.stdout).toMatch(/suffix\s+EURUSD\s+EURUSD\.m/)
    expect(r.stdout).toMatch(/problems:\n\s+- limits: source #\d+: /)
    expect(r.code).toBe(1)
  })

  it('a bad config reports every invalid field with its path and exits 2', async () => {
    const input = configInput(env, {
      suffix: { lots: { multiplier: -1 } },
      coarse: { orphans: { policy: 'explode' } },
    })
    const bad = writeConfig(env, { ...input, reconcileSeconds: 0 } as never, 'bad.yaml')
    const r = await copierCli(['once', '-c', bad])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('targets.0.lots.multiplier')
    expect(r.stderr).toContain('targets.1.orphans.policy')
    expect(r.stderr).toContain('reconcileSeconds')
  })

  it('every password reference that cannot be read is named with its field, at once (exit 2)', async () => {
    const input = configInput(env)
    const bad = writeConfig(
      env,
      {
        ...input,
        source: { ...input.source, password: 'env:NO_SUCH_PASSWORD' },
        targets: input.targets.map((t, i) => (i === 1 ? { ...t, password: 'file:missing-secret' } : t)),
      },
      'badSecrets.yaml',
    )
    const r = await copierCli(['check', '-c', bad])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('2 password references cannot be read:')
    expect(r.stderr).toContain(
      'source.password: password reference env:NO_SUCH_PASSWORD: environment variable NO_SUCH_PASSWORD is not set',
    )
    expect(r.stderr).toMatch(
      /targets\.1\.password \(coarse\): password reference file:missing-secret: cannot read \S+: no such file/,
    )
  })

  it('run stops as on SIGTERM when the reader of its log goes away (`run 2>&1 | head`)', async () => {
    const child = startCopierCli(['run', '-c', config])
    let stderr = ''
    child.stderr?.on('data', (d) => {
      stderr += d
    })
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      child.on('close', (code, signal) => resolve([code, signal])),
    )
    try {
      await until(() => (stderr.match(/ connected: /g) ?? []).length === 4, 20_000)
      child.stderr?.destroy()
      // the next line it writes (a reconcile, this copy placed) meets a closed pipe: it stops
      const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.06 })
      expect(await exited).toEqual([0, null])
      // stopped cleanly: the next pass copies what is left, nothing twice
      await copierCli(['once', '-c', config])
      expect(copiesOf(env, 'SuffixBroker', HEDGING, ticket)).toHaveLength(1)
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('an unknown command or option is a usage error (exit 2)', async () => {
    expect((await copierCli(['launch'])).code).toBe(2)
    expect((await copierCli(['once', '--log-format', 'xml', '-c', config])).code).toBe(2)
  })
})
