import { describe, expect, it } from 'vitest'
import { ProtocolError } from '../../../src/errors.js'
import {
  decodeObfuscatedKey,
  deobfuscate,
  hexToBytes,
  INITIAL_KEY,
  INITIAL_KEY_OBFUSCATED,
} from '../../../src/protocol/initialKey.js'
import { cryptoVectors, toHex } from '../../helpers/vectors-wire.js'

describe('initial key', () => {
  it('is the documented obfuscated constant', () => {
    expect(INITIAL_KEY_OBFUSCATED).toBe(cryptoVectors.initialKey.obfuscated)
  })

  it('decodes to the vector key (32 bytes)', () => {
    expect(deobfuscate(INITIAL_KEY_OBFUSCATED)).toBe(cryptoVectors.initialKey.decodedHexString)
    expect(INITIAL_KEY.length * 8).toBe(cryptoVectors.initialKey.keyBits)
    expect(toHex(INITIAL_KEY)).toBe(cryptoVectors.initialKey.keyHex)
    expect(toHex(decodeObfuscatedKey(INITIAL_KEY_OBFUSCATED))).toBe(cryptoVectors.initialKey.keyHex)
  })

  it('maps code 28 to & and code 23 to !, every other char to code − 1', () => {
    expect(deobfuscate(String.fromCharCode(28, 23, 50, 98))).toBe('&!1a')
  })

  it('rejects a string that is not hex', () => {
    expect(() => hexToBytes('abc')).toThrow(ProtocolError)
    expect(() => hexToBytes('zz')).toThrow(ProtocolError)
    expect(() => decodeObfuscatedKey('h1')).toThrow(ProtocolError)
  })
})
