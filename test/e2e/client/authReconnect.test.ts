/**
 * Re-login after a drop when the credentials are refused, and session secrets after close/logout
 * and a password change (simulator over loopback).
 */
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBaseClient } from '../../../src/client/createBaseClient.js'
import type { Session } from '../../../src/client/session.js'
import type { BaseClient, DisconnectInfo } from '../../../src/client/types.js'
import { accountActions } from '../../../src/decorators/account.js'
import { ServerError } from '../../../src/errors.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { until } from '../../helpers/until.js'

const sessions = vi.hoisted(() => [] as Session[])

vi.mock('../../../src/client/session.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/client/session.js')>()
  return {
    ...original,
    createSession: (...args: Parameters<typeof original.createSession>) => {
      const session = original.createSession(...args)
      sessions.push(session)
      return session
    },
  }
})

const LOGIN = 10001
const PASSWORD = 'Demo1234'

let sim: SimServer
let simLog: string[]
const clients: BaseClient[] = []

function client() {
  const c = createBaseClient({
    server: sim.url(),
    login: LOGIN,
    password: PASSWORD,
    timeoutMs: 5_000,
    reconnect: { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 5 },
  }).extend(accountActions)
  clients.push(c)
  return c
}

function record(c: BaseClient) {
  const seen = { disconnects: [] as DisconnectInfo[], errors: [] as Error[], attempts: 0, reconnects: 0 }
  c.on('disconnect', (info) => seen.disconnects.push(info))
  c.on('error', (error) => seen.errors.push(error))
  c.on('reconnecting', () => seen.attempts++)
  c.on('reconnect', () => seen.reconnects++)
  return seen
}

beforeEach(async () => {
  sessions.length = 0
  simLog = []
  sim = await createSimServer({ port: 0, host: '127.0.0.1', log: (event) => simLog.push(event) })
})

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await sim.close()
})

describe('re-login refused for its credentials', () => {
  it('stops after one refused full login: disconnect + error with the login error, no retries', async () => {
    const c = client()
    await c.connect()
    const seen = record(c)
    sim.control.setPassword(LOGIN, 'Other-pass9')
    simLog.length = 0
    sim.control.faults.drop()
    await until(() => seen.disconnects.length === 2, 5_000)
    expect(c.status).toBe('disconnected')
    expect(seen.attempts).toBe(1)
    expect(seen.reconnects).toBe(0)
    // the resume with the stored token, then the full login with the password: nothing more
    expect(simLog.filter((e) => e === 'login-failed')).toHaveLength(2)
    const last = seen.disconnects[1]!
    expect(last.expected).toBe(false)
    expect(last.error).toBeInstanceOf(ServerError)
    expect((last.error as ServerError).responseCode).toBe(3)
    expect(seen.errors).toHaveLength(1)
    expect(seen.errors[0]).toBe(last.error)
    await expect(c.request(3)).rejects.toThrow()
    // give a retry loop a chance to show itself
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(simLog.filter((e) => e === 'login-failed')).toHaveLength(2)
  })

  it('a refused resume falls back to one full login with the password, which succeeds', async () => {
    const c = client()
    await c.connect()
    const seen = record(c)
    sim.control.revokePasswordTokens(LOGIN)
    sim.control.faults.drop()
    await until(() => seen.reconnects === 1, 5_000)
    expect(c.status).toBe('loggedIn')
    expect(seen.errors).toEqual([])
  })
})

describe('session secrets', () => {
  it('close() and logout() forget the password token and session id', async () => {
    const c = client()
    await c.connect()
    const session = sessions.at(-1)!
    expect(session.canResume).toBe(true)
    await c.logout()
    expect(session.canResume).toBe(false)
    expect(session.bootstrapToken).toBeUndefined()
    await c.login()
    expect(c.status).toBe('loggedIn')
    expect(session.canResume).toBe(true)
    await c.close()
    expect(session.canResume).toBe(false)
    expect(session.bootstrapToken).toBeUndefined()
    const text = inspect(c, { depth: 10, showHidden: true })
    expect(text).not.toContain(PASSWORD)
    expect(inspect(session, { depth: 10, showHidden: true })).toBe('Session { [credentials hidden] }')
  })

  it('after changePassword a re-login uses the new password', async () => {
    const c = client()
    await c.connect()
    const seen = record(c)
    await c.changePassword({ current: PASSWORD, next: 'New-pass12' })
    expect(sim.control.account(LOGIN).config.password).toBe('New-pass12')
    // the server no longer honours old tokens: only a full login with the new password works
    sim.control.revokePasswordTokens(LOGIN)
    sim.control.faults.drop()
    await until(() => seen.reconnects === 1 || seen.disconnects.length === 2, 5_000)
    expect(c.status).toBe('loggedIn')
    expect(seen.errors).toEqual([])
  })
})
