/**
 * Wire frames (docs/architecture.md#frames-and-encryption).
 *
 * Outer frame (every WebSocket message, both directions):
 *
 * | off | size | type  | field        |
 * |----:|-----:|-------|--------------|
 * |   0 |    4 | u32   | bodyLength   | length of the encrypted body
 * |   4 |    4 | u32   | version      | always 1 (not checked on receipt, like the official client)
 * |   8 |    n | bytes | body         | AES-CBC ciphertext of the inner frame
 *
 * Inner request (client → server): `prefix[2] u16 command payload…`.
 * Inner response / push (server → client): `prefix[2] u16 command u8 code body…`.
 * The prefix is two random bytes, ignored by the receiver.
 */
import { ProtocolError, ValidationError } from '../errors.js'
import type { FrameCipher } from './cipherCore.js'

/** Size of the outer header. */
export const OUTER_HEADER_SIZE = 8
/** The outer header's version field. */
export const FRAME_VERSION = 1
/** Size of the request header inside the plaintext (prefix + command). */
export const REQUEST_HEADER_SIZE = 4
/** Size of the response header inside the plaintext (prefix + command + code). */
export const RESPONSE_HEADER_SIZE = 5

/** A decoded server → client frame. `body` is a view into the decrypted buffer. */
export interface ResponseFrame {
  command: number
  /** Response code, 0 = success (docs/architecture.md#requests-and-replies). */
  code: number
  body: Uint8Array
}

/** A decoded client → server frame. `payload` is a view into the decrypted buffer. */
export interface RequestFrame {
  command: number
  payload: Uint8Array
}

/** Two random prefix bytes, 0–254 each like the official client. */
export function randomPrefix(): Uint8Array {
  return Uint8Array.of(Math.floor(Math.random() * 255), Math.floor(Math.random() * 255))
}

/** Wraps an encrypted body in the outer header. */
export function packOuterFrame(body: Uint8Array): Uint8Array {
  const wire = new Uint8Array(OUTER_HEADER_SIZE + body.length)
  const view = new DataView(wire.buffer)
  view.setUint32(0, body.length, true)
  view.setUint32(4, FRAME_VERSION, true)
  wire.set(body, OUTER_HEADER_SIZE)
  return wire
}

/** Returns the encrypted body of a wire frame; a short frame or a wrong `bodyLength` → `ProtocolError`. */
export function unpackOuterFrame(wire: Uint8Array): Uint8Array {
  if (wire.length < OUTER_HEADER_SIZE) {
    throw new ProtocolError(`frame of ${wire.length} bytes is shorter than its 8-byte header`, {
      schema: 'outer frame',
      offset: 0,
    })
  }
  const view = new DataView(wire.buffer, wire.byteOffset, wire.byteLength)
  const bodyLength = view.getUint32(0, true)
  if (bodyLength !== wire.length - OUTER_HEADER_SIZE) {
    throw new ProtocolError(
      `frame header says ${bodyLength} body bytes, the frame has ${wire.length - OUTER_HEADER_SIZE}`,
      { schema: 'outer frame', field: 'bodyLength', offset: 0 },
    )
  }
  return wire.subarray(OUTER_HEADER_SIZE)
}

function checkU16(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new ValidationError(`${name} must be an integer 0–65535`, { field: name, value })
  }
}

function checkPrefix(prefix: Uint8Array): void {
  if (prefix.length !== 2) {
    throw new ValidationError('frame prefix must be 2 bytes', { field: 'prefix', value: prefix })
  }
}

/**
 * The plaintext of the request being encrypted (header + payload), reused: `encodeRequestFrame` is
 * synchronous and neither cipher keeps its input, so no call sees another's bytes. Spares an
 * allocation (and its zero fill) per request on the trade path; grown for a larger payload.
 */
let requestScratch = new Uint8Array(512)

/** Encrypts and frames a client → server request (a random prefix unless `prefix` is given). */
export function encodeRequestFrame(
  cipher: FrameCipher,
  command: number,
  payload: Uint8Array,
  prefix?: Uint8Array,
): Uint8Array {
  checkU16('command', command)
  if (prefix !== undefined) checkPrefix(prefix)
  const length = REQUEST_HEADER_SIZE + payload.length
  if (requestScratch.length < length)
    requestScratch = new Uint8Array(Math.max(length, 2 * requestScratch.length))
  const plain = requestScratch.subarray(0, length)
  // two random bytes 0–254, as `randomPrefix`, without allocating them
  plain[0] = prefix === undefined ? Math.floor(Math.random() * 255) : (prefix[0] as number)
  plain[1] = prefix === undefined ? Math.floor(Math.random() * 255) : (prefix[1] as number)
  plain[2] = command & 0xff
  plain[3] = command >>> 8
  plain.set(payload, REQUEST_HEADER_SIZE)
  return packOuterFrame(cipher.encrypt(plain))
}

/** Encrypts and frames a server → client response or push (the simulator's side). */
export function encodeResponseFrame(
  cipher: FrameCipher,
  command: number,
  code: number,
  body: Uint8Array,
  prefix: Uint8Array = randomPrefix(),
): Uint8Array {
  checkU16('command', command)
  if (!Number.isInteger(code) || code < 0 || code > 0xff) {
    throw new ValidationError('response code must be an integer 0–255', { field: 'code', value: code })
  }
  checkPrefix(prefix)
  const plain = new Uint8Array(RESPONSE_HEADER_SIZE + body.length)
  plain.set(prefix, 0)
  plain[2] = command & 0xff
  plain[3] = command >>> 8
  plain[4] = code
  plain.set(body, RESPONSE_HEADER_SIZE)
  return packOuterFrame(cipher.encrypt(plain))
}

/** Unpacks, decrypts and splits a server → client frame; anything malformed → `ProtocolError`. */
export function decodeResponseFrame(cipher: FrameCipher, wire: Uint8Array): ResponseFrame {
  const plain = cipher.decrypt(unpackOuterFrame(wire))
  if (plain.length < RESPONSE_HEADER_SIZE) {
    throw new ProtocolError(`response frame of ${plain.length} bytes is shorter than 5`, {
      schema: 'response frame',
      offset: 0,
    })
  }
  return {
    command: plain[2]! | (plain[3]! << 8),
    code: plain[4]!,
    body: plain.subarray(RESPONSE_HEADER_SIZE),
  }
}

/** Unpacks, decrypts and splits a client → server frame (the simulator's side). */
export function decodeRequestFrame(cipher: FrameCipher, wire: Uint8Array): RequestFrame {
  const plain = cipher.decrypt(unpackOuterFrame(wire))
  if (plain.length < REQUEST_HEADER_SIZE) {
    throw new ProtocolError(`request frame of ${plain.length} bytes is shorter than 4`, {
      schema: 'request frame',
      offset: 0,
    })
  }
  return { command: plain[2]! | (plain[3]! << 8), payload: plain.subarray(REQUEST_HEADER_SIZE) }
}
