/**
 * Pure-JS AES-CBC with `@noble/ciphers` (browser-safe). A noble CBC instance refuses to encrypt
 * twice with the same key and IV, which is exactly what the protocol does, so each message gets
 * a fresh instance.
 */
import { cbc } from '@noble/ciphers/aes.js'
import { ProtocolError } from '../errors.js'
import { assertAesKey, assertCiphertextLength, type FrameCipher, ZERO_IV } from './cipherCore.js'

/** AES-CBC(zero IV, PKCS#7) over `@noble/ciphers`. */
export function createNobleCipher(key: Uint8Array): FrameCipher {
  assertAesKey(key)
  const k = key.slice()
  return {
    keyLength: k.length,
    encrypt(plain) {
      return cbc(k, ZERO_IV).encrypt(plain)
    },
    decrypt(cipher) {
      assertCiphertextLength(cipher)
      try {
        return cbc(k, ZERO_IV).decrypt(cipher)
      } catch (cause) {
        throw new ProtocolError('AES-CBC decryption failed (bad padding)', { schema: 'AES-CBC' }, { cause })
      }
    },
  }
}
