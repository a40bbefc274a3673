/**
 * `createPool` end to end against the simulator: accounts at several brokers, one broker down at
 * start, one that hangs, a wrong password, accounts added and removed while running, broadcast
 * tick subscriptions across a reconnect.
 */
import { describe, expect, it } from 'vitest'
import type { Tick } from '../../../src/model/types.js'
import { createPool } from '../../../src/pool/createPool.js'
import type { Pool, PoolAccount, PoolAccountStatus } from '../../../src/pool/types.js'
import { FAST, freePort, silentServer, threeBrokers, until, usePoolHarness } from './_brokers.js'

const h = usePoolHarness()

function statuses(pool: Pool): Record<string, PoolAccountStatus> {
  return Object.fromEntries(pool.health().map((a) => [a.key, a.status]))
}

describe('createPool: connect', () => {
  it('connects accounts at several brokers; the same login at two brokers is told apart by key', async () => {
    const pool = h.pool([
      h.account(10001),
      h.account(10001, h.sim.url('ProBroker'), { key: 'pro-10001' }),
      h.account(70001, h.sim.url('ProBroker')),
      h.account(80001, h.sim.url('EcnBroker')),
    ])
    const report = await pool.connect()
    expect(report).toEqual([
      { key: '10001', status: 'connected' },
      { key: 'pro-10001', status: 'connected' },
      { key: '70001', status: 'connected' },
      { key: '80001', status: 'connected' },
    ])
    expect(pool.get(10001)?.key).toBe('10001')
    expect(pool.get('pro-10001')?.server).toBe(h.sim.url('ProBroker'))
    expect(pool.get(70001n)?.client.status).toBe('loggedIn')
    expect(pool.get(99999)).toBeUndefined()
    expect(
      h.sim.control
        .broker('ProBroker')
        .connections()
        .map((c) => c.login),
    ).toEqual(expect.arrayContaining([10001, 70001]))
    const health = pool.health()
    expect(health).toHaveLength(4)
    for (const report of health) {
      expect(report).toMatchObject({ status: 'connected', reconnects: 0 })
      expect(report.gaveUp).toBeUndefined()
    }
  })

  it('rejects a duplicate key with a ValidationError naming it', () => {
    expect(() =>
      createPool({
        accounts: [h.account(10001), h.account(10001, h.sim.url('ProBroker'))],
      }),
    ).toThrow(expect.objectContaining({ code: 'MT5_VALIDATION', field: 'accounts[1].key', value: '10001' }))
    expect(() => createPool({ concurrency: 0 })).toThrow(
      expect.objectContaining({ code: 'MT5_VALIDATION', field: 'concurrency', value: 0 }),
    )
    expect(() => createPool({ accounts: [h.account(1, 'http://x')] })).toThrow(
      expect.objectContaining({ code: 'MT5_VALIDATION', field: 'accounts[0].server' }),
    )
  })

  it('a wrong password gives up at once (no retry), the others connect', async () => {
    const pool = h.pool([h.account(10001), { server: h.sim.url(), login: 10002, password: 'Wrong-pass1' }])
    const gaveUp: Array<[PoolAccount, Error]> = []
    pool.on('accountGaveUp', (account, error) => gaveUp.push([account, error]))
    const report = await pool.connect()
    expect(report[0]).toEqual({ key: '10001', status: 'connected' })
    expect(report[1]).toMatchObject({ key: '10002', status: 'failed', error: { code: 'MT5_SERVER' } })
    expect(gaveUp.map(([a]) => a.key)).toEqual(['10002'])
    const failed = pool.health().find((a) => a.key === '10002')
    expect(failed?.gaveUp).toMatchObject({
      code: 'MT5_SERVER',
      message: expect.stringContaining('invalid account'),
    })
    expect(JSON.stringify(pool.health())).not.toContain('Wrong-pass1')
    // No retry: still exactly one refused login after several backoff periods.
    await new Promise((r) => setTimeout(r, 200))
    expect(pool.get(10002)?.status).toBe('failed')
    expect(h.sim.control.connections().filter((c) => c.login === 10002)).toHaveLength(0)
  })

  it('a broker down at start is retried on its own and joins when it comes up', async () => {
    const port = await freePort()
    const pool = h.pool([h.account(10001), h.account(10002, `ws://127.0.0.1:${port}/`)])
    const report = await pool.connect()
    expect(report[0]).toEqual({ key: '10001', status: 'connected' })
    expect(report[1]).toMatchObject({
      key: '10002',
      status: 'reconnecting',
      error: { code: 'MT5_CONNECTION' },
    })
    expect(statuses(pool)).toEqual({ '10001': 'connected', '10002': 'reconnecting' })
    const late = await threeBrokers(port)
    h.defer(() => late.close())
    await until(() => pool.get(10002)?.status === 'connected', 5_000)
    expect(late.control.connections().map((c) => c.login)).toEqual([10002])
  })

  it('a broker that hangs does not hold up the others (bounded concurrency)', async () => {
    const slow = await silentServer()
    h.defer(() => slow.close())
    const order: string[] = []
    const pool = h.pool(
      [
        h.account(10001, slow.url, { key: 'slow' }),
        h.account(10001),
        h.account(10002),
        h.account(70001, h.sim.url('ProBroker')),
        h.account(80001, h.sim.url('EcnBroker')),
      ],
      { concurrency: 2, clientOptions: { connectTimeoutMs: 1_500 } },
    )
    pool.on('accountStatus', (account, status) => order.push(`${account.key}:${status}`))
    const report = await pool.connect()
    expect(report[0]).toMatchObject({ key: 'slow', status: 'reconnecting' })
    expect(report.slice(1).map((r) => r.status)).toEqual(['connected', 'connected', 'connected', 'connected'])
    // Every other account logged in while the slow one's first attempt was still pending.
    const slowGaveUpAt = order.indexOf('slow:reconnecting')
    for (const key of ['10001', '10002', '70001', '80001']) {
      expect(order.indexOf(`${key}:connected`)).toBeLessThan(slowGaveUpAt)
    }
  })
})

