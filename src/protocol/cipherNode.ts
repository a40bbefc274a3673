/**
 * Node-only fast path of the frame cipher, over `node:crypto` (OpenSSL, AES-NI). Never imported
 * by browser code: the Node entry point passes `createNodeCipher` as `impl` to `createCipher`.
 * Behaves exactly like `createNobleCipher` (same bytes, same errors).
 *
 * One OpenSSL context per direction lives as long as the key, instead of one per frame (building
 * a context costs more than encrypting a trade request): padding is off, and each message starts
 * from a zero IV by XOR-ing its first block with the chaining block the context carries over from
 * the previous message (CBC: C1 = E(P1 ⊕ IV), so E((P1 ⊕ last) ⊕ last) = E(P1 ⊕ 0)). PKCS#7 padding
 * is added and checked here.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import { ProtocolError } from '../errors.js'
import {
  AES_BLOCK_SIZE,
  assertAesKey,
  assertCiphertextLength,
  type FrameCipher,
  ZERO_IV,
} from './cipherCore.js'

/** AES-CBC(zero IV, PKCS#7) over `node:crypto`. */
export function createNodeCipher(key: Uint8Array): FrameCipher {
  assertAesKey(key)
  const k = Uint8Array.from(key)
  const algorithm = `aes-${k.length * 8}-cbc`
  const open = (decipher: boolean) => {
    const c = decipher ? createDecipheriv(algorithm, k, ZERO_IV) : createCipheriv(algorithm, k, ZERO_IV)
    c.setAutoPadding(false)
    return c
  }
  let enc = open(false)
  let dec = open(true)
  /** The last ciphertext block each context chains from (zero at first). */
  let encChain: Uint8Array = new Uint8Array(AES_BLOCK_SIZE)
  let decChain: Uint8Array = new Uint8Array(AES_BLOCK_SIZE)
  return {
    keyLength: k.length,
    encrypt(plain) {
      const pad = AES_BLOCK_SIZE - (plain.length % AES_BLOCK_SIZE)
      const padded = new Uint8Array(plain.length + pad)
      padded.set(plain, 0)
      padded.fill(pad, plain.length)
      for (let i = 0; i < AES_BLOCK_SIZE; i++) padded[i] = (padded[i] as number) ^ (encChain[i] as number)
      let out: Uint8Array
      try {
        out = enc.update(padded)
      } catch (cause) {
        // the context's chaining state is unknown now: start a fresh one
        enc = open(false)
        encChain = new Uint8Array(AES_BLOCK_SIZE)
        throw new ProtocolError('AES-CBC encryption failed', { schema: 'AES-CBC' }, { cause })
      }
      encChain = out.slice(out.length - AES_BLOCK_SIZE)
      return out
    },
    decrypt(cipher) {
      assertCiphertextLength(cipher)
      let out: Uint8Array
      try {
        out = dec.update(cipher)
      } catch (cause) {
        dec = open(true)
        decChain = new Uint8Array(AES_BLOCK_SIZE)
        throw new ProtocolError('AES-CBC decryption failed', { schema: 'AES-CBC' }, { cause })
      }
      for (let i = 0; i < AES_BLOCK_SIZE; i++) out[i] = (out[i] as number) ^ (decChain[i] as number)
      decChain = cipher.slice(cipher.length - AES_BLOCK_SIZE)
      const pad = out[out.length - 1] as number
      let valid = pad >= 1 && pad <= AES_BLOCK_SIZE
      for (let i = out.length - pad; valid && i < out.length; i++) valid = out[i] === pad
      if (!valid) throw new ProtocolError('AES-CBC decryption failed (bad padding)', { schema: 'AES-CBC' })
      return new Uint8Array(out.buffer, out.byteOffset, out.length - pad)
    },
  }
}
