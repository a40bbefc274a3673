/** Loads the wire-layer golden vectors (crypto.json, frames.json) vendored in `test/fixtures/protocol`. */
import { readFileSync } from 'node:fs'
import * as path from 'node:path'

const root = path.resolve(import.meta.dirname, '../fixtures/protocol')

export interface AesVector {
  id: string
  keyBits: number
  key: string
  iv: string
  plaintext: string
  ciphertext: string
}

export interface CryptoVectors {
  initialKey: { obfuscated: string; decodedHexString: string; keyHex: string; keyBits: number }
  aes: AesVector[]
}

export interface FrameVector {
  id: string
  direction: 'client->server' | 'server->client'
  command: number
  code?: number
  key: string
  keyHex: string
  inner: string
  encrypted: string
  wire: string
  bodyParts?: { reserved_u16: number; token: string; sessionKey: string }
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(root, 'vectors', file), 'utf8')) as T
}

export const cryptoVectors: CryptoVectors = load('crypto.json')
export const frameVectors: FrameVector[] = load<{ frames: FrameVector[] }>('frames.json').frames

export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'))
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
