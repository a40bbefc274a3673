/**
 * `mt5web-copier check` with accounts that cannot be used: each problem once, with why (the last
 * status of the account: connection refused, login refused), and the symbols of a target that is
 * not synced shown as unknown rather than missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedPort } from '../../../../test/e2e/cli/_spawnCli.js'
import { EXIT, runCli } from '../../src/cli/program.js'
import { configInput, placeSource, type SimEnv, secretsEnv, startSim, T, writeConfig } from './_env.js'

describe('copier e2e: check with accounts that cannot be used', () => {
  let env: SimEnv
  beforeAll(async () => {
    env = await startSim()
  })
  afterAll(async () => {
    await env.close()
  })

  it('names each account problem once, with why; a target down has its symbols unknown', async () => {
    placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.1, price: 1.07 })
    const config = writeConfig(
      env,
      configInput(env, {
        coarse: { server: `ws://127.0.0.1:${await closedPort()}/` },
        limits: { password: 'env:WRONG_PW' },
      }),
      'check.yaml',
    )
    let stdout = ''
    const code = await runCli(['check', '-c', config], {
      stdout: (t) => {
        stdout += t
      },
      stderr: () => undefined,
      env: { ...secretsEnv, WRONG_PW: 'not-the-password' },
      cwd: env.dir,
      stopSignal: () => new Promise(() => {}),
      copierOptions: { syncTimeoutMs: 3000 },
    })
    expect(code).toBe(EXIT.notInSync)
    expect(stdout).toMatch(/suffix\s+EURUSD\s+EURUSD\.m\n/)
    expect(stdout).toMatch(/coarse\s+EURUSD\s+unknown \(coarse is down\)\n/)
    const problems = stdout.slice(stdout.indexOf('problems:\n')).trim().split('\n').slice(1)
    expect(problems).toHaveLength(2)
    expect(problems.find((p) => p.startsWith('  - coarse: '))).toMatch(
      /^ {2}- coarse: down: first connection failed: /,
    )
    expect(problems.find((p) => p.startsWith('  - limits: '))).toMatch(
      /^ {2}- limits: failed: gave up, not retried: login failed: invalid account or password/,
    )
    expect(stdout).not.toContain('not-the-password')
  })
})
