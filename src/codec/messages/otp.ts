/**
 * cmd 43 — OTP (TOTP) setup. Payload: OtpRequest (476 B), followed by the 160 decoded token
 * bytes when the password is a 320-hex token (636 B in all; no length field). Same password
 * rule as login: with a token the `password` field is empty.
 */
import { ProtocolError } from '../../errors.js'
import { type OtpRequestRecord, otpRequestSchema } from '../schemas/otpRequest.js'
import { passwordTokenBytes } from './login.js'

/** A decoded / to-be-encoded OTP setup request. */
export interface OtpRequest {
  record: OtpRequestRecord
  /** The 160 token bytes that follow the record, when the password is a token. */
  passwordToken: Uint8Array | undefined
}

/** What a caller supplies to enable (`otpSecret` + `otpSecretCheck`) or disable (`otp`) TOTP. */
export interface OtpParameters {
  login: bigint
  /** The password, or the 320-hex token of a previous login. */
  password: string
  cid: Uint8Array
  otp?: string
  otpSecret?: string
  otpSecretCheck?: string
}

/** Fills an OTP request from parameters (mode 5, password rule applied). */
export function buildOtpRequest(params: OtpParameters): OtpRequest {
  const token = passwordTokenBytes(params.password)
  return {
    record: {
      mode: 5,
      login: params.login,
      password: token === undefined ? params.password.slice(0, 32) : '',
      otp: params.otp ?? '',
      otpSecret: params.otpSecret ?? '',
      otpSecretCheck: params.otpSecretCheck ?? '',
      cid: params.cid,
    },
    passwordToken: token,
  }
}

/** Encodes a cmd 43 payload (476 B, or 636 B with a token). */
export function encodeOtpRequest(value: OtpRequest): Uint8Array {
  const head = otpRequestSchema.encode(value.record)
  if (value.passwordToken === undefined) return head
  const out = new Uint8Array(head.length + 160)
  out.set(head)
  out.set(value.passwordToken.subarray(0, 160), head.length)
  return out
}

/** Decodes a cmd 43 payload (simulator side): 476 or 636 bytes. */
export function decodeOtpRequest(body: Uint8Array): OtpRequest {
  const size = otpRequestSchema.size
  if (body.length !== size && body.length !== size + 160) {
    throw new ProtocolError(`cmd 43 OTP request: expected 476 or 636 bytes, got ${body.length}`, {
      schema: 'cmd 43 OTP request',
      offset: 0,
    })
  }
  const record = otpRequestSchema.decodeBytes(body)
  const passwordToken = body.length > size ? body.slice(size, size + 160) : undefined
  return { record, passwordToken }
}
