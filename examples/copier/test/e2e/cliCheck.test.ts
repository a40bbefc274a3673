/**
 * The CLI with accounts that cannot be used. `check`: each problem once, with why (the last status
 * of the account: connection refused, login refused), and the symbols of a target that is not
 * synced shown as unknown rather than missing. `once` with the source down: says so, after one wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedPort } from '../../../../test/e2e/cli/_spawnCli.js'
import { EXIT } from '../../src/cli/program.js'
import { runCliHere } from '../helpers/cli.js'
import { configInput, placeSource, type SimEnv, secretsEnv, startSim, T, writeConfig } from './_env.js'

/** Runs the CLI in this process; `syncTimeoutMs`: how long it waits for the accounts to sync. */
const cli = (args: string[], syncTimeoutMs: number) =>
  runCliHere(args, { env: { ...secretsEnv, WRONG_PW: 'not-the-password' }, copierOptions: { syncTimeoutMs } })

describe('copier e2e: the CLI with accounts that cannot be used', () => {
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
    const { code, stdout } = await cli(['check', '-c', config], 3000)
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

  it('once with the source down says that nothing was decided, after one wait for the accounts', async () => {
    const input = configInput(env)
    const config = writeConfig(
      env,
      { ...input, source: { ...input.source, server: `ws://127.0.0.1:${await closedPort()}/` } },
      'sourceDown.yaml',
    )
    const started = Date.now()
    const r = await cli(['once', '-c', config], 3000)
    // it waited twice (6 s) before saying only that the targets were skipped
    expect(Date.now() - started).toBeLessThan(5500)
    expect(r.code).toBe(EXIT.notInSync)
    expect(r.stderr).toMatch(
      /reconcile: not in sync \(the source is not synced: nothing decided\), 0 actions/,
    )
    expect(r.stdout).toBe('not in sync: 0 changes, 0 problems; the source is not synced\n')
  })
})
