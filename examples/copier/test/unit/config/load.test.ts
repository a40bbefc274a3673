import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { thrown } from '../../../../../test/helpers/thrown.js'
import { loadConfig, mergeConfig, parseConfig, resolveTargets } from '../../../src/config/load.js'
import { resolveSecret, resolveSecrets } from '../../../src/config/secrets.js'
import { configTemplate } from '../../../src/config/template.js'
import { ConfigError, SecretError } from '../../../src/errors.js'

const account = { server: 'wss://broker.test/terminal', login: 1001, password: 'env:PW' }
const minimal = { source: account, targets: [{ ...account, login: 2002 }] }

function issuesOf(raw: unknown): { path: string; message: string }[] {
  try {
    parseConfig(raw)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('COPIER_CONFIG')
    return [...(error as ConfigError).issues]
  }
  throw new Error('config unexpectedly valid')
}

describe('parseConfig', () => {
  it('applies every default', () => {
    const config = parseConfig(minimal)
    expect(config.reconcileSeconds).toBe(30)
    expect(config.state.path).toBe('copier.db')
    expect(config.log).toEqual({ level: 'info', format: 'text' })
    const [target] = resolveTargets(config)
    expect(target).toMatchObject({
      id: '2002',
      login: '2002',
      enabled: true,
      lots: { multiplier: 1, belowMin: 'skip', aboveMax: 'cap', symbols: {} },
      orderTypes: ['buyLimit', 'sellLimit', 'buyStop', 'sellStop', 'buyStopLimit', 'sellStopLimit'],
      orphans: { policy: 'kill', checkEvery: 30, confirmations: 3 },
      sourceFilled: { policy: 'cancel', maxSlippagePoints: 10 },
      sltp: 'copy',
      expiration: 'copy',
      marginCheck: true,
    })
    expect(target?.maxPendingOrders).toBeUndefined()
    expect(target?.tradingHours).toBeUndefined()
  })

  it('parses trading hours to minutes, days default to the whole week', () => {
    const config = parseConfig({
      ...minimal,
      targets: [{ ...account, tradingHours: [{ from: '22:30', to: '24:00' }] }],
    })
    expect(config.targets[0]?.tradingHours).toEqual([
      { days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: 1350, to: 1440 },
    ])
  })

  it('reports every invalid field at once, each with its path', () => {
    const issues = issuesOf({
      source: { server: 'http://x', login: -1, password: 'hunter2' },
      targets: [
        {
          ...account,
          lots: { multiplier: 0, min: 2, max: 1, belowMin: 'round', extra: 1 },
          symbols: { '*': 'x', 'a*b*': '*c*' },
          orderTypes: ['buyLimit', 'market'],
          orphans: { policy: 'ignore', confirmations: 0 },
          sourceFilled: { policy: 'close' },
          sltp: 'keep',
          expiration: 'never',
          tradingHours: [{ days: ['mon', 'funday'], from: '25:00', to: '08:00' }],
          maxPendingOrders: 0,
        },
        { ...account, id: 'bad id!' },
      ],
      reconcileSeconds: 0,
      schedule: 'often',
      log: { level: 'loud' },
      extra: true,
    })
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]))
    expect(byPath).toMatchObject({
      'source.server': 'must be a ws:// or wss:// URL of the Web Terminal server (got "http://x")',
      'source.password': 'must be a reference "env:NAME" or "file:PATH", never the password itself',
      'targets.0.lots': 'unknown field "extra"',
      'targets.0.lots.belowMin': 'must be one of "skip", "raiseToMin" (got "round")',
      'targets.0.symbols.*': expect.stringContaining('exactly one *'),
      'targets.0.symbols.a*b*': expect.stringContaining('exactly one *'),
      'targets.0.orderTypes.1': expect.stringContaining('"buyLimit"'),
      'targets.0.orphans.policy': 'must be one of "kill", "preserve" (got "ignore")',
      'targets.0.sourceFilled.policy': 'must be one of "keep", "cancel", "market" (got "close")',
      'targets.0.sltp': 'must be one of "copy", "none", "distance" (got "keep")',
      'targets.0.expiration': 'must be one of "copy", "none", "shiftToServerTime" (got "never")',
      'targets.0.tradingHours.0.days.1': expect.stringContaining('"mon"'),
      'targets.0.tradingHours.0.from': 'must be a time HH:MM (00:00 to 24:00) (got "25:00")',
      'targets.1.id': 'must be 1-64 letters, digits, "_", "." or "-" (got "bad id!")',
      schedule: 'must be a cron expression of 5 or 6 fields (got "often")',
      'log.level': 'must be one of "debug", "info", "warn", "error" (got "loud")',
      'targets.0.lots.multiplier': 'must be greater than 0 (got 0)',
      '': 'unknown field "extra"',
    })
    for (const path of [
      'source.login',
      'targets.0.lots.multiplier',
      'targets.0.orphans.confirmations',
      'targets.0.maxPendingOrders',
      'reconcileSeconds',
    ])
      expect(byPath[path], path).toBeDefined()
  })

  it('never echoes a password written in place of a reference', () => {
    let message = ''
    try {
      parseConfig({ ...minimal, source: { ...account, password: 'hunter2-secret' } })
    } catch (error) {
      message = `${(error as Error).message} ${JSON.stringify((error as ConfigError).issues)}`
    }
    expect(message).toContain('source.password')
    expect(message).not.toContain('hunter2-secret')
  })

  it('names missing required fields and wrong types', () => {
    const issues = issuesOf({ source: { server: 'wss://a' }, targets: 'none' })
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'source.login', message: 'is required' },
        { path: 'source.password', message: 'is required (string)' },
        { path: 'targets', message: 'must be of type array (got "none")' },
      ]),
    )
    expect(issuesOf({ ...minimal, source: { ...account, login: '12x' } })).toEqual([
      { path: 'source.login', message: 'must be a positive account number (got "12x")' },
    ])
  })

  it('rejects min above max, a target without order types and duplicate target ids', () => {
    const issues = issuesOf({
      source: account,
      targets: [
        { ...account, lots: { min: 2, max: 1 }, orderTypes: [] },
        { ...account, id: '1001' },
      ],
    })
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'targets.0.lots.min', message: 'min must not exceed max' },
        {
          path: 'targets.0.orderTypes',
          message: 'must allow at least one order type (disable the target instead)',
        },
        {
          path: 'targets.1.id',
          message: 'target id "1001" is already used by targets.0; give each target a distinct id',
        },
      ]),
    )
  })

  it('the init template parses, and its passwords are references', () => {
    const config = parseConfig(parseYaml(configTemplate))
    expect(config.targets[0]?.symbols).toEqual({ GOLD: 'XAUUSD', '*': '*.m' })
    expect(config.source.password).toBe('env:SOURCE_PASSWORD')
  })
})

