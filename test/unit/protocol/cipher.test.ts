import { describe, expect, it } from 'vitest'
import { ProtocolError } from '../../../src/errors.js'
import { type CipherFactory, createCipher, createNobleCipher } from '../../../src/protocol/cipher.js'
import { createPerMessageNobleCipher } from '../../../src/protocol/cipherNoble.js'
import { createNodeCipher } from '../../../src/protocol/cipherNode.js'
import { cryptoVectors, hex, toHex } from '../../helpers/vectors-wire.js'

const impls: [string, CipherFactory][] = [
  ['noble', createNobleCipher],
  ['node:crypto', createNodeCipher],
  ['noble, a cbc instance per message (fallback)', createPerMessageNobleCipher],
]

describe.each(impls)('AES-CBC (%s)', (_name, impl) => {
  it('covers 16-, 24- and 32-byte keys in the vectors', () => {
    expect(new Set(cryptoVectors.aes.map((v) => v.keyBits))).toEqual(new Set([128, 192, 256]))
  })

  it.each(cryptoVectors.aes.map((v) => [v.id, v] as const))(
    '%s: encrypts and decrypts byte for byte',
    (_id, v) => {
      expect(v.iv).toBe('0'.repeat(32))
      const cipher = createCipher(hex(v.key), { impl })
      expect(cipher.keyLength * 8).toBe(v.keyBits)
      expect(toHex(cipher.encrypt(hex(v.plaintext)))).toBe(v.ciphertext)
      expect(toHex(cipher.decrypt(hex(v.ciphertext)))).toBe(v.plaintext)
    },
  )

  it('pads a full block with a whole extra block and an empty plaintext to one block', () => {
    const cipher = createCipher(new Uint8Array(16), { impl })
    expect(cipher.encrypt(new Uint8Array(0)).length).toBe(16)
    expect(cipher.encrypt(new Uint8Array(16)).length).toBe(32)
    expect(cipher.encrypt(new Uint8Array(17)).length).toBe(32)
  })

  it('encrypts the same plaintext twice to the same bytes (fresh zero IV per message)', () => {
    const cipher = createCipher(new Uint8Array(24).fill(7), { impl })
    const plain = Uint8Array.of(1, 2, 3)
    expect(toHex(cipher.encrypt(plain))).toBe(toHex(cipher.encrypt(plain)))
  })

  it('keeps giving fresh-IV bytes after many messages, a bad ciphertext and large messages', () => {
    const key = Uint8Array.from({ length: 24 }, (_, i) => i * 5)
    const cipher = createCipher(key, { impl })
    const reference = (plain: Uint8Array) => createPerMessageNobleCipher(key).encrypt(plain)
    for (const length of [0, 5, 16, 31, 3000, 7, 70_000, 1]) {
      const plain = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 0xff)
      const encrypted = cipher.encrypt(plain)
      expect(toHex(encrypted)).toBe(toHex(reference(plain)))
      // The first block of 16 zero bytes' ciphertext decrypts to zeros: invalid padding.
      const bad = cipher.encrypt(new Uint8Array(16)).subarray(0, 16)
      expect(() => cipher.decrypt(bad)).toThrow(ProtocolError)
      expect(toHex(cipher.decrypt(encrypted))).toBe(toHex(plain))
    }
  })

  it.each([0, 1, 15, 17, 31, 33, 64])('rejects a %i-byte key with ProtocolError', (size) => {
    expect(() => createCipher(new Uint8Array(size), { impl })).toThrow(ProtocolError)
    expect(() => impl(new Uint8Array(size))).toThrow(ProtocolError)
  })

  it.each([0, 1, 15, 17, 33])('rejects a %i-byte ciphertext with ProtocolError', (size) => {
    const cipher = createCipher(new Uint8Array(16), { impl })
    expect(() => cipher.decrypt(new Uint8Array(size))).toThrow(ProtocolError)
  })

  it('rejects bad padding with ProtocolError', () => {
    const cipher = createCipher(new Uint8Array(16), { impl })
    // Encrypt a block whose last byte is 0 (invalid PKCS#7) with padding disabled: build it by
    // taking the first block of a two-block ciphertext of 16 zero bytes.
    const twoBlocks = cipher.encrypt(new Uint8Array(16))
    const first = twoBlocks.subarray(0, 16)
    expect(() => cipher.decrypt(first)).toThrow(ProtocolError)
    // Flipping a bit of the next-to-last block corrupts the padding bytes of the last block.
    const tampered = cipher.encrypt(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17))
    tampered[15] = tampered[15]! ^ 0x01
    expect(() => cipher.decrypt(tampered)).toThrow(ProtocolError)
  })
})

describe('implementations agree', () => {
  it('gives identical ciphertexts for every key size and many lengths', () => {
    for (const size of [16, 24, 32]) {
      const key = Uint8Array.from({ length: size }, (_, i) => (i * 37 + size) & 0xff)
      const noble = createCipher(key)
      const node = createCipher(key, { impl: createNodeCipher })
      for (let length = 0; length < 70; length++) {
        const plain = Uint8Array.from({ length }, (_, i) => (i * 11 + length) & 0xff)
        const a = noble.encrypt(plain)
        expect(toHex(node.encrypt(plain))).toBe(toHex(a))
        expect(toHex(node.decrypt(a))).toBe(toHex(plain))
      }
    }
  })

  it('does not keep a reference to the caller key', () => {
    const key = new Uint8Array(16)
    const cipher = createCipher(key)
    const before = toHex(cipher.encrypt(Uint8Array.of(1)))
    key.fill(9)
    expect(toHex(cipher.encrypt(Uint8Array.of(1)))).toBe(before)
  })
})
