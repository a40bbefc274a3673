/**
 * AES-CBC (zero IV, PKCS#7) encrypt + decrypt of one message: `@noble/ciphers` (pure JS, ships
 * for browsers) vs `node:crypto` (OpenSSL, Node fast path), at 1 KB and 64 KB, for 16- and
 * 32-byte keys. Results: bench/RESULTS.md.
 */
import { bench, describe } from 'vitest'
import { createCipher } from '../src/protocol/cipher.js'
import { createNodeCipher } from '../src/protocol/cipherNode.js'

for (const keySize of [16, 32]) {
  const key = Uint8Array.from({ length: keySize }, (_, i) => i * 13)
  const noble = createCipher(key)
  const node = createCipher(key, { impl: createNodeCipher })
  for (const [label, size] of [
    ['1 KB', 1024],
    ['64 KB', 65536],
  ] as const) {
    const plain = Uint8Array.from({ length: size }, (_, i) => i & 0xff)
    describe(`AES-${keySize * 8}-CBC encrypt+decrypt ${label}`, () => {
      bench('noble', () => {
        noble.decrypt(noble.encrypt(plain))
      })
      bench('node:crypto', () => {
        node.decrypt(node.encrypt(plain))
      })
    })
  }
}
