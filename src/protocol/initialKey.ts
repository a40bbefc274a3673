/**
 * The initial AES-256 key used for the bootstrap exchange only (docs/architecture.md#frames-and-encryption).
 * The official client
 * stores it obfuscated; this module decodes it the same way so the constant stays checkable.
 */
import { ProtocolError } from '../errors.js'

/** The obfuscated 64-character constant of the official client. */
export const INITIAL_KEY_OBFUSCATED = '13ef13b2b76dd8:5795gdcfb2fdc1ge85bf768f54773d22fff996e3ge75g5:75'

/**
 * Undoes the official obfuscation: every character becomes the one whose code is one lower,
 * except code 28 → `&` and code 23 → `!`. Returns the resulting string (a hex string for keys).
 */
export function deobfuscate(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    out += code === 28 ? '&' : code === 23 ? '!' : String.fromCharCode(code - 1)
  }
  return out
}

/** Decodes a hex string (even length, 0-9a-f) into bytes; anything else → `ProtocolError`. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new ProtocolError('not a hex string', { schema: 'hex' })
  }
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** Decodes an obfuscated key constant into key bytes. */
export function decodeObfuscatedKey(obfuscated: string): Uint8Array {
  return hexToBytes(deobfuscate(obfuscated))
}

/** The initial key, 32 bytes: `02de02a1…4f4964`. Copy before handing it to code that mutates. */
export const INITIAL_KEY: Uint8Array = decodeObfuscatedKey(INITIAL_KEY_OBFUSCATED)