describe('loadConfig', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'copier-config-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('merges the environment overlay over the base file, targets by id', () => {
    writeFileSync(
      join(dir, 'copier.yaml'),
      [
        'source: { server: "wss://demo/t", login: 1, password: "env:SRC" }',
        'targets:',
        '  - { id: a, server: "wss://demo/t", login: 2, password: "env:A", lots: { multiplier: 2 } }',
        '  - { id: b, server: "wss://demo/t", login: 3, password: "env:B" }',
        'reconcileSeconds: 10',
      ].join('\n'),
    )
    writeFileSync(
      join(dir, 'copier.prod.yaml'),
      [
        'source: { server: "wss://live/t" }',
        'targets:',
        '  - { id: a, server: "wss://live/t", lots: { max: 3 } }',
        '  - { id: c, server: "wss://live/t", login: 4, password: "env:C" }',
      ].join('\n'),
    )
    const config = loadConfig(join(dir, 'copier.yaml'), { env: 'prod' })
    expect(config.source).toEqual({ server: 'wss://live/t', login: '1', password: 'env:SRC' })
    expect(config.targets.map((t) => [t.id, t.server, t.lots.multiplier, t.lots.max])).toEqual([
      ['a', 'wss://live/t', 2, 3],
      ['b', 'wss://demo/t', 1, undefined],
      ['c', 'wss://live/t', 1, undefined],
    ])
    expect(config.reconcileSeconds).toBe(10)
  })

  it('reads JSON, and names the files in errors', () => {
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...minimal, reconcileSeconds: -1 }))
    expect(() => loadConfig(join(dir, 'c.json'))).toThrow(/c\.json[\s\S]*reconcileSeconds/)
  })

  it('reports unreadable files, bad YAML and a missing overlay as config errors', () => {
    expect(() => loadConfig(join(dir, 'absent.yaml'))).toThrow(ConfigError)
    writeFileSync(join(dir, 'bad.yaml'), 'source: [unclosed')
    expect(() => loadConfig(join(dir, 'bad.yaml'))).toThrow(/not valid YAML/)
    writeFileSync(join(dir, 'ok.yaml'), JSON.stringify(minimal))
    expect(() => loadConfig(join(dir, 'ok.yaml'), { env: 'prod' })).toThrow(/ok\.prod\.yaml/)
    expect(() => loadConfig(join(dir, 'ok.yaml'), { env: '../x' })).toThrow(/environment name/)
  })

  it('mergeConfig replaces arrays and scalars, merges objects', () => {
    expect(mergeConfig({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({
      a: { b: 1, c: [3] },
      d: 1,
      e: 2,
    })
    expect(mergeConfig({ a: 1 }, null)).toEqual({ a: 1 })
  })
})

describe('resolveSecret', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'copier-secret-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const sources = (warnings: string[] = []) => ({
    env: { PW: 's3cret' },
    baseDir: dir,
    warn: (m: string) => warnings.push(m),
  })

  it('reads env: and file: references', () => {
    expect(resolveSecret('env:PW', sources())).toBe('s3cret')
    writeFileSync(join(dir, 'pw'), 'from-file\n', { mode: 0o600 })
    chmodSync(join(dir, 'pw'), 0o600)
    const warnings: string[] = []
    expect(resolveSecret('file:pw', sources(warnings))).toBe('from-file')
    expect(warnings).toEqual([])
  })

  it('warns when a password file is readable by others, without the secret', () => {
    writeFileSync(join(dir, 'pw'), 'open-secret')
    chmodSync(join(dir, 'pw'), 0o644)
    const warnings: string[] = []
    expect(resolveSecret(`file:${join(dir, 'pw')}`, sources(warnings))).toBe('open-secret')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/readable by everyone \(mode 644\); run chmod 600/)
    expect(warnings[0]).not.toContain('open-secret')
  })

  it('throws SecretError naming the reference, never a value', () => {
    expect(() => resolveSecret('env:NOPE', sources())).toThrow(/environment variable NOPE is not set/)
    expect(() => resolveSecret('file:missing', sources())).toThrow(SecretError)
    writeFileSync(join(dir, 'empty'), '\n')
    expect(() => resolveSecret('file:empty', sources())).toThrow(/is empty/)
    try {
      resolveSecret('plain-password', sources())
    } catch (error) {
      expect((error as SecretError).code).toBe('COPIER_SECRET')
      expect((error as SecretError).ref).not.toContain('plain-password')
      expect((error as Error).message).not.toContain('plain-password')
    }
    expect.assertions(6)
  })

  it('resolveSecrets reports every unreadable reference at once, each with its config field and why', () => {
    writeFileSync(join(dir, 'pw'), 'from-file', { mode: 0o600 })
    const fields = (refs: string[]) => refs.map((ref, i) => ({ field: `targets.${i}.password`, ref }))
    expect(resolveSecrets(fields(['env:PW', 'file:pw']), sources())).toEqual(['s3cret', 'from-file'])
    const one = thrown(() => resolveSecrets(fields(['env:PW', 'file:nope']), sources()), SecretError)
    expect(one.message).toBe(
      `targets.1.password: password reference file:nope: cannot read ${join(dir, 'nope')}: no such file`,
    )
    const all = thrown(
      () => resolveSecrets(fields(['env:NOPE', 'env:PW', 'file:nope']), sources()),
      SecretError,
    )
    expect(all.code).toBe('COPIER_SECRET')
    expect(all.message.split('\n')).toEqual([
      '2 password references cannot be read:',
      '  targets.0.password: password reference env:NOPE: environment variable NOPE is not set',
      `  targets.2.password: password reference file:nope: cannot read ${join(dir, 'nope')}: no such file`,
    ])
    expect(all.ref).toBe('env:NOPE, file:nope')
  })
})

