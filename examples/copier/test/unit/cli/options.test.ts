/**
 * The CLI's command line as a new operator meets it: an option of another command is refused (it
 * was ignored: `run --dry-run` traded for real), and a first run without a config says how to get one.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT } from '../../../src/cli/program.js'
import { runCliHere } from '../../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'copier-cli-options-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const run = (args: string[]) => runCliHere(args, { cwd: dir })

describe('mt5web-copier options', () => {
  it.each([
    [['run', '--dry-run'], '--dry-run applies to "once" only, not to "run"'],
    [['check', '--dry-run'], '--dry-run applies to "once" only, not to "check"'],
    [['once', '--limit=5'], '--limit applies to "status" only, not to "once"'],
    [['once', '--force'], '--force applies to "init" only, not to "once"'],
    [['status', '--http', '127.0.0.1:0'], '--http applies to "run" only, not to "status"'],
  ])('%j is a usage error naming the option and the command', async (args, message) => {
    const r = await run(args)
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toContain(`mt5web-copier: ${message}\n`)
  })

  it('a missing config says why and how to write one', async () => {
    const r = await run(['check'])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toContain(`cannot read ${join(dir, 'copier.yaml')}: no such file\n`)
    expect(r.stderr).toContain('write an example with: mt5web-copier init\n')
    const named = await run(['once', '-c', 'prod.yaml'])
    expect(named.stderr).toContain('write an example with: mt5web-copier init -c prod.yaml\n')
  })
})
