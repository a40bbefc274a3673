import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAccount } from '../../../src/codec/messages/account.js'
import { decodeChangePasswordReply } from '../../../src/codec/messages/changePassword.js'
import { encodeNotifyRequest } from '../../../src/codec/messages/notify.js'
import {
  decodeOpenAccountResponse,
  encodeAccountOpeningForm,
  encodeOpenRealAccountRequest,
} from '../../../src/codec/messages/openAccount.js'
import { decodeTraderParams } from '../../../src/codec/messages/traderParams.js'
import {
  decodeVerificationStatus,
  encodeVerificationRequest,
} from '../../../src/codec/messages/verification.js'
import { changePasswordRequestSchema } from '../../../src/codec/schemas/changePasswordRequest.js'
import { realAccountExtensionSchema } from '../../../src/codec/schemas/realAccountExtension.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { openingForm as form, init, LOGIN, NETTING_LOGIN, PASSWORD } from './_helpers.js'
import { connectRaw, loginRaw } from './_rawClient.js'

describe('sim account and pre-login commands', () => {
  let sim: SimServer
  beforeAll(async () => {
    sim = await createSimServer({ historyDays: 0 })
  })
  afterAll(() => sim.close())

  it('account (3) carries the full block with trade settings', async () => {
    const c = await loginRaw(sim.url(), NETTING_LOGIN, PASSWORD)
    const acc = decodeAccount((await c.request(3)).body)
    expect(acc.main.balance).toBe(100_000)
    expect(acc.main.marginMode).toBe(0)
    expect(acc.main.accountCurrency).toBe('USD')
    expect(acc.main.serverName).toBe('SimBroker-Demo')
    expect(acc.tradeSettings.length).toBe(9)
    expect(acc.symbolsCount).toBe(9)
    c.close()
  })

  it('change password (24): wrong old → non-zero, right → 0 and the new password logs in', async () => {
    const s = await createSimServer({ historyDays: 0 })
    const c = await loginRaw(s.url(), LOGIN, PASSWORD)
    const body = (oldPassword: string, newPassword: string) =>
      changePasswordRequestSchema.encode({ isInvestor: 0, oldPassword, newPassword })
    expect(decodeChangePasswordReply((await c.request(24, body('nope', 'NewPass1!'))).body)).not.toBe(0)
    expect(decodeChangePasswordReply((await c.request(24, body(PASSWORD, 'NewPass1!'))).body)).toBe(0)
    c.close()
    const d = await loginRaw(s.url(), LOGIN, 'NewPass1!')
    d.close()
    await s.close()
  })

  it('notify (42) accepts the official u32 and the pymt5 text layouts', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    expect((await c.request(42, encodeNotifyRequest({ layout: 'official', code: 1 }))).code).toBe(0)
    expect((await c.request(42, encodeNotifyRequest({ layout: 'pymt5', message: 'hello' }))).code).toBe(0)
    c.close()
  })

  it('trader params (41), verification (27/40) and demo account opening (30)', async () => {
    const c = await connectRaw(sim.url())
    expect((await c.request(29, init())).code).toBe(0)
    const params = decodeTraderParams((await c.request(41)).body)
    expect(params.param1).toBe('SimBroker-Demo')
    const v = await c.request(
      27,
      encodeVerificationRequest({ build: 0, cid: new Uint8Array(16), form: form() }),
    )
    expect(decodeVerificationStatus(v.body)).toEqual({ email: 0, phone: 0 })
    const codes = await c.request(40, encodeAccountOpeningForm(form({ emailConfirmCode: 123456 })))
    expect(codes.code).toBe(0)
    const opened = decodeOpenAccountResponse((await c.request(30, encodeAccountOpeningForm(form()))).body)
    expect(opened.code).toBe(0)
    expect(opened.login).toBeGreaterThan(10002n)
    expect(opened.password.length).toBeGreaterThan(0)
    const real = decodeOpenAccountResponse(
      (
        await c.request(
          39,
          encodeOpenRealAccountRequest({
            form: form(),
            extension: realAccountExtensionSchema.zero(),
            documents: [],
          }),
        )
      ).body,
    )
    expect(real.code).toBe(0)
    expect(real.login).toBe(opened.login + 1n)
    c.close()
  })
})
