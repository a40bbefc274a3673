import { describe, expect, it } from 'vitest'
import { computeClientId } from '../../../../src/codec/clientId.js'
import {
  decodeBootstrapReply,
  decodeBootstrapRequest,
  encodeBootstrapReply,
  encodeBootstrapRequest,
} from '../../../../src/codec/messages/bootstrap.js'
import {
  decodeChangePasswordReply,
  decodeChangePasswordRequest,
  encodeChangePasswordReply,
  encodeChangePasswordRequest,
} from '../../../../src/codec/messages/changePassword.js'
import { decodeHistoryRequest, encodeHistoryRequest } from '../../../../src/codec/messages/history.js'
import {
  buildInitRequest,
  decodeInitRequest,
  encodeInitRequest,
} from '../../../../src/codec/messages/init.js'
import {
  buildLoginRequest,
  decodeLoginRequest,
  decodeLoginResponse,
  encodeLoginRequest,
  encodeLoginResponse,
  passwordTokenBytes,
  passwordTokenHex,
} from '../../../../src/codec/messages/login.js'
import { decodeNotifyRequest, encodeNotifyRequest } from '../../../../src/codec/messages/notify.js'
import {
  decodeAccountOpeningForm,
  decodeOpenRealAccountRequest,
  encodeAccountOpeningForm,
  encodeOpenRealAccountRequest,
} from '../../../../src/codec/messages/openAccount.js'
import { buildOtpRequest, decodeOtpRequest, encodeOtpRequest } from '../../../../src/codec/messages/otp.js'
import {
  decodeVerificationRequest,
  encodeVerificationRequest,
} from '../../../../src/codec/messages/verification.js'
import { realAccountExtensionSchema } from '../../../../src/codec/schemas/realAccountExtension.js'
import { ProtocolError, ValidationError } from '../../../../src/errors.js'
import { bytesToHex, hexToBytes, loadProtocolJson } from './_vectors.js'

interface Payload {
  id: string
  hex: string
}
const payloads = loadProtocolJson<{ payloads: Payload[] }>('vectors/payloads.json').payloads
const payload = (id: string): Uint8Array => {
  const p = payloads.find((x) => x.id === id)
  if (p === undefined) throw new Error(`no payload ${id}`)
  return hexToBytes(p.hex)
}
const cid = hexToBytes('00112233445566778899aabbccddeeff')
const token = Uint8Array.from({ length: 160 }, (_, i) => i)

