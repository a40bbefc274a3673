/**
 * Node-only fast path of the frame cipher, over `node:crypto` (OpenSSL, AES-NI). Never imported
 * by browser code: the Node entry point passes `createNodeCipher` as `impl` to `createCipher`.
 * Behaves exactly like `createNobleCipher` (same bytes, same errors).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { ProtocolError } from '../errors.js'
import { assertAesKey, assertCiphertextLength, type FrameCipher, ZERO_IV } from './cipherCore.js'

/** AES-CBC(zero IV, PKCS#7) over `node:crypto`. */
export function createNodeCipher(key: Uint8Array): FrameCipher {
  assertAesKey(key)
  const k = Uint8Array.from(key)
  const algorithm = `aes-${k.length * 8}-cbc`
  return {
    keyLength: k.length,
    encrypt(plain) {
      const c = createCipheriv(algorithm, k, ZERO_IV)
      const head = c.update(plain)
      const tail = c.final()
      return concat(head, tail)
    },
    decrypt(cipher) {
      assertCiphertextLength(cipher)
      const d = createDecipheriv(algorithm, k, ZERO_IV)
      try {
        const head = d.update(cipher)
        const tail = d.final()
        return concat(head, tail)
      } catch (cause) {
        throw new ProtocolError('AES-CBC decryption failed (bad padding)', { schema: 'AES-CBC' }, { cause })
      }
    },
  }
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (tail.length === 0) return new Uint8Array(head.buffer, head.byteOffset, head.length)
  if (head.length === 0) return new Uint8Array(tail.buffer, tail.byteOffset, tail.length)
  const out = new Uint8Array(head.length + tail.length)
  out.set(head, 0)
  out.set(tail, head.length)
  return out
}
