/**
 * Frame encryption: AES-CBC with a fixed 16-byte zero IV for every message and PKCS#7 padding
 * (docs/architecture.md#frames-and-encryption). Keys are 16, 24 or 32 bytes. Each message is encrypted on
 * its own, so equal
 * plaintexts give equal ciphertexts.
 *
 * This module is browser-safe: the default implementation is `@noble/ciphers` (pure JS, also
 * handles 24-byte keys that WebCrypto rejects). A Node entry point may pass the faster
 * `createNodeCipher` from `./cipherNode.js` as `impl`; the codec never imports `node:*` itself.
 */
import { assertAesKey, type CipherFactory, type FrameCipher } from './cipherCore.js'
import { createNobleCipher } from './cipherNoble.js'

export {
  AES_BLOCK_SIZE,
  AES_KEY_LENGTHS,
  assertAesKey,
  assertCiphertextLength,
  type CipherFactory,
  type FrameCipher,
  ZERO_IV,
} from './cipherCore.js'
export { createNobleCipher } from './cipherNoble.js'

/** Options of {@link createCipher}. */
export interface CipherOptions {
  /** Implementation to use; default `createNobleCipher` (pure JS, runs everywhere). */
  impl?: CipherFactory
}

/** Creates the cipher of one key (16, 24 or 32 bytes, else `ProtocolError`). */
export function createCipher(key: Uint8Array, options: CipherOptions = {}): FrameCipher {
  assertAesKey(key)
  return (options.impl ?? createNobleCipher)(key)
}
