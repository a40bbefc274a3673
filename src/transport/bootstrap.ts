/**
 * Bootstrap (cmd 0) bodies (README §7). Request payload: a 64-byte token (zeros on a fresh start,
 * the previous token to resume). Reply body:
 *
 * | off | size | type  | field       |
 * |----:|-----:|-------|-------------|
 * |   0 |    2 | u16   | reserved    | exposed as `serverBuild` (pymt5's reading, uncertain)
 * |   2 |   64 | bytes | token       | keep it to resume after a reconnect
 * |  66 |    n | bytes | sessionKey  | AES key, n = 16, 24 or 32
 *
 * Used only if `src/codec/messages/bootstrap.ts` is not available; same bytes.
 */
import { ProtocolError, ValidationError } from '../errors.js'
import { AES_KEY_LENGTHS } from '../protocol/cipherCore.js'

/** Token size in bytes. */
export const BOOTSTRAP_TOKEN_SIZE = 64

/** The decoded bootstrap reply. */
export interface BootstrapReply {
  /** The `reserved` u16 (pymt5: server build). */
  serverBuild: number
  /** 64-byte session token. */
  token: Uint8Array
  /** 16, 24 or 32 bytes. */
  sessionKey: Uint8Array
}

/** The cmd 0 request payload: `token` (64 bytes) or 64 zero bytes. */
export function encodeBootstrapRequest(token?: Uint8Array): Uint8Array {
  const payload = new Uint8Array(BOOTSTRAP_TOKEN_SIZE)
  if (token) {
    if (token.length !== BOOTSTRAP_TOKEN_SIZE) {
      throw new ValidationError('bootstrap token must be 64 bytes', { field: 'token', value: token.length })
    }
    payload.set(token)
  }
  return payload
}

/** Decodes the cmd 0 reply body; a short body or a bad key size → `ProtocolError`. */
export function decodeBootstrapReply(body: Uint8Array): BootstrapReply {
  const keyOffset = 2 + BOOTSTRAP_TOKEN_SIZE
  if (body.length < keyOffset) {
    throw new ProtocolError(`bootstrap reply of ${body.length} bytes is shorter than 66`, {
      schema: 'cmd 0 bootstrap',
      offset: 0,
    })
  }
  const sessionKey = body.slice(keyOffset)
  if (!AES_KEY_LENGTHS.includes(sessionKey.length)) {
    throw new ProtocolError(`bootstrap session key of ${sessionKey.length} bytes (need 16, 24 or 32)`, {
      schema: 'cmd 0 bootstrap',
      field: 'sessionKey',
      offset: keyOffset,
    })
  }
  return {
    serverBuild: body[0]! | (body[1]! << 8),
    token: body.slice(2, keyOffset),
    sessionKey,
  }
}

/** Encodes a cmd 0 reply body (the simulator's side). */
export function encodeBootstrapReply(reply: BootstrapReply): Uint8Array {
  if (reply.token.length !== BOOTSTRAP_TOKEN_SIZE) {
    throw new ValidationError('bootstrap token must be 64 bytes', {
      field: 'token',
      value: reply.token.length,
    })
  }
  const body = new Uint8Array(2 + BOOTSTRAP_TOKEN_SIZE + reply.sessionKey.length)
  body[0] = reply.serverBuild & 0xff
  body[1] = (reply.serverBuild >>> 8) & 0xff
  body.set(reply.token, 2)
  body.set(reply.sessionKey, 2 + BOOTSTRAP_TOKEN_SIZE)
  return body
}