describe('createPool: running', () => {
  it('adds and removes accounts while running; remove logs out; close logs every account out', async () => {
    const pool = h.pool([h.account(10001)])
    expect(await pool.add(h.account(10002))).toEqual({
      key: '10002',
      status: 'idle',
    })
    await pool.connect()
    expect(await pool.add(h.account(80001, h.sim.url('EcnBroker')))).toEqual({
      key: '80001',
      status: 'connected',
    })
    await expect(pool.add(h.account(80001))).rejects.toMatchObject({
      code: 'MT5_VALIDATION',
      value: '80001',
    })
    const removed = pool.get(10002)
    expect(await pool.remove('10002')).toBe(true)
    expect(await pool.remove('10002')).toBe(false)
    expect(removed?.status).toBe('closed')
    expect(pool.get(10002)).toBeUndefined()
    await until(() => !h.sim.control.connections().some((c) => c.login === 10002))
    expect(h.sim.control.connections().map((c) => c.login)).toEqual([10001])
    await pool.close()
    expect(pool.health().map((a) => a.status)).toEqual(['closed', 'closed'])
    await until(() => h.sim.control.connections().length === 0)
    await until(() => h.sim.control.broker('EcnBroker').connections().length === 0)
    await expect(pool.add(h.account(10002))).rejects.toMatchObject({
      code: 'MT5_SESSION',
    })
  })

  it('await using closes the pool', async () => {
    let account: PoolAccount | undefined
    {
      await using pool = createPool({
        clientOptions: FAST,
        accounts: [h.account(10001)],
      })
      await pool.connect()
      account = pool.get(10001)
      expect(account?.status).toBe('connected')
    }
    expect(account?.status).toBe('closed')
    await until(() => h.sim.control.connections().length === 0)
  })
})

