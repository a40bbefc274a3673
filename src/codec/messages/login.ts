/**
 * cmd 28 — login. Request: LoginRequest (912 B); reply: LoginResponse (168 B).
 *
 * Password rule (docs/architecture.md#commands, cmd 28): a password of exactly 320 hex characters is the
 * token of
 * a previous login — the `password` field stays empty and the 160 decoded bytes go into
 * `passwordBlob`. Any other password is sent as its first 32 characters with 160 zero bytes.
 */
import { ProtocolError, ValidationError } from '../../errors.js'
import { type LoginRequestRecord, loginRequestSchema } from '../schemas/loginRequest.js'
import { type LoginResponseRecord, loginResponseSchema } from '../schemas/loginResponse.js'

const TOKEN_HEX = /^[0-9a-fA-F]{320}$/

/** The 160 token bytes when `password` is a 320-hex-char token, else `undefined`. */
export function passwordTokenBytes(password: string): Uint8Array | undefined {
  if (!TOKEN_HEX.test(password)) return undefined
  const out = new Uint8Array(160)
  for (let i = 0; i < 160; i++) out[i] = Number.parseInt(password.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** Two lower-case hex digits of every byte value. */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))

/**
 * Lower-case hex of a password token (the form that replaces the password next time). Built with
 * `join`, which gives one flat string: `+=` left a rope of 160 pieces (≈ 2.8 KB) in every session.
 */
export function passwordTokenHex(token: Uint8Array): string {
  const parts = new Array<string>(token.length)
  for (let i = 0; i < token.length; i++) parts[i] = HEX_BYTE[token[i]!]!
  return parts.join('')
}

/** What a caller supplies to log in. */
export interface LoginParameters {
  login: bigint
  /** The password, or the 320-hex token of a previous login. */
  password: string
  /** 16-byte client id (`computeClientId`). */
  cid: Uint8Array
  otp?: string
  /** Session id of the previous login of this account, default 0. */
  session?: bigint
  url?: string
  utmCampaign?: string
  utmSource?: string
}

/** Fills a LoginRequest record from parameters, applying the password rule. */
export function buildLoginRequest(params: LoginParameters): LoginRequestRecord {
  if (params.cid.length !== 16) {
    throw new ValidationError(`cid must be 16 bytes, got ${params.cid.length}`, {
      field: 'cid',
      value: params.cid,
    })
  }
  const token = passwordTokenBytes(params.password)
  const url = params.url ?? ''
  return {
    version: 0,
    password: token === undefined ? params.password.slice(0, 32) : '',
    otp: params.otp ?? '',
    cid: params.cid,
    utmCampaign: params.utmCampaign ?? '',
    utmSource: params.utmSource ?? '',
    leadCookieId: 0n,
    leadAffiliateSite: '',
    urlLength: Math.min(url.length, 128),
    url,
    login: params.login,
    passwordBlob: token ?? new Uint8Array(160),
    session: params.session ?? 0n,
  }
}

/** Encodes a cmd 28 payload. */
export function encodeLoginRequest(value: LoginRequestRecord): Uint8Array {
  return loginRequestSchema.encode(value)
}

/** Decodes a cmd 28 payload (simulator side); it must be exactly 912 bytes. */
export function decodeLoginRequest(body: Uint8Array): LoginRequestRecord {
  if (body.length !== loginRequestSchema.size) {
    throw new ProtocolError(`cmd 28 login request: expected 912 bytes, got ${body.length}`, {
      schema: 'cmd 28 login request',
      offset: 0,
    })
  }
  return loginRequestSchema.decodeBytes(body)
}

/** Decodes a cmd 28 reply body (at least 168 bytes). */
export function decodeLoginResponse(body: Uint8Array): LoginResponseRecord {
  return loginResponseSchema.decodeBytes(body)
}

/** Encodes a cmd 28 reply body. */
export function encodeLoginResponse(value: LoginResponseRecord): Uint8Array {
  return loginResponseSchema.encode(value)
}
