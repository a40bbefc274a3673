/**
 * The deployment files cannot run here (no Docker engine, no systemd), so this checks what can be
 * checked: the Dockerfile copies files that exist and runs as non-root with state on a volume, the
 * entrypoint script behaves (run for real with sh), and the command lines of the systemd unit and
 * the cron line are accepted by the CLI's own parser and match the guide.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Cron } from 'croner'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT, runCli } from '../../../src/cli/program.js'

const root = fileURLToPath(new URL('../../../../../', import.meta.url))
const deploy = join(root, 'examples/copier/deploy')
const read = (name: string) => readFileSync(join(deploy, name), 'utf8')
const guide = readFileSync(join(root, 'docs/copier.md'), 'utf8')

/** Runs the CLI's parser on a command line; a config that does not exist must be the only complaint. */
async function cliAccepts(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = ''
  const code = await runCli(args, {
    stdout: () => {},
    stderr: (t) => {
      stderr += t
    },
    env: {},
    cwd: tmpdir(),
    stopSignal: () => new Promise(() => {}),
  })
  return { code, stderr }
}

describe('Dockerfile', () => {
  const text = read('Dockerfile')
  const lines = text.split('\n').filter((l) => !l.startsWith('#'))
  const stages = text.split(/^FROM /m).slice(1)
  const runtime = stages.at(-1) ?? ''

  it('is multi-stage on Node 20, the runtime stage without the compiler toolchain', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    for (const s of stages) expect(s).toMatch(/^node:20[-\w.]*/)
    expect(stages[0]).toMatch(/g\+\+/)
    expect(runtime).not.toMatch(/apt-get install/)
  })

  it('copies only files that exist in the repository (build context = repository root)', () => {
    const sources = lines
      .filter((l) => /^COPY /.test(l) && !l.includes('--from='))
      .flatMap((l) =>
        l
          .replace(/^COPY\s+(--\S+\s+)*/, '')
          .trim()
          .split(/\s+/)
          .slice(0, -1),
      )
    expect(sources.length).toBeGreaterThan(5)
    for (const s of sources) expect(existsSync(join(root, s)), `COPY source ${s}`).toBe(true)
  })

  it('runs as a non-root user with the state on a volume and the entrypoint it copies', () => {
    expect(runtime).toMatch(/^USER node$/m)
    expect(runtime).toMatch(/^VOLUME \["\/state"\]$/m)
    const copied = runtime.match(/^COPY examples\/copier\/deploy\/entrypoint\.sh (\S+)$/m)?.[1]
    expect(copied).toBeDefined()
    expect(runtime).toContain(`ENTRYPOINT ["${copied}"]`)
    expect(runtime).toMatch(/COPIER_MAIN=\/app\/examples\/copier\/dist\/cli\/main\.js/)
    // the health check reads the status server the default command starts
    expect(runtime).toContain('CMD ["run", "--http", "0.0.0.0:9464"]')
    expect(runtime).toMatch(/HEALTHCHECK .*127\.0\.0\.1:9464\/healthz/)
    // the runtime copies the built CLI the entrypoint runs
    expect(runtime).toMatch(/\/app\/examples\/copier\/dist examples\/copier\/dist/)
  })
})

describe('entrypoint.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'copier-entrypoint-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  // stands in for the built CLI: prints what it was started with
  const main = join(dir, 'main.mjs')
  writeFileSync(main, 'console.log(JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }))\n')
  const config = join(dir, 'copier.yaml')
  writeFileSync(config, 'source: {}\n')
  const state = join(dir, 'state')
  mkdirSync(state)

  const run = (args: string[], env: Record<string, string>) =>
    spawnSync('sh', [join(deploy, 'entrypoint.sh'), ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', COPIER_MAIN: main, ...env },
    })
  const asUser = { COPIER_ALLOW_ROOT: '1' }

  it('runs `run` by default in the state folder with the mounted config', () => {
    const r = run([], { ...asUser, COPIER_CONFIG: config, COPIER_STATE_DIR: state })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ argv: ['run', '--config', config], cwd: state })
  })

  it('passes a command and its options through', () => {
    const r = run(['once', '--dry-run'], { ...asUser, COPIER_CONFIG: config, COPIER_STATE_DIR: state })
    expect(JSON.parse(r.stdout).argv).toEqual(['once', '--dry-run', '--config', config])
  })

  it('fails with exit code 2 and says what to mount when the config or the state folder is missing', () => {
    const noConfig = run([], { ...asUser, COPIER_CONFIG: join(dir, 'nope.yaml'), COPIER_STATE_DIR: state })
    expect(noConfig.status).toBe(EXIT.usage)
    expect(noConfig.stderr).toMatch(/no readable config at .*nope\.yaml: mount it/)
    const noState = run([], { ...asUser, COPIER_CONFIG: config, COPIER_STATE_DIR: join(dir, 'missing') })
    expect(noState.status).toBe(EXIT.usage)
    expect(noState.stderr).toMatch(/state folder .*missing is missing: mount a volume/)
  })

  it('refuses to run as root unless told to', () => {
    const r = run([], { COPIER_CONFIG: config, COPIER_STATE_DIR: state })
    const root = spawnSync('id', ['-u'], { encoding: 'utf8' }).stdout.trim() === '0'
    if (root) {
      expect(r.status).toBe(EXIT.usage)
      expect(r.stderr).toMatch(/refusing to run as root/)
    } else expect(r.status).toBe(0)
  })
})

describe('systemd unit', () => {
  const unit = read('mt5web-copier.service')
  const value = (key: string) => unit.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1]

  it('runs as its own user with a private state folder and stops gracefully', () => {
    expect(value('User')).toBe('mt5copier')
    expect(value('StateDirectory')).toBe('mt5web-copier')
    expect(value('UMask')).toBe('0077')
    expect(value('KillSignal')).toBe('SIGTERM')
    expect(value('Restart')).toBe('on-failure')
    // a configuration error is not restarted forever
    expect(value('RestartPreventExitStatus')).toBe(String(EXIT.usage))
  })

  it('starts a command line the CLI accepts', async () => {
    const exec = value('ExecStart') ?? ''
    const args = exec.split(/\s+/).slice(exec.startsWith('/usr/bin/env ') ? 2 : 1)
    expect(args[0]).toBe('run')
    const config = args.indexOf('--config')
    args[config + 1] = join(tmpdir(), 'no-such-dir-copier', 'copier.yaml')
    const r = await cliAccepts(args)
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toMatch(/no-such-dir-copier/)
    expect(r.stderr).not.toMatch(/Unknown option|unexpected argument/i)
  })
})

describe('cron line', () => {
  const line = read('crontab')
    .split('\n')
    .find((l) => /^[\d*]/.test(l))

  it('has a valid five-field schedule and runs `once`', async () => {
    expect(line).toBeDefined()
    const fields = (line ?? '').split(/\s+/)
    expect(() => new Cron(fields.slice(0, 5).join(' '), { paused: true })).not.toThrow()
    const command = fields.slice(5).join(' ')
    const cli = command.match(/&& mt5web-copier (.*?) >>/)?.[1]?.split(' ') ?? []
    expect(cli[0]).toBe('once')
    cli[cli.indexOf('--config') + 1] = join(tmpdir(), 'no-such-dir-copier', 'copier.yaml')
    const r = await cliAccepts(cli)
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).not.toMatch(/Unknown option|unexpected argument/i)
  })

  it('is the line shown in the guide', () => {
    expect(guide).toContain(line)
  })
})