describe('createPool: broadcast tick subscriptions', () => {
  it('resolves names per account, re-emits ticks tagged with the account, restores after one reconnect', async () => {
    const pool = h.pool([h.account(10001), h.account(70001, h.sim.url('ProBroker'))])
    await pool.connect()
    const ticks: Array<[string, Tick]> = []
    pool.on('tick', (account, tick) => ticks.push([account.key, tick]))
    const sub = await pool.subscribeTicks(['EURUSD', 'EURUSD.pro'])
    expect(sub.accounts).toEqual(
      new Map([
        ['10001', { subscribed: ['EURUSD'], missing: ['EURUSD.pro'] }],
        ['70001', { subscribed: ['EURUSD.pro'], missing: ['EURUSD'] }],
      ]),
    )
    const pro = h.sim.control.broker('ProBroker')
    h.sim.control.setPrice('EURUSD', 1.1, 1.1001)
    pro.setPrice('EURUSD.pro', 1.2, 1.2001)
    await until(() => ticks.some(([k, t]) => k === '10001' && t.bid === 1.1))
    await until(() => ticks.some(([k, t]) => k === '70001' && t.bid === 1.2))
    expect(new Set(ticks.map(([k, t]) => `${k}:${t.symbol}`))).toEqual(
      new Set(['10001:EURUSD', '70001:EURUSD.pro']),
    )

    // Drop only 10001: it reconnects on its own while 70001 keeps streaming.
    const reconnected = new Promise<PoolAccount>((resolve) =>
      pool.once('reconnect', (account) => resolve(account)),
    )
    ticks.length = 0
    expect(h.sim.control.faults.drop({ login: 10001 })).toBe(1)
    pro.setPrice('EURUSD.pro', 1.21, 1.2101)
    await until(() => ticks.some(([k, t]) => k === '70001' && t.bid === 1.21))
    expect((await reconnected).key).toBe('10001')
    expect(pool.health().find((a) => a.key === '10001')?.reconnects).toBe(1)
    await until(() =>
      h.sim.control.connections().some((c) => c.login === 10001 && c.tickSubscriptions.length === 1),
    )
    h.sim.control.setPrice('EURUSD', 1.11, 1.1101)
    await until(() => ticks.some(([k, t]) => k === '10001' && t.bid === 1.11))

    await sub.unsubscribe()
    await until(() => h.sim.control.connections().every((c) => c.tickSubscriptions.length === 0))
    await until(() => pro.connections().every((c) => c.tickSubscriptions.length === 0))
  })

  it('applies a broadcast to accounts added later and to accounts that log in late', async () => {
    const port = await freePort()
    const pool = h.pool([h.account(10001), h.account(80001, `ws://127.0.0.1:${port}/EcnBroker`)])
    await pool.connect()
    const sub = await pool.subscribeTicks(['EURUSD', 'EURUSDm'])
    expect(sub.accounts.get('10001')).toEqual({ subscribed: ['EURUSD'], missing: ['EURUSDm'] })
    expect(sub.accounts.get('80001')).toMatchObject({ subscribed: [], error: { code: 'MT5_SESSION' } })

    await pool.add(h.account(70001, h.sim.url('ProBroker')))
    const ticks: Array<[string, string]> = []
    pool.on('tick', (account, tick) => ticks.push([account.key, tick.symbol]))
    // Nothing of the broadcast exists at ProBroker: subscribed to nothing, nothing sent.
    expect(h.sim.control.broker('ProBroker').connections()[0]?.tickSubscriptions).toEqual([])

    const late = await threeBrokers(port)
    h.defer(() => late.close())
    await until(
      () => late.control.broker('EcnBroker').connections()[0]?.tickSubscriptions.length === 1,
      5_000,
    )
    late.control.broker('EcnBroker').setPrice('EURUSDm', 1.09, 1.0901)
    await until(() => ticks.some(([k, s]) => k === '80001' && s === 'EURUSDm'))
    await sub.unsubscribe()
    await until(() => late.control.broker('EcnBroker').connections()[0]?.tickSubscriptions.length === 0)
  })

  it('an account that does not answer is reported as a timeout without holding up the others', async () => {
    const pool = h.pool([
      h.account(10001, h.sim.url(), { timeoutMs: 300 }),
      h.account(70001, h.sim.url('ProBroker')),
    ])
    await pool.connect()
    // Both symbol lists are loaded: the next broadcast only needs cmd 7, which 10001 never gets answered.
    await pool.subscribeTicks(['GBPUSD', 'GBPUSD.pro'])
    expect(h.sim.control.faults.silence(true, { login: 10001 })).toBe(1)
    const started = Date.now()
    const sub = await pool.subscribeTicks(['EURUSD', 'EURUSD.pro'])
    expect(Date.now() - started).toBeLessThan(4_000)
    expect(sub.accounts.get('10001')).toMatchObject({ subscribed: [], error: { code: 'MT5_TIMEOUT' } })
    expect(sub.accounts.get('70001')).toEqual({ subscribed: ['EURUSD.pro'], missing: ['EURUSD'] })
  })

  it('rejects a bad symbol list with a ValidationError', async () => {
    const pool = h.pool([])
    await expect(pool.subscribeTicks(['EURUSD', ''])).rejects.toMatchObject({
      code: 'MT5_VALIDATION',
      field: 'symbols',
    })
  })
})
