/**
 * cmd 0 — bootstrap (key exchange, docs/architecture.md#bootstrap-and-session), both frames encrypted with
 * the initial key.
 *
 * Request: 64-byte token (zeros on a fresh start, the previous token when resuming).
 * Reply:
 * | off | size | type  | field      |
 * |----:|-----:|-------|------------|
 * |   0 |    2 | u16   | reserved   |
 * |   2 |   64 | bytes | token      |
 * |  66 |    n | bytes | sessionKey |  n = 16, 24 or 32 (AES key)
 */
import { ProtocolError, ValidationError } from '../../errors.js'

/** Bootstrap token size. */
export const BOOTSTRAP_TOKEN_SIZE = 64

/** The decoded bootstrap reply. */
export interface BootstrapReply {
  /** pymt5 calls it the server build (uncertain); the official client ignores it. */
  reserved: number
  /** Session token: keep it to resume after a reconnect. */
  token: Uint8Array
  /** The AES session key (16, 24 or 32 bytes). */
  sessionKey: Uint8Array
}

function checkToken(token: Uint8Array, field: string): void {
  if (token.length !== BOOTSTRAP_TOKEN_SIZE) {
    throw new ValidationError(`${field} must be 64 bytes, got ${token.length}`, { field, value: token })
  }
}

/** Encodes the cmd 0 request: the token, or 64 zero bytes. */
export function encodeBootstrapRequest(token?: Uint8Array): Uint8Array {
  if (token === undefined) return new Uint8Array(BOOTSTRAP_TOKEN_SIZE)
  checkToken(token, 'token')
  return token.slice()
}

/** Decodes the cmd 0 request (simulator side); it must be exactly 64 bytes. */
export function decodeBootstrapRequest(body: Uint8Array): Uint8Array {
  if (body.length !== BOOTSTRAP_TOKEN_SIZE) {
    throw new ProtocolError(`cmd 0 bootstrap request: expected 64 bytes, got ${body.length}`, {
      schema: 'cmd 0 bootstrap',
      field: 'token',
      offset: 0,
    })
  }
  return body.slice()
}

const KEY_SIZES: readonly number[] = [16, 24, 32]

/** Decodes the cmd 0 reply; a session key that is not 16, 24 or 32 bytes is a `ProtocolError`. */
export function decodeBootstrapReply(body: Uint8Array): BootstrapReply {
  const keyLength = body.length - 2 - BOOTSTRAP_TOKEN_SIZE
  if (!KEY_SIZES.includes(keyLength)) {
    throw new ProtocolError(
      `cmd 0 bootstrap reply: ${body.length} bytes, expected 66 + a 16, 24 or 32-byte session key`,
      { schema: 'cmd 0 bootstrap', field: 'sessionKey', offset: 66 },
    )
  }
  const reserved = (body[0] ?? 0) | ((body[1] ?? 0) << 8)
  return { reserved, token: body.slice(2, 66), sessionKey: body.slice(66) }
}

/** Encodes the cmd 0 reply. */
export function encodeBootstrapReply(value: BootstrapReply): Uint8Array {
  checkToken(value.token, 'token')
  if (!KEY_SIZES.includes(value.sessionKey.length)) {
    throw new ValidationError(`sessionKey must be 16, 24 or 32 bytes, got ${value.sessionKey.length}`, {
      field: 'sessionKey',
      value: value.sessionKey,
    })
  }
  if (!Number.isInteger(value.reserved) || value.reserved < 0 || value.reserved > 0xffff) {
    throw new ValidationError(`reserved must be a u16, got ${value.reserved}`, {
      field: 'reserved',
      value: value.reserved,
    })
  }
  const out = new Uint8Array(66 + value.sessionKey.length)
  out[0] = value.reserved & 0xff
  out[1] = value.reserved >> 8
  out.set(value.token, 2)
  out.set(value.sessionKey, 66)
  return out
}
