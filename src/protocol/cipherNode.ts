/**
 * Node-only fast path of the frame cipher, over `node:crypto` (OpenSSL, AES-NI). Never imported
 * by browser code: the Node entry point passes `createNodeCipher` as `impl` to `createCipher`.
 * Behaves exactly like `createNobleCipher` (same bytes, same errors).
 *
 * Creating a cipher context costs more than the AES work of a typical frame, so each direction
 * keeps one context per key, without auto-padding, for the life of the key. A kept CBC context
 * chains: its state after a message is that message's last ciphertext block, while the protocol
 * starts every message from the zero IV. Both directions undo the chaining on the first block
 * only (CBC: `P0 = D(C0) ⊕ IV`, `C0 = E(P0 ⊕ IV)`), so a kept context gives the same bytes as a
 * fresh one:
 * - decrypt: `D(C0) ⊕ prev` comes out, XOR-ing `prev` back gives `D(C0) ⊕ 0`;
 * - encrypt: feeding `P0 ⊕ prev` gives `E(P0 ⊕ prev ⊕ prev) = E(P0 ⊕ 0)`.
 * PKCS#7 is added and checked here, the same way noble does it.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'
import {
  AES_BLOCK_SIZE,
  assertAesKey,
  assertCiphertextLength,
  type FrameCipher,
  pkcs7PaddingLength,
  ZERO_IV,
} from './cipherCore.js'

/** AES-CBC(zero IV, PKCS#7) over `node:crypto`, one kept context per direction. */
export function createNodeCipher(key: Uint8Array): FrameCipher {
  assertAesKey(key)
  const keyLength = key.length
  const algorithm = ALGORITHMS[keyLength as 16 | 24 | 32]
  // Created on first use: most keys only ever decrypt many and encrypt few frames (or none, on
  // the simulator's side of a push-only connection), and an idle connection keeps neither.
  let encryptor: ReturnType<typeof createCipheriv> | undefined
  let decryptor: ReturnType<typeof createDecipheriv> | undefined
  // One buffer per key (issue #12, memory per connection): at 0 the decrypt chain and at 16 the
  // encrypt chain (the last ciphertext block each kept context consumed or produced), at 32 the key.
  const state = new Uint8Array(2 * AES_BLOCK_SIZE + keyLength)
  state.set(key, KEY_AT)
  return {
    keyLength,
    encrypt(plain) {
      if (encryptor === undefined) {
        encryptor = createCipheriv(algorithm, state.subarray(KEY_AT), ZERO_IV)
        encryptor.setAutoPadding(false)
      }
      const length = (Math.floor(plain.length / AES_BLOCK_SIZE) + 1) * AES_BLOCK_SIZE
      let input: Uint8Array
      if (length > SCRATCH_LIMIT) input = new Uint8Array(length)
      else input = scratch.subarray(0, length)
      input.set(plain, 0)
      input.fill(length - plain.length, plain.length)
      for (let i = 0; i < AES_BLOCK_SIZE; i++) input[i] = input[i]! ^ state[ENCRYPT_CHAIN_AT + i]!
      const out = encryptor.update(input)
      state.set(out.subarray(length - AES_BLOCK_SIZE), ENCRYPT_CHAIN_AT)
      return new Uint8Array(out.buffer, out.byteOffset, length)
    },
    decrypt(cipher) {
      assertCiphertextLength(cipher)
      if (decryptor === undefined) {
        decryptor = createDecipheriv(algorithm, state.subarray(KEY_AT), ZERO_IV)
        decryptor.setAutoPadding(false)
      }
      const out = decryptor.update(cipher)
      for (let i = 0; i < AES_BLOCK_SIZE; i++) out[i] = out[i]! ^ state[i]!
      state.set(cipher.subarray(cipher.length - AES_BLOCK_SIZE), 0)
      return new Uint8Array(out.buffer, out.byteOffset, out.length - pkcs7PaddingLength(out))
    },
  }
}

/** Largest padded plaintext `encrypt` copies into its kept buffer (client requests fit). */
const SCRATCH_LIMIT = 2048

/** Offsets in the per-key state buffer (the decrypt chain is at 0). */
const ENCRYPT_CHAIN_AT = AES_BLOCK_SIZE
const KEY_AT = 2 * AES_BLOCK_SIZE

/** node:crypto's name of AES-CBC per key length (`assertAesKey` allows these three). */
const ALGORITHMS = { 16: 'aes-128-cbc', 24: 'aes-192-cbc', 32: 'aes-256-cbc' } as const

/**
 * Input buffer of every `encrypt` of a small message (the padded plaintext; node writes the output
 * elsewhere). One per process, not per key: `encrypt` is synchronous and `update` copies its
 * input, so no call can see another's bytes; a connection keeps no buffer of its own (issue #12).
 */
const scratch = new Uint8Array(SCRATCH_LIMIT)
