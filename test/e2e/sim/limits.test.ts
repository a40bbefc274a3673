/**
 * One bad peer must not knock the simulator over: connection cap, message size, sockets that never
 * bootstrap or log in, slow readers, wrong-password lockout, password tokens, accounts opened
 * without login. Each limit is set low here so the test is quick; raw sockets play the bad peer.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import {
  decodeOpenAccountResponse,
  encodeAccountOpeningForm,
} from '../../../src/codec/messages/openAccount.js'
import { ValidationError } from '../../../src/errors.js'
import {
  createSimServer,
  DEFAULT_SIM_LIMITS,
  type SimServer,
  type SimServerLimits,
} from '../../../src/sim/index.js'
import { until } from '../../helpers/until.js'
import { init, LOGIN, NETTING_LOGIN, openingForm, PASSWORD, subscribe } from './_helpers.js'
import { connectRaw, loginPayload, loginRaw, sleep } from './_rawClient.js'

const servers: SimServer[] = []
const events: { event: string; data: Record<string, unknown> }[] = []

async function start(limits: Partial<SimServerLimits>): Promise<SimServer> {
  const sim = await createSimServer({
    historyDays: 0,
    limits,
    log: (event, data) => events.push({ event, data }),
  })
  servers.push(sim)
  return sim
}

afterEach(async () => {
  events.length = 0
  for (const s of servers.splice(0)) await s.close()
})

/** Resolves once the ws closes (or errors), false after `ms`. */
function closedWithin(ws: WebSocket, ms: number): Promise<boolean> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    ws.once('close', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

describe('sim limits', () => {
  it('caps open connections: the next upgrade gets 503, a freed slot is usable again', async () => {
    const sim = await start({ maxConnections: 2 })
    const a = await connectRaw(sim.url())
    const b = await connectRaw(sim.url())
    await expect(connectRaw(sim.url())).rejects.toThrow(/503/)
    expect(events.some((e) => e.event === 'connection-limit')).toBe(true)
    a.close()
    await until(() => sim.control.connections().length === 1)
    const c = await connectRaw(sim.url())
    expect((await c.request(51)).code).toBe(0)
    b.close()
    c.close()
  })

  it('closes a socket that sends a message over maxPayloadBytes; others keep working', async () => {
    const sim = await start({ maxPayloadBytes: 1024 })
    const bad = await connectRaw(sim.url())
    const good = await loginRaw(sim.url(), LOGIN, PASSWORD)
    bad.sendRaw(new Uint8Array(4096))
    expect(await bad.closed()).toBe(true)
    expect((await good.request(51)).code).toBe(0)
    good.close()
  })

  it('drops a socket that never bootstraps, and one that bootstraps but never logs in', async () => {
    const sim = await start({ bootstrapTimeoutMs: 100, loginTimeoutMs: 200 })
    const silent = new WebSocket(sim.url())
    silent.on('error', () => {})
    const idle = await connectRaw(sim.url())
    const user = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const preLogin = await connectRaw(sim.url())
    expect((await preLogin.request(29, init())).code).toBe(0)
    expect(await closedWithin(silent, 3000)).toBe(true)
    expect(await idle.closed()).toBe(true)
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['bootstrap-timeout', 'login-timeout']))
    await sleep(250)
    // Logged-in and pre-login (cmd 29) sockets are past the login deadline.
    expect((await user.request(51)).code).toBe(0)
    expect((await preLogin.request(41)).code).toBe(0)
    user.close()
    preLogin.close()
  })

  it('backpressure: stops reading requests while replies pile up, drops a reader that never catches up', async () => {
    const maxBufferedBytes = 256 * 1024
    const sim = await start({ maxBufferedBytes })
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const ids = sim.control.connections().map((x) => x.id)
    await c.request(7, subscribe([1, 2, 3, 4, 5, 6, 7, 8, 9]))
    c.ws.pause() // the peer stops reading: the kernel buffers fill, then the server's
    // 3000 requests whose replies (9 full symbols each, ~27 KB) add up to ~80 MB.
    const all = subscribe([1, 2, 3, 4, 5, 6, 7, 8, 9])
    for (let i = 0; i < 3000; i++) c.send(18, all)
    await until(() => (sim.control.connections()[0]?.framesIn ?? 0) > 0)
    await sleep(300)
    const conn = sim.control.connections().find((x) => ids.includes(x.id))!
    // Reading stopped well before the last request: the server holds a bounded backlog.
    expect(conn.framesIn).toBeLessThan(3000)
    expect(conn.framesOut).toBeLessThan(3000)
    // Pushes keep coming (ticks): past maxBufferedBytes the reader is dropped, not buffered without end.
    for (let i = 0; i < 20_000 && sim.control.connections().length > 0; i++) {
      sim.control.tick()
      if (i % 50 === 0) await sleep(1)
    }
    expect(sim.control.connections()).toEqual([])
    const dropped = events.find((e) => e.event === 'slow-consumer')
    expect(dropped?.data.login).toBe(LOGIN)
    expect(dropped?.data.bufferedBytes as number).toBeGreaterThan(maxBufferedBytes)
    c.ws.resume()
    expect(await c.closed()).toBe(true)
    // The server is fine: a new client logs in.
    const next = await loginRaw(sim.url(), LOGIN, PASSWORD)
    next.close()
  })

  it('locks an account after repeated wrong passwords, even for the right one, until the lockout ends', async () => {
    const sim = await start({ maxLoginFailures: 3, loginLockoutMs: 400 })
    const c = await connectRaw(sim.url())
    const attempt = async (login: number, password: string) =>
      (await c.request(28, loginPayload(login, password))).code
    // A success resets the count.
    expect(await attempt(LOGIN, 'wrong-1')).toBe(3)
    expect(await attempt(LOGIN, 'wrong-2')).toBe(3)
    const ok = await loginRaw(sim.url(), LOGIN, PASSWORD)
    ok.close()
    for (let i = 0; i < 3; i++) expect(await attempt(LOGIN, `wrong-${i}`)).toBe(3)
    expect(events.some((e) => e.event === 'account-locked' && e.data.login === LOGIN)).toBe(true)
    // Locked: the right password is refused with the same code, and it is logged.
    expect(await attempt(LOGIN, PASSWORD)).toBe(3)
    expect(events.some((e) => e.event === 'login-locked' && e.data.login === LOGIN)).toBe(true)
    expect(JSON.stringify(events)).not.toContain(PASSWORD)
    // A password token from an earlier login still resumes (it cannot be guessed), and a
    // refused token does not count as a failure.
    const resumed = await connectRaw(sim.url())
    expect(
      (await resumed.request(28, loginPayload(LOGIN, '', { passwordBlob: ok.passwordToken }))).code,
    ).toBe(0)
    resumed.close()
    // Other accounts are not affected; unknown logins are not tracked.
    const other = await loginRaw(sim.url(), NETTING_LOGIN, PASSWORD)
    other.close()
    await sleep(450)
    expect(await attempt(LOGIN, PASSWORD)).toBe(0)
    c.close()
  })

  it('keeps at most maxPasswordTokens tokens per login, the oldest freed first', async () => {
    const sim = await start({ maxPasswordTokens: 2, maxLoginFailures: 1 })
    const tokens: Uint8Array[] = []
    for (let i = 0; i < 3; i++) {
      const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
      tokens.push(c.passwordToken)
      c.close()
    }
    const withToken = async (token: Uint8Array) => {
      const c = await connectRaw(sim.url())
      const code = (await c.request(28, loginPayload(LOGIN, '', { passwordBlob: token }))).code
      c.close()
      return code
    }
    expect(await withToken(tokens[0]!)).toBe(3)
    expect(await withToken(tokens[0]!)).toBe(3)
    expect(await withToken(tokens[2]!)).toBe(0)
    // Refused tokens are no password guesses: the account is not locked.
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    c.close()
  })

  it('bounds accounts opened without login, per connection and per broker (code 1025)', async () => {
    const sim = await start({ maxOpenedAccountsPerConnection: 2, maxOpenedAccounts: 3 })
    const open = async (c: Awaited<ReturnType<typeof connectRaw>>) =>
      decodeOpenAccountResponse((await c.request(30, encodeAccountOpeningForm(openingForm()))).body).code
    const a = await connectRaw(sim.url())
    expect((await a.request(29, init())).code).toBe(0)
    expect([await open(a), await open(a), await open(a)]).toEqual([0, 0, 1025])
    const b = await connectRaw(sim.url())
    expect((await b.request(29, init())).code).toBe(0)
    expect([await open(b), await open(b)]).toEqual([0, 1025])
    expect(events.filter((e) => e.event === 'account-limit')).toHaveLength(2)
    a.close()
    b.close()
  })

  it('validates limits: the field and the value in a typed error', async () => {
    await expect(createSimServer({ limits: { maxConnections: 0 } })).rejects.toThrow(ValidationError)
    await expect(createSimServer({ limits: { maxPayloadBytes: 1.5 } })).rejects.toThrow(
      /limits\.maxPayloadBytes must be an integer ≥ 1, got 1\.5/,
    )
    await expect(
      createSimServer({ limits: { maxConections: 5 } as unknown as Partial<SimServerLimits> }),
    ).rejects.toMatchObject({ field: 'limits.maxConections' })
    expect(DEFAULT_SIM_LIMITS.maxConnections).toBeGreaterThanOrEqual(500)
  })
})
