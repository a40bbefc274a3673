/** `mt5web-copier status` on a PostgreSQL state: the fleet's instances and leases, no password. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/cli/program.js'
import { createFleet } from '../../../src/fleet/fleet.js'
import { openPostgresStore } from '../../../src/state/postgres.js'
import { pgDatabasePerTest, pgPerFile } from '../../helpers/postgres.js'

const database = pgDatabasePerTest(pgPerFile())
let dir = ''
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('status of a fleet', { timeout: 30_000 }, () => {
  it('lists instances with their heartbeats and every lease, the URL without its password', async () => {
    const store = openPostgresStore({ connectionString: database() })
    const fleet = createFleet({
      pool: store.heartbeatPool(),
      instance: 'pod-a:1:x',
      targets: ['t1', 't2'],
      leaseSeconds: 30,
      share: 'fair',
      onAcquired: () => undefined,
      onLost: () => undefined,
      drain: async () => undefined,
      onError: (e) => {
        throw e
      },
    })
    await store.ready()
    await fleet.tick()
    store.setFence({ instance: 'pod-a:1:x' })
    await store.commit({ links: [{ target: 't1', sourceTicket: 7n, copyTicket: 8n, status: 'active' }] })
    dir = mkdtempSync(join(tmpdir(), 'copier-status-'))
    const config = join(dir, 'copier.yaml')
    const account = { server: 'wss://broker.test/terminal', password: 'env:PW' }
    writeFileSync(
      config,
      JSON.stringify({
        source: { ...account, login: 1 },
        targets: [
          { ...account, id: 't1', login: 2 },
          { ...account, id: 't2', login: 3 },
        ],
        state: { url: database(), password: 'env:PGPW' },
      }),
    )
    let stdout = ''
    let stderr = ''
    const code = await runCli(['status', '-c', config], {
      stdout: (t) => {
        stdout += t
      },
      stderr: (t) => {
        stderr += t
      },
      env: { PGPW: 'very-secret-pg-password' },
      cwd: dir,
      stopSignal: () => new Promise(() => {}),
    })
    await fleet.close()
    await store.close()
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/fleet instances \(1 live of 1\)/)
    expect(stdout).toMatch(/pod-a:1:x\s+\S+\s+\d+\s+yes\s+[\d.]+s\s+2/)
    expect(stdout).toMatch(/t1\s+pod-a:1:x\s+1\s+[\d.]+s/)
    expect(stdout).toMatch(/#7\s+#8\s+active/)
    expect(stdout + stderr).not.toContain('very-secret-pg-password')
  })
})
