import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ServerError, ValidationError } from '../../../src/errors.js'
import { createSimServer, type SimServer, totp } from '../../../src/sim/index.js'
import { LOGIN, makeClient, PASSWORD } from './_marketClient.js'

describe('account e2e', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeClient>

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    client = makeClient(sim.url())
    await client.connect()
  })

  afterEach(async () => {
    await client.close()
    await sim.close()
  })

  it('decodes the whole account block and the summary', async () => {
    const block = await client.getAccount()
    const state = sim.control.account(LOGIN)
    expect(block.main.balance).toBe(state.summary.balance)
    expect(block.tradeSettings.length).toBeGreaterThan(0)
    expect(block.symbolsCount).toBeGreaterThan(0)
    const info = await client.accountInfo()
    expect(info.login).toBe(BigInt(LOGIN))
    expect(info.equity).toBeCloseTo(info.balance + info.credit + info.profit, 8)
    expect(info.margin).toBe(0)
    expect(info.currency.length).toBeGreaterThan(0)
  })

  it('reads notifications, accepts the risk warning and lists corporate links', async () => {
    const n = await client.notifications()
    expect(typeof n.riskWarning).toBe('boolean')
    await client.acceptRiskWarning()
    const links = await client.corporateLinks()
    expect(Array.isArray(links)).toBe(true)
    for (const l of links) expect(typeof l.url).toBe('string')
  })

  it('changes the password after local checks', async () => {
    await expect(client.changePassword({ current: PASSWORD, next: 'short' })).rejects.toBeInstanceOf(
      ValidationError,
    )
    await expect(client.changePassword({ current: PASSWORD, next: 'alllowercase1!' })).rejects.toMatchObject({
      value: 2001,
    })
    await expect(client.changePassword({ current: 'wrong', next: 'Good-pass1' })).rejects.toBeInstanceOf(
      ServerError,
    )
    await client.changePassword({ current: PASSWORD, next: 'Good-pass1' })
    expect(sim.control.account(LOGIN).config.password).toBe('Good-pass1')
  })

  it('reads trader params on a pre-login socket', async () => {
    const params = await client.traderParams()
    expect(params.param1.length + params.param2.length).toBeGreaterThan(0)
  })

  it('enables and disables OTP on a fresh socket', async () => {
    const secret = 'JBSWY3DPEHPK3PXP'
    await client.enableOtp({ password: PASSWORD, secret, code: totp(secret, sim.control.clock.now()) })
    await expect(
      client.enableOtp({ password: PASSWORD, secret, code: totp(secret, sim.control.clock.now()) }),
    ).rejects.toBeInstanceOf(ServerError)
    await expect(client.disableOtp({ password: PASSWORD, code: '000000' })).rejects.toBeInstanceOf(
      ServerError,
    )
    await client.disableOtp({ password: PASSWORD, code: totp(secret, sim.control.clock.now()) })
  })

  it('opens demo and real accounts, with verification', async () => {
    const demo = await client.openDemoAccount({
      firstName: 'Ada',
      secondName: 'Lovelace',
      email: 'ada@example.com',
    })
    expect(demo.login).toBeGreaterThan(0n)
    expect(demo.password.length).toBeGreaterThan(0)
    let asked = false
    const real = await client.openRealAccount(
      {
        form: { firstName: 'Alan', secondName: 'Turing', email: 'alan@example.com' },
        extension: { citizenship: 'GB' },
      },
      {
        onVerification: async () => {
          asked = true
          return { emailCode: 123456 }
        },
      },
    )
    expect(asked).toBe(true)
    expect(real.login).not.toBe(demo.login)
    const status = await client.verifyCode({
      form: { firstName: 'A', secondName: 'B', email: 'x@y.z' },
      emailCode: 123456,
    })
    expect(status.email).toBe(1)
    await expect(
      client.verifyCode({ form: { firstName: 'A', secondName: 'B', email: 'x@y.z' }, emailCode: 1 }),
    ).rejects.toBeInstanceOf(ServerError)
  })
})
