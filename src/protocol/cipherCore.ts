/**
 * Shared pieces of the frame cipher implementations: the {@link FrameCipher} interface, the zero IV
 * and the length checks (docs/architecture.md#frames-and-encryption).
 */
import { ProtocolError } from '../errors.js'

/** Encrypts and decrypts whole inner frames with one key. Both directions are synchronous. */
export interface FrameCipher {
  /** Key length in bytes: 16, 24 or 32. */
  readonly keyLength: number
  /** AES-CBC(zero IV, PKCS#7) of `plain`; the result is a non-empty multiple of 16 bytes. */
  encrypt(plain: Uint8Array): Uint8Array
  /** Inverse of `encrypt`; throws `ProtocolError` for a bad length or bad padding. */
  decrypt(cipher: Uint8Array): Uint8Array
}

/** Builds a {@link FrameCipher} for one key (the key length is already checked). */
export type CipherFactory = (key: Uint8Array) => FrameCipher

/** AES block size and IV length. */
export const AES_BLOCK_SIZE = 16

/** The IV of every message: sixteen zero bytes. Never mutate. */
export const ZERO_IV: Uint8Array = new Uint8Array(AES_BLOCK_SIZE)

/** Valid AES key lengths in bytes. */
export const AES_KEY_LENGTHS: readonly number[] = [16, 24, 32]

/** Throws `ProtocolError` unless `key` is 16, 24 or 32 bytes long. */
export function assertAesKey(key: Uint8Array): void {
  if (!AES_KEY_LENGTHS.includes(key.length)) {
    throw new ProtocolError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`, {
      schema: 'AES key',
      field: 'key',
    })
  }
}

/** Throws `ProtocolError` unless `cipher` is a non-empty multiple of the block size. */
export function assertCiphertextLength(cipher: Uint8Array): void {
  if (cipher.length === 0 || cipher.length % AES_BLOCK_SIZE !== 0) {
    throw new ProtocolError(`ciphertext length ${cipher.length} is not a non-zero multiple of 16`, {
      schema: 'AES-CBC',
      field: 'body',
    })
  }
}

/**
 * The PKCS#7 padding length (1–16) at the end of a decrypted message of whole blocks; bad padding
 * → `ProtocolError`. The same rule as noble's `cbc` (every padding byte equals the length).
 */
export function pkcs7PaddingLength(plain: Uint8Array): number {
  const length = plain.length
  const pad = plain[length - 1] ?? 0
  let bad = pad === 0 || pad > AES_BLOCK_SIZE
  for (let i = length - pad; !bad && i < length - 1; i++) bad = plain[i] !== pad
  if (bad) throw new ProtocolError('AES-CBC decryption failed (bad padding)', { schema: 'AES-CBC' })
  return pad
}
