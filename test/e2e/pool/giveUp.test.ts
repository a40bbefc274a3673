/**
 * When a pool account stops retrying (and when it must not), and the bound on simultaneous
 * connection attempts, against the simulator and a broker that hangs.
 */
import { describe, expect, it } from 'vitest'
import type { Mt5Error } from '../../../src/errors.js'
import type { Pool, PoolAccount } from '../../../src/pool/types.js'
import { freePort, PASSWORD, silentServer, until, usePoolHarness } from './_brokers.js'

const h = usePoolHarness()

function gaveUpEvents(pool: Pool): Array<[string, Mt5Error]> {
  const seen: Array<[string, Mt5Error]> = []
  pool.on('accountGaveUp', (account, error) => seen.push([account.key, error]))
  return seen
}

describe('pool accounts give up only when retrying cannot help', () => {
  it('a password changed while connected: the re-login is refused once, then the account gives up', async () => {
    const pool = h.pool([h.account(10001), h.account(10002)])
    await pool.connect()
    const gaveUp = gaveUpEvents(pool)
    h.sim.control.setPassword(10001, 'Changed-pass9')
    expect(h.sim.control.faults.drop({ login: 10001 })).toBe(1)
    await until(() => gaveUp.length === 1, 5_000)
    expect(gaveUp[0]?.[0]).toBe('10001')
    expect(gaveUp[0]?.[1]).toMatchObject({ code: 'MT5_SERVER', responseCode: 3 })
    expect(pool.health().find((a) => a.key === '10001')).toMatchObject({
      status: 'failed',
      gaveUp: { code: 'MT5_SERVER' },
    })
    // No further login attempt after the refusal; the other account is untouched.
    const before = h.sim.control.connections().length
    await new Promise((r) => setTimeout(r, 200))
    expect(h.sim.control.connections().length).toBe(before)
    expect(pool.get(10002)?.status).toBe('connected')
  })

  it('a finite retry policy that runs out gives up with the last error as cause', async () => {
    const port = await freePort()
    const pool = h.pool([h.account(10001, `ws://127.0.0.1:${port}/`)], {
      clientOptions: { reconnect: { baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 2 } },
    })
    const gaveUp = gaveUpEvents(pool)
    const [first] = await pool.connect()
    expect(first).toMatchObject({ status: 'reconnecting', error: { code: 'MT5_CONNECTION' } })
    await until(() => gaveUp.length === 1, 5_000)
    expect(gaveUp[0]?.[1].message).toContain('no connection after 2 retries')
    expect(gaveUp[0]?.[1].cause).toBeInstanceOf(Error)
    expect(pool.get(10001)?.status).toBe('failed')
  })

  it('reconnect: false gives up on the first failure and after a drop', async () => {
    const port = await freePort()
    const pool = h.pool([h.account(10001, `ws://127.0.0.1:${port}/`), h.account(10002)], {
      clientOptions: { reconnect: false },
    })
    const gaveUp = gaveUpEvents(pool)
    const report = await pool.connect()
    expect(report.map((r) => r.status)).toEqual(['failed', 'connected'])
    h.sim.control.faults.drop({ login: 10002 })
    await until(() => gaveUp.length === 2)
    expect(gaveUp.map(([key, error]) => [key, error.code])).toEqual([
      ['10001', 'MT5_CONNECTION'],
      ['10002', 'MT5_CONNECTION'],
    ])
  })

  it('a slow broker retries forever by default (never "failed")', async () => {
    const slow = await silentServer()
    h.defer(() => slow.close())
    const pool = h.pool([h.account(10001, slow.url)], { clientOptions: { connectTimeoutMs: 100 } })
    const attempts: PoolAccount[] = []
    pool.on('status', (account, status) => {
      if (status === 'connecting') attempts.push(account)
    })
    await pool.connect()
    await until(() => attempts.length >= 3, 5_000)
    expect(pool.get(10001)?.status).toBe('reconnecting')
    expect(pool.get(10001)?.gaveUp).toBeUndefined()
  })
})

describe('bounded concurrency', () => {
  it('never runs more connection attempts at once than `concurrency`', async () => {
    const slow = await silentServer()
    h.defer(() => slow.close())
    let active = 0
    let peak = 0
    const pool = h.pool(
      Array.from({ length: 6 }, (_, i) => ({
        key: `slow-${i}`,
        server: slow.url,
        login: 10001,
        password: PASSWORD,
      })),
      // Retries far apart: every attempt seen during connect() is a first one.
      { concurrency: 2, clientOptions: { connectTimeoutMs: 150, reconnect: { baseDelayMs: 10_000 } } },
    )
    pool.on('status', (_account, status) => {
      if (status === 'connecting') peak = Math.max(peak, ++active)
      else if (status === 'disconnected') active -= 1
    })
    const report = await pool.connect()
    expect(report.map((r) => r.status)).toEqual(Array(6).fill('reconnecting'))
    expect(peak).toBe(2)
  })

  it('retries of a hanging broker never hold up an account connecting for the first time', async () => {
    const port = await freePort()
    const pool = h.pool(
      [
        h.account(10001, `ws://127.0.0.1:${port}/`, {
          key: 'down',
          connectTimeoutMs: 10_000,
          reconnect: { baseDelayMs: 1, maxDelayMs: 5 },
        }),
      ],
      { concurrency: 1 },
    )
    const [down] = await pool.connect()
    expect(down).toMatchObject({ key: 'down', status: 'reconnecting' })
    // The broker comes back but hangs: the next retry holds its slot for 10 s.
    const slow = await silentServer(port)
    h.defer(() => slow.close())
    await until(() => slow.connections() > 0, 5_000)
    const started = Date.now()
    expect(await pool.add(h.account(10002))).toEqual({ key: '10002', status: 'connected' })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(pool.get('down')?.status).toBe('reconnecting')
  })

  it('a client logged out or closed directly is idle or closed, not failed', async () => {
    const pool = h.pool([h.account(10001), h.account(10002)])
    await pool.connect()
    const gaveUp = gaveUpEvents(pool)
    await pool.get(10001)?.client.logout()
    await pool.get(10002)?.client.close()
    await until(() => pool.get(10001)?.status === 'idle')
    expect(pool.get(10002)?.status).toBe('closed')
    await pool.get(10001)?.client.login()
    expect(pool.get(10001)?.status).toBe('connected')
    expect(gaveUp).toEqual([])
  })
})