describe('request payloads (vectors/payloads.json)', () => {
  it('login_request: built from parameters byte for byte', () => {
    const bytes = payload('login_request')
    const got = decodeLoginRequest(bytes)
    expect(got).toMatchObject({
      login: 12345678n,
      password: 'Passw0rd!',
      url: 'web.metatrader.app',
      urlLength: 18,
      session: 0n,
    })
    expect(got.passwordBlob).toEqual(new Uint8Array(160))
    const built = buildLoginRequest({
      login: 12345678n,
      password: 'Passw0rd!',
      cid,
      url: 'web.metatrader.app',
    })
    expect(bytesToHex(encodeLoginRequest(built))).toBe(bytesToHex(bytes))
  })
  it('login_request_token: a 320-hex password goes into passwordBlob, password empty', () => {
    const bytes = payload('login_request_token')
    const got = decodeLoginRequest(bytes)
    expect(got.password).toBe('')
    expect(got.otp).toBe('123456')
    expect(got.session).toBe(71926153453654533n)
    expect(got.passwordBlob).toEqual(token)
    const built = buildLoginRequest({
      login: got.login,
      password: passwordTokenHex(token),
      cid: got.cid,
      otp: '123456',
      session: 71926153453654533n,
      url: got.url,
    })
    expect(bytesToHex(encodeLoginRequest(built))).toBe(bytesToHex(bytes))
  })
  it('password rule: long non-token passwords are cut to 32 characters, 320 non-hex chars are not a token', () => {
    const long = buildLoginRequest({ login: 1n, password: 'x'.repeat(40), cid })
    expect(long.password).toBe('x'.repeat(32))
    expect(passwordTokenBytes('z'.repeat(320))).toBeUndefined()
    expect(passwordTokenBytes('ab'.repeat(160))?.[0]).toBe(0xab)
    expect(() => buildLoginRequest({ login: 1n, password: '', cid: new Uint8Array(3) })).toThrow(
      ValidationError,
    )
    expect(() => decodeLoginRequest(new Uint8Array(911))).toThrow(ProtocolError)
  })
  it('init_request: all empty except cid', () => {
    const bytes = payload('init_request')
    expect(bytesToHex(encodeInitRequest(buildInitRequest(cid)))).toBe(bytesToHex(bytes))
    expect(decodeInitRequest(bytes).cid).toEqual(cid)
  })
  it('otp_setup_request: decodes and rebuilds; a token appends 160 bytes', () => {
    const bytes = payload('otp_setup_request')
    const got = decodeOtpRequest(bytes)
    expect(got.record.mode).toBe(5)
    expect(got.record.login).toBe(12345678n)
    expect(got.passwordToken).toBeUndefined()
    const rebuilt = buildOtpRequest({
      login: got.record.login,
      password: got.record.password,
      cid: got.record.cid,
      otpSecret: got.record.otpSecret,
      otpSecretCheck: got.record.otpSecretCheck,
    })
    expect(bytesToHex(encodeOtpRequest(rebuilt))).toBe(bytesToHex(bytes))
    const withToken = encodeOtpRequest(buildOtpRequest({ login: 1n, password: passwordTokenHex(token), cid }))
    expect(withToken).toHaveLength(636)
    const back = decodeOtpRequest(withToken)
    expect(back.record.password).toBe('')
    expect(back.passwordToken).toEqual(token)
    expect(() => decodeOtpRequest(new Uint8Array(500))).toThrow(ProtocolError)
  })
  it('change_password_request', () => {
    const bytes = payload('change_password_request')
    const got = decodeChangePasswordRequest(bytes)
    expect(got).toEqual({ isInvestor: 0, newPassword: 'NewPassw0rd!', oldPassword: 'Passw0rd!' })
    expect(bytesToHex(encodeChangePasswordRequest(got))).toBe(bytesToHex(bytes))
    expect(decodeChangePasswordReply(encodeChangePasswordReply(-5))).toBe(-5)
  })
  it('history_request', () => {
    const bytes = payload('history_request')
    const got = decodeHistoryRequest(bytes)
    expect(got).toEqual({ from: 0x692e2c00, to: 0x6955b900 })
    expect(bytesToHex(encodeHistoryRequest(got))).toBe(bytesToHex(bytes))
  })
  it('notify_request_official and notify_request_pymt5', () => {
    const official = payload('notify_request_official')
    expect(decodeNotifyRequest(official)).toEqual({ layout: 'official', code: 1 })
    expect(encodeNotifyRequest({ layout: 'official', code: 1 })).toEqual(official)
    const pymt5 = payload('notify_request_pymt5')
    expect(decodeNotifyRequest(pymt5)).toEqual({ layout: 'pymt5', message: 'hello' })
    expect(encodeNotifyRequest({ layout: 'pymt5', message: 'hello' })).toEqual(pymt5)
    expect(() => decodeNotifyRequest(new Uint8Array(8))).toThrow(ProtocolError)
  })
  it('open_demo_request and verify_request share the form', () => {
    const form = payload('open_demo_request')
    const decoded = decodeAccountOpeningForm(form)
    expect(decoded.fullName).toBe('Ada Lovelace')
    expect(decoded.reservedOne).toBe(1)
    expect(encodeAccountOpeningForm(decoded)).toEqual(form)
    const verify = payload('verify_request')
    const v = decodeVerificationRequest(verify)
    expect(v.build).toBe(5687)
    expect(v.cid).toEqual(cid)
    expect(v.form).toEqual(decoded)
    expect(encodeVerificationRequest(v)).toEqual(verify)
  })
})

describe('conversions (vectors/conversions.json)', () => {
  const conv = loadProtocolJson<{
    clientId: { input: string; cid: string }[]
    filetime: { unixMs: string; hex: string }[]
  }>('vectors/conversions.json')
  for (const c of conv.clientId) {
    it(`clientId ${c.input}`, async () => {
      expect(bytesToHex(await computeClientId(c.input))).toBe(c.cid)
      const [platform = '', dpr = '', language = '', screen = '', uniq = ''] = c.input.split(';')
      expect(
        bytesToHex(await computeClientId({ platform, devicePixelRatio: dpr, language, screen, uniq })),
      ).toBe(c.cid)
    })
  }
  it('computeClientId formats numbers as JavaScript prints them', async () => {
    const id = await computeClientId({
      platform: 'Win32',
      devicePixelRatio: 1.25,
      language: 'de-DE',
      screen: '2560x1440',
      uniq: 42,
    })
    expect(bytesToHex(id)).toBe('4dbea4af7d9942a0152f89f002072b84')
  })
  for (const f of conv.filetime) {
    it(`birthDate filetime ${f.unixMs}`, () => {
      const ext = { ...realAccountExtensionSchema.zero(), birthDate: Number(f.unixMs) }
      const bytes = realAccountExtensionSchema.encode(ext)
      expect(bytesToHex(bytes.subarray(384, 392))).toBe(f.hex)
      expect(realAccountExtensionSchema.decodeBytes(bytes).birthDate).toBe(Number(f.unixMs))
    })
  }
})

