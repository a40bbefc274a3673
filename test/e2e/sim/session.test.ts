import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAccount } from '../../../src/codec/messages/account.js'
import { decodeLoginResponse, passwordTokenHex } from '../../../src/codec/messages/login.js'
import { buildOtpRequest, encodeOtpRequest } from '../../../src/codec/messages/otp.js'
import { AccountRights } from '../../../src/enums.js'
import {
  createSimServer,
  defaultBroker,
  defineAccount,
  type SimServer,
  totp,
} from '../../../src/sim/index.js'
import { init, LOGIN, PASSWORD, u32Of } from './_helpers.js'
import { connectRaw, loginPayload, loginRaw, sleep } from './_rawClient.js'

describe('sim session: bootstrap, login, lifecycle', () => {
  const servers: SimServer[] = []
  let sim: SimServer
  beforeAll(async () => {
    sim = await createSimServer()
    servers.push(sim)
  })
  afterAll(async () => {
    for (const s of servers) await s.close()
  })

  for (const keySize of [16, 24, 32] as const) {
    it(`bootstraps with a fresh ${keySize}-byte session key and token`, async () => {
      const s = await createSimServer({ keySize, historyDays: 0 })
      servers.push(s)
      const a = await connectRaw(s.url())
      const b = await connectRaw(s.url())
      expect(a.sessionKey.length).toBe(keySize)
      expect(a.token.length).toBe(64)
      expect(Buffer.from(a.sessionKey).equals(Buffer.from(b.sessionKey))).toBe(false)
      const ping = await a.request(51)
      expect(ping.code).toBe(0)
      expect(ping.body.length).toBe(0)
      a.close()
      b.close()
    })
  }

  it('resumes with the previous bootstrap token', async () => {
    const a = await connectRaw(sim.url())
    const b = await connectRaw(sim.url(), { token: a.token })
    expect(Buffer.from(b.token).equals(Buffer.from(a.token))).toBe(true)
    a.close()
    b.close()
  })

  it('logs in, pushes connection state 0, and rejects a wrong password with code 3 and no body', async () => {
    const c = await connectRaw(sim.url())
    const bad = await c.request(28, loginPayload(LOGIN, 'wrong'))
    expect(bad.code).toBe(3)
    expect(bad.body.length).toBe(0)
    const unknown = await c.request(28, loginPayload(99999, PASSWORD))
    expect(unknown.code).toBe(3)
    const ok = await c.request(28, loginPayload(LOGIN, PASSWORD))
    expect(ok.code).toBe(0)
    expect(ok.body.length).toBe(168)
    const state = await c.waitFor((f) => f.command === 15)
    expect(u32Of(state.body)).toBe(0)
    c.close()
  })

  it('accepts the password token and session id of a previous login', async () => {
    const first = await loginRaw(sim.url(), LOGIN, PASSWORD)
    first.close()
    const hex = passwordTokenHex(first.passwordToken)
    expect(hex).toHaveLength(320)
    const c = await connectRaw(sim.url())
    const r = await c.request(
      28,
      loginPayload(LOGIN, '', { passwordBlob: first.passwordToken, session: first.session }),
    )
    expect(r.code).toBe(0)
    expect(decodeLoginResponse(r.body).session).toBe(first.session)
    const forged = await connectRaw(sim.url())
    const bad = await forged.request(
      28,
      loginPayload(LOGIN, '', { passwordBlob: new Uint8Array(160).fill(7) }),
    )
    expect(bad.code).toBe(3)
    c.close()
    forged.close()
  })

  it('investor password logs in read-only: trade requests get 10017', async () => {
    const c = await loginRaw(sim.url(), LOGIN, 'Invest1234')
    const r = await c.request(12, new Uint8Array(248))
    expect(u32Of(r.body)).toBe(10017)
    c.close()
  })

  it('an investor session sees read-only rights in the account block (cmd 3 and cmd 14)', async () => {
    const investor = await loginRaw(sim.url(), LOGIN, 'Invest1234')
    const master = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const rights = (body: Uint8Array): number => decodeAccount(body).main.rights
    const inv = rights((await investor.request(3)).body)
    expect(inv & AccountRights.Investor).toBe(AccountRights.Investor)
    expect(inv & AccountRights.TradeDisabled).toBe(AccountRights.TradeDisabled)
    expect(rights((await master.request(3)).body)).toBe(0)
    // A balance operation pushes cmd 14 to both sessions; each keeps its own rights.
    const from = investor.count()
    sim.control.balance(LOGIN, 1, 'deposit')
    const push = await investor.waitFor((f) => f.command === 14, 3000, from)
    expect(rights(push.body) & AccountRights.Investor).toBe(AccountRights.Investor)
    expect(rights(push.body) & AccountRights.TradeDisabled).toBe(AccountRights.TradeDisabled)
    const masterPush = await master.waitFor((f) => f.command === 14)
    expect(rights(masterPush.body)).toBe(0)
    investor.close()
    master.close()
  })

  it('a password longer than the 32 characters the wire carries logs in with what the client sends', async () => {
    const long = 'Long-password-0123456789-abcdefghij-KLMNOP' // 42 characters
    const s = await createSimServer({
      historyDays: 0,
      brokers: [{ ...defaultBroker(), accounts: [defineAccount({ login: 777, password: long })] }],
    })
    servers.push(s)
    // loginPayload encodes like the SDK: the field keeps the first 32 characters.
    const c = await loginRaw(s.url(), 777, long)
    c.close()
    const d = await connectRaw(s.url())
    expect((await d.request(28, loginPayload(777, long.slice(0, 31)))).code).toBe(3)
    expect((await d.request(28, loginPayload(777, long.slice(0, 32)))).code).toBe(0)
    d.close()
  })

  it('answers commands before login with a failure code, ignores unknown ids, cmd 52 and logout', async () => {
    const c = await connectRaw(sim.url())
    for (const cmd of [3, 4, 6, 9, 12, 18, 34, 44]) {
      const r = await c.request(cmd)
      expect(r.code, `cmd ${cmd}`).not.toBe(0)
    }
    const r52 = await c.request(52)
    expect(r52.code).toBe(0)
    const before = c.count()
    for (const cmd of [21, 25, 33, 37, 50, 100, 112, 999]) c.send(cmd)
    const ping = await c.request(51)
    expect(ping.code).toBe(0)
    expect(c.frames.slice(before).map((f) => f.command)).toEqual([51])
    const ok = await c.request(28, loginPayload(LOGIN, PASSWORD))
    expect(ok.code).toBe(0)
    expect((await c.request(3)).code).toBe(0)
    expect((await c.request(2)).code).toBe(0)
    expect((await c.request(3)).code).not.toBe(0)
    // cmd 52 after login/logout: the server drops the socket.
    c.send(52)
    expect(await c.closed()).toBe(true)
  })

  it('init (29) opens a pre-login socket', async () => {
    const c = await connectRaw(sim.url())
    expect((await c.request(41)).code).not.toBe(0)
    expect((await c.request(29, init())).code).toBe(0)
    expect((await c.request(41)).code).toBe(0)
    c.close()
  })

  it('enables TOTP with cmd 43, then requires the OTP at login (code 5)', async () => {
    const s = await createSimServer({ historyDays: 0 })
    servers.push(s)
    const secret = 'JBSWY3DPEHPK3PXP'
    const now = s.control.clock.now()
    const c = await connectRaw(s.url())
    const bad = await c.request(
      43,
      encodeOtpRequest(
        buildOtpRequest({
          login: BigInt(LOGIN),
          password: PASSWORD,
          cid: new Uint8Array(16),
          otpSecret: secret,
          otpSecretCheck: '000000' === totp(secret, now) ? '111111' : '000000',
        }),
      ),
    )
    expect(bad.code).not.toBe(0)
    const ok = await c.request(
      43,
      encodeOtpRequest(
        buildOtpRequest({
          login: BigInt(LOGIN),
          password: PASSWORD,
          cid: new Uint8Array(16),
          otpSecret: secret,
          otpSecretCheck: totp(secret, now),
        }),
      ),
    )
    expect(ok.code).toBe(0)
    c.close()
    const d = await connectRaw(s.url())
    expect((await d.request(28, loginPayload(LOGIN, PASSWORD))).code).toBe(5)
    expect((await d.request(28, loginPayload(LOGIN, PASSWORD, { otp: totp(secret, now) }))).code).toBe(0)
    d.close()
  })

  it('pushes a forced logout (cmd 15, non-zero) on demand', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    await c.waitFor((f) => f.command === 15)
    const from = c.count()
    expect(sim.control.faults.forcedLogout(2, { login: LOGIN })).toBeGreaterThan(0)
    const push = await c.waitFor((f) => f.command === 15, 3000, from)
    expect(u32Of(push.body)).toBe(2)
    c.close()
    await sleep(10)
  })
})
