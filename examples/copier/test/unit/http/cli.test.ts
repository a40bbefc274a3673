/** `mt5web-copier run --http`: a bad address stops the command before anything connects. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT, runCli } from '../../../src/cli/program.js'

const dir = mkdtempSync(join(tmpdir(), 'copier-http-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const config = join(dir, 'copier.yaml')
// port 9 (discard) on loopback: nothing is reached before the status server is refused
writeFileSync(
  config,
  JSON.stringify({
    source: { server: 'ws://127.0.0.1:9', login: 1, password: 'env:PW' },
    targets: [{ id: 't', server: 'ws://127.0.0.1:9', login: 2, password: 'env:PW' }],
  }),
)

async function run(args: string[]) {
  let stderr = ''
  const code = await runCli(['run', '--config', config, ...args], {
    stdout: () => {},
    stderr: (t) => {
      stderr += t
    },
    env: { PW: 'x' },
    cwd: dir,
    stopSignal: () => new Promise(() => {}),
  })
  return { code, stderr }
}

describe('run --http', () => {
  it('rejects an address that is not HOST:PORT, naming it (exit 2)', async () => {
    const r = await run(['--http', 'localhost'])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toMatch(/http listen must be HOST:PORT .*"localhost"/)
  })

  it('stops with exit 2 when the address cannot be bound, after warning that it has no token', async () => {
    const r = await run(['--http', '192.0.2.1:0'])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toMatch(
      /warning: the status page on 192\.0\.2\.1 is not on a loopback address and has no token/,
    )
    expect(r.stderr).toMatch(/cannot listen on 192\.0\.2\.1:0/)
  })
})
