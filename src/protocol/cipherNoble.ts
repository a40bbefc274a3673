/**
 * Pure-JS AES-CBC with `@noble/ciphers` (browser-safe).
 *
 * A noble `cbc` instance refuses to encrypt twice with the same key and IV, which is exactly what
 * the protocol does, and it expands the key again on every call. So the CBC loop is written here
 * over noble's exported single-block primitives (`unsafe.encrypt` / `unsafe.decrypt` on expanded
 * keys), and each key is expanded once, on first use of each direction. Noble marks that export
 * as internal ("may change at any time"): when it is missing, or on a big-endian platform, every
 * message goes through a fresh `cbc` instance as before. The unit and property tests compare both
 * paths with the AES vectors and with node:crypto.
 */
import { cbc, unsafe } from '@noble/ciphers/aes.js'
import { ProtocolError } from '../errors.js'
import {
  AES_BLOCK_SIZE,
  assertAesKey,
  assertCiphertextLength,
  type FrameCipher,
  pkcs7PaddingLength,
  ZERO_IV,
} from './cipherCore.js'

type Block = { s0: number; s1: number; s2: number; s3: number }
/** Noble's AES rounds on one block of four little-endian words. */
type BlockFn = (xk: Uint32Array, s0: number, s1: number, s2: number, s3: number) => Block
interface Primitives {
  expandKeyLE(key: Uint8Array): Uint32Array
  expandKeyDecLE(key: Uint8Array): Uint32Array
  encrypt: BlockFn
  decrypt: BlockFn
}

const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1

/** Noble's block primitives if this noble version exports them and words are little-endian. */
function primitives(): Primitives | undefined {
  const p = unsafe as Partial<Primitives> | undefined
  if (!littleEndian || p === undefined) return undefined
  const { expandKeyLE, expandKeyDecLE, encrypt, decrypt } = p
  if (
    typeof expandKeyLE !== 'function' ||
    typeof expandKeyDecLE !== 'function' ||
    typeof encrypt !== 'function' ||
    typeof decrypt !== 'function'
  ) {
    return undefined
  }
  return { expandKeyLE, expandKeyDecLE, encrypt, decrypt }
}

const blockPrimitives = primitives()

/** AES-CBC(zero IV, PKCS#7) over `@noble/ciphers`. */
export function createNobleCipher(key: Uint8Array): FrameCipher {
  assertAesKey(key)
  const k = key.slice()
  return blockPrimitives === undefined ? perMessageCipher(k) : keptKeyCipher(k, blockPrimitives)
}

/**
 * One noble `cbc` instance per message: the fallback without block primitives.
 * @internal exported for the tests, which run it like the other implementations.
 */
export function createPerMessageNobleCipher(key: Uint8Array): FrameCipher {
  assertAesKey(key)
  return perMessageCipher(key.slice())
}

function perMessageCipher(k: Uint8Array): FrameCipher {
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

/** The CBC loop over noble's block primitives with each direction's key expanded once. */
function keptKeyCipher(k: Uint8Array, p: Primitives): FrameCipher {
  const { encrypt: encryptBlock, decrypt: decryptBlock } = p
  let encryptKey: Uint32Array | undefined
  let decryptKey: Uint32Array | undefined
  return {
    keyLength: k.length,
    encrypt(plain) {
      encryptKey ??= p.expandKeyLE(k)
      const length = (Math.floor(plain.length / AES_BLOCK_SIZE) + 1) * AES_BLOCK_SIZE
      const out = new Uint8Array(length)
      out.set(plain, 0)
      out.fill(length - plain.length, plain.length)
      const w = new Uint32Array(out.buffer, 0, length / 4)
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let i = 0; i < w.length; i += 4) {
        const c = encryptBlock(encryptKey, s0 ^ w[i]!, s1 ^ w[i + 1]!, s2 ^ w[i + 2]!, s3 ^ w[i + 3]!)
        s0 = c.s0
        s1 = c.s1
        s2 = c.s2
        s3 = c.s3
        w[i] = s0
        w[i + 1] = s1
        w[i + 2] = s2
        w[i + 3] = s3
      }
      return out
    },
    decrypt(cipher) {
      assertCiphertextLength(cipher)
      decryptKey ??= p.expandKeyDecLE(k)
      // Word views need 4-byte alignment; a frame's body often sits at an odd offset.
      const aligned = cipher.byteOffset % 4 === 0 ? cipher : cipher.slice()
      const c = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4)
      const out = new Uint8Array(cipher.length)
      const w = new Uint32Array(out.buffer, 0, c.length)
      let p0 = 0
      let p1 = 0
      let p2 = 0
      let p3 = 0
      for (let i = 0; i < c.length; i += 4) {
        const c0 = c[i]!
        const c1 = c[i + 1]!
        const c2 = c[i + 2]!
        const c3 = c[i + 3]!
        const d = decryptBlock(decryptKey, c0, c1, c2, c3)
        w[i] = d.s0 ^ p0
        w[i + 1] = d.s1 ^ p1
        w[i + 2] = d.s2 ^ p2
        w[i + 3] = d.s3 ^ p3
        p0 = c0
        p1 = c1
        p2 = c2
        p3 = c3
      }
      return out.subarray(0, out.length - pkcs7PaddingLength(out))
    },
  }
}
