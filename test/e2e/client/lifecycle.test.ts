import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBaseClient } from '../../../src/client/createBaseClient.js'
import type { BaseClient, ClientOptions, Logger } from '../../../src/client/types.js'
import { Mt5Error, ServerError, SessionError } from '../../../src/errors.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'

const LOGIN = 10001
const PASSWORD = 'Demo1234'

interface LogEntry {
  level: string
  obj: unknown
  msg: string | undefined
}

function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = []
  const at =
    (level: string) =>
    (obj: unknown, msg?: string): void => {
      entries.push({ level, obj, msg })
    }
  return {
    entries,
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  }
}

async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

let sim: SimServer
const clients: BaseClient[] = []

function client(overrides: Partial<ClientOptions> = {}): BaseClient {
  const c = createBaseClient({
    server: sim.url(),
    login: LOGIN,
    password: PASSWORD,
    reconnect: { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 5 },
    ...overrides,
  })
  clients.push(c)
  return c
}

beforeEach(async () => {
  sim = await createSimServer({ port: 0 })
})

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await sim.close()
})

describe('client lifecycle against the simulator', () => {
  it('connects, logs in and reports status, server build and health', async () => {
    const c = client()
    const statuses: string[] = []
    c.on('status', (s) => statuses.push(s))
    let connected = 0
    c.on('connect', () => connected++)
    await c.connect()
    expect(c.status).toBe('loggedIn')
    expect(statuses).toEqual(['connecting', 'connected', 'loggedIn'])
    expect(connected).toBe(1)
    expect(c.serverBuild).toBe(5687)
    const body = await c.request(3)
    expect(body.length).toBeGreaterThan(816)
    const h = c.health()
    expect(h.status).toBe('loggedIn')
    expect(h.reconnectCount).toBe(0)
    expect(h.connectedSinceMs).not.toBeNull()
    expect(h.lastMessageAgeMs).not.toBeNull()
    expect(sim.control.connections().some((x) => x.login === LOGIN && x.phase === 'loggedIn')).toBe(true)
  })

  it('rejects a wrong password with ServerError code 3, without the password anywhere', async () => {
    const logger = recordingLogger()
    const secret = 'Wrong-Secret-42'
    const c = client({ password: secret, logger })
    const error = await c.connect().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ServerError)
    expect((error as ServerError).responseCode).toBe(3)
    expect((error as ServerError).command).toBe(28)
    expect((error as Error).message).toMatch(/invalid account or password/)
    expect(c.status).toBe('disconnected')
    const everything =
      inspect(error, { depth: 10 }) + JSON.stringify(logger.entries) + inspect(c, { depth: 10 })
    expect(everything).not.toContain(secret)
  })

  it('keeps credentials out of util.inspect, options and logs', async () => {
    const logger = recordingLogger()
    const c = client({ logger })
    await c.connect()
    expect(inspect(c, { depth: 10, showHidden: true })).not.toContain(PASSWORD)
    expect(JSON.stringify(c.options)).not.toContain(PASSWORD)
    expect('password' in c.options).toBe(false)
    expect(JSON.stringify(logger.entries)).not.toContain(PASSWORD)
    expect(inspect(c)).toContain('loggedIn')
  })

  it('logout closes the socket without reconnect; login() logs in again', async () => {
    const c = client()
    await c.connect()
    const disconnects: boolean[] = []
    c.on('disconnect', (info) => disconnects.push(info.expected))
    let reconnecting = 0
    c.on('reconnecting', () => reconnecting++)
    await c.logout()
    expect(c.status).toBe('disconnected')
    expect(disconnects).toEqual([true])
    await expect(c.request(3)).rejects.toBeInstanceOf(SessionError)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(reconnecting).toBe(0)
    await c.login()
    expect(c.status).toBe('loggedIn')
    expect((await c.request(3)).length).toBeGreaterThan(816)
  })

  it('close() rejects pending requests and stops everything; asyncDispose closes', async () => {
    const c = client()
    await c.connect()
    sim.control.faults.silence(true)
    const pending = c.request(3, undefined, { timeoutMs: 10_000 }).then(
      () => undefined,
      (e: unknown) => e,
    )
    await c.close()
    expect(await pending).toBeInstanceOf(Mt5Error)
    expect(c.status).toBe('closed')

    let disposed: BaseClient | undefined
    {
      await using d = client()
      disposed = d
      await d.connect()
      expect(d.status).toBe('loggedIn')
    }
    expect(disposed.status).toBe('closed')
  })

  it('heartbeat keeps an idle session alive', async () => {
    const c = client({ heartbeatIntervalMs: 40, heartbeatTimeoutMs: 200 })
    await c.connect()
    const info = () => sim.control.connections().find((x) => x.login === LOGIN)
    const before = info()?.framesIn ?? 0
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(c.status).toBe('loggedIn')
    expect((info()?.framesIn ?? 0) - before).toBeGreaterThanOrEqual(4)
    expect(c.health().pingLatencyMs).not.toBeNull()
    expect(c.health().reconnectCount).toBe(0)
  })

  it('reconnects after the simulator drops the socket, re-runs afterLogin, no duplicate listeners', async () => {
    const c = client()
    await c.connect()
    let hooks = 0
    c.state.afterLogin.push(async () => {
      hooks++
    })
    let frames = 0
    c.onFrame(15, () => frames++)
    const events: string[] = []
    c.on('disconnect', (info) => events.push(`disconnect:${info.expected}`))
    c.on('reconnecting', (info) => events.push(`reconnecting:${info.attempt}`))
    c.on('reconnect', (info) => events.push(`reconnect:${info.attempt}`))

    for (let round = 1; round <= 2; round++) {
      expect(sim.control.faults.drop({ login: LOGIN })).toBe(1)
      await waitFor(() => events.filter((e) => e.startsWith('reconnect:')).length === round)
      expect(c.status).toBe('loggedIn')
    }
    expect(hooks).toBe(2)
    expect(events.slice(0, 3)).toEqual(['disconnect:false', 'reconnecting:1', 'reconnect:1'])
    expect(c.health().reconnectCount).toBe(2)
    expect((await c.request(3)).length).toBeGreaterThan(816)
    // One listener per frame after two reconnects.
    const before = frames
    sim.control.faults.forcedLogout(0, { login: LOGIN })
    await waitFor(() => frames > before)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(frames - before).toBe(1)
  })

  it('closes a silent connection through the heartbeat and reconnects', async () => {
    const c = client({ heartbeatIntervalMs: 30, heartbeatTimeoutMs: 120 })
    await c.connect()
    const disconnected = new Promise((resolve) => c.once('disconnect', resolve))
    sim.control.faults.silence(true, { login: LOGIN })
    await disconnected
    sim.control.faults.clear()
    await waitFor(() => c.status === 'loggedIn' && c.health().reconnectCount === 1)
  })

  it('times out a request when the simulator stops answering', async () => {
    const c = client()
    await c.connect()
    sim.control.faults.silence(true)
    await expect(c.request(3, undefined, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'MT5_TIMEOUT' })
    expect(c.status).toBe('loggedIn')
    sim.control.faults.clear()
  })

  it('reports a throwing listener through the error event and keeps the connection', async () => {
    const logger = recordingLogger()
    const c = client({ logger })
    await c.connect()
    const errors: Error[] = []
    c.on('error', (e) => errors.push(e))
    c.onFrame(15, () => {
      throw new Error('frame listener boom')
    })
    c.on('status', () => {
      throw new Error('event listener boom')
    })
    sim.control.faults.forcedLogout(0, { login: LOGIN })
    await waitFor(() => errors.some((e) => e.message === 'frame listener boom'))
    // An error listener that throws is logged, never thrown.
    c.on('error', () => {
      throw new Error('error listener boom')
    })
    await c.logout()
    expect(errors.some((e) => e.message === 'event listener boom')).toBe(true)
    expect(JSON.stringify(logger.entries)).toContain('error listener boom')
    await c.login()
    expect(c.status).toBe('loggedIn')
  })

  it('cancels a reconnect loop on close()', async () => {
    const c = client({ reconnect: { baseDelayMs: 200, maxDelayMs: 200, maxAttempts: 50 } })
    await c.connect()
    const reconnecting = new Promise((resolve) => c.once('reconnecting', resolve))
    sim.control.faults.drop({ login: LOGIN })
    await reconnecting
    await c.close()
    expect(c.status).toBe('closed')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(c.status).toBe('closed')
    expect(sim.control.connections().filter((x) => x.login === LOGIN)).toHaveLength(0)
  })

  it('emits healthDegraded when the ping latency passes the threshold', async () => {
    const c = client({ heartbeatIntervalMs: 30, heartbeatTimeoutMs: 2_000, health: { maxPingLatencyMs: 20 } })
    await c.connect()
    const degraded = new Promise<unknown>((resolve) => c.once('healthDegraded', resolve))
    sim.control.faults.delay(60, { login: LOGIN })
    const report = (await degraded) as { pingLatencyMs: number }
    expect(report.pingLatencyMs).toBeGreaterThan(20)
    sim.control.faults.clear()
  })
})