describe('state config (issue #14)', () => {
  it('defaults to SQLite, a lease of 15 s, durable commits', () => {
    expect(parseConfig(minimal).state).toEqual({
      path: 'copier.db',
      leaseSeconds: 15,
      synchronousCommit: true,
      historyDays: 30,
    })
    expect(
      parseConfig({ ...minimal, state: { url: 'postgres://c@db/c', synchronousCommit: false } }).state,
    ).toMatchObject({
      synchronousCommit: false,
    })
  })

  it('takes `state: postgres://…` as the URL, and the object form with a password reference', () => {
    expect(parseConfig({ ...minimal, state: 'postgres://copier@db:5432/copier' }).state).toMatchObject({
      url: 'postgres://copier@db:5432/copier',
      leaseSeconds: 15,
    })
    const state = { url: 'env:COPIER_DB_URL', password: 'file:/run/secrets/pg', leaseSeconds: 5 }
    expect(parseConfig({ ...minimal, state }).state).toMatchObject(state)
  })

  it('refuses a password inside the URL without echoing it, and other schemes', () => {
    const issues = issuesOf({ ...minimal, state: 'postgres://copier:hunter2secret@db/copier' })
    expect(issues).toEqual([
      { path: 'state.url', message: expect.stringMatching(/must not hold a password/) },
    ])
    expect(JSON.stringify(issues)).not.toContain('hunter2secret')
    expect(issuesOf({ ...minimal, state: { url: 'mysql://db/x' } })[0]?.message).toMatch(/postgres:\/\//)
    expect(issuesOf({ ...minimal, state: { url: 'postgres://db/x', leaseSeconds: 1 } })[0]).toMatchObject({
      path: 'state.leaseSeconds',
    })
    expect(issuesOf({ ...minimal, state: { url: 'postgres://db/x', password: 'pw' } })[0]).toMatchObject({
      path: 'state.password',
    })
  })

  it('keeps 30 days of history by default; historyDays must be a whole number of at least 1', () => {
    expect(parseConfig({ ...minimal, state: { historyDays: 7 } }).state.historyDays).toBe(7)
    for (const bad of [0, 1.5, -3, '30', 1e9])
      expect(issuesOf({ ...minimal, state: { historyDays: bad } })).toEqual([
        { path: 'state.historyDays', message: expect.stringContaining(JSON.stringify(bad)) },
      ])
  })
})