describe('cmd 39 open real account', () => {
  it('round-trips form + extension + documents', () => {
    const value = {
      form: decodeAccountOpeningForm(payload('open_demo_request')),
      extension: { ...realAccountExtensionSchema.zero(), firstName: 'Ada', birthDate: 0 },
      documents: [
        {
          dataType: 1,
          documentType: 2,
          frontName: 'front.png',
          backName: '',
          front: Uint8Array.of(1, 2, 3),
          back: new Uint8Array(0),
        },
        {
          dataType: 3,
          documentType: 4,
          frontName: 'a',
          backName: 'b',
          front: Uint8Array.of(9),
          back: Uint8Array.of(8, 7),
        },
      ],
    }
    const bytes = encodeOpenRealAccountRequest(value)
    expect(bytes).toHaveLength(1664 + 1284 + 2 * 1056 + 3 + 3)
    expect(decodeOpenRealAccountRequest(bytes)).toEqual(value)
    expect(() => decodeOpenRealAccountRequest(bytes.subarray(0, bytes.length - 1))).toThrow(ProtocolError)
  })
})

describe('cmd 0 bootstrap', () => {
  it('request is 64 bytes (zeros by default)', () => {
    expect(encodeBootstrapRequest()).toEqual(new Uint8Array(64))
    const t = Uint8Array.from({ length: 64 }, (_, i) => i)
    expect(decodeBootstrapRequest(encodeBootstrapRequest(t))).toEqual(t)
    expect(() => decodeBootstrapRequest(new Uint8Array(63))).toThrow(ProtocolError)
    expect(() => encodeBootstrapRequest(new Uint8Array(10))).toThrow(ValidationError)
  })
  it('reply carries u16 reserved + token + a 16/24/32-byte key; other lengths are ProtocolErrors', () => {
    for (const n of [16, 24, 32]) {
      const value = {
        reserved: 5687,
        token: new Uint8Array(64).fill(7),
        sessionKey: new Uint8Array(n).fill(9),
      }
      const bytes = encodeBootstrapReply(value)
      expect(bytes).toHaveLength(66 + n)
      expect(decodeBootstrapReply(bytes)).toEqual(value)
    }
    for (const len of [0, 65, 66, 81, 91, 99, 200])
      expect(() => decodeBootstrapReply(new Uint8Array(len))).toThrow(ProtocolError)
  })
  it('frames.json bootstrap vectors (inner frame: u16 prefix, u16 command, [u8 code], body)', () => {
    const frames = Object.values(loadProtocolJson<Record<string, unknown>>('vectors/frames.json'))
      .filter(
        (
          v,
        ): v is {
          id: string
          inner: string
          bodyParts?: { reserved_u16: number; token: string; sessionKey?: string }
        }[] => Array.isArray(v),
      )
      .flat()
    const req = frames.find((f) => f.id === 'bootstrap_request')
    const res = frames.find((f) => f.id === 'bootstrap_response')
    if (req === undefined || res === undefined) throw new Error('missing bootstrap frames')
    expect(decodeBootstrapRequest(hexToBytes(req.inner).subarray(4))).toEqual(new Uint8Array(64))
    const body = hexToBytes(res.inner).subarray(5)
    const reply = decodeBootstrapReply(body)
    expect(reply.reserved).toBe(res.bodyParts?.reserved_u16)
    expect(bytesToHex(reply.token)).toBe(res.bodyParts?.token)
    expect(encodeBootstrapReply(reply)).toEqual(body)
  })
})

describe('cmd 28 login reply', () => {
  it('round-trips and exposes the token as hex', () => {
    const value = { passwordToken: token, session: 2n ** 63n }
    const got = decodeLoginResponse(encodeLoginResponse(value))
    expect(got).toEqual(value)
    expect(passwordTokenBytes(passwordTokenHex(got.passwordToken))).toEqual(token)
    expect(() => decodeLoginResponse(new Uint8Array(100))).toThrow(ProtocolError)
  })
})
