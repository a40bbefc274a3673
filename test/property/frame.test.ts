import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProtocolError } from '../../src/errors.js'
import { createCipher } from '../../src/protocol/cipher.js'
import { createNodeCipher } from '../../src/protocol/cipherNode.js'
import {
  decodeRequestFrame,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
  packOuterFrame,
} from '../../src/protocol/frame.js'

const keyArb = fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
const prefixArb = fc.uint8Array({ minLength: 2, maxLength: 2 })
const bytesArb = fc.uint8Array({ maxLength: 300 })

describe('frames (property)', () => {
  it('request frames round-trip', () => {
    fc.assert(
      fc.property(
        keyArb,
        fc.integer({ min: 0, max: 0xffff }),
        bytesArb,
        prefixArb,
        (key, command, payload, prefix) => {
          const cipher = createCipher(key)
          const wire = encodeRequestFrame(cipher, command, payload, prefix)
          expect(wire.length).toBe(8 + (Math.floor((payload.length + 4) / 16) + 1) * 16)
          const decoded = decodeRequestFrame(cipher, wire)
          expect(decoded.command).toBe(command)
          expect([...decoded.payload]).toEqual([...payload])
        },
      ),
      { numRuns: 200 },
    )
  })

  it('response frames round-trip and both cipher implementations agree', () => {
    fc.assert(
      fc.property(
        keyArb,
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 255 }),
        bytesArb,
        prefixArb,
        (key, command, code, body, prefix) => {
          const noble = createCipher(key)
          const node = createCipher(key, { impl: createNodeCipher })
          const wire = encodeResponseFrame(noble, command, code, body, prefix)
          expect([...encodeResponseFrame(node, command, code, body, prefix)]).toEqual([...wire])
          const decoded = decodeResponseFrame(node, wire)
          expect(decoded.command).toBe(command)
          expect(decoded.code).toBe(code)
          expect([...decoded.body]).toEqual([...body])
        },
      ),
      { numRuns: 200 },
    )
  })

  it('arbitrary bytes into the parsers only yield a frame or a ProtocolError', () => {
    const cipher = createCipher(new Uint8Array(16).fill(3))
    const check = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError)
      }
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, fixHeader) => {
        let wire: Uint8Array = bytes
        if (fixHeader) {
          // Give random bodies a correct header so the decrypt and frame paths are exercised.
          wire = packOuterFrame(bytes)
        }
        check(() => decodeResponseFrame(cipher, wire))
        check(() => decodeRequestFrame(cipher, wire))
      }),
      { numRuns: 1000 },
    )
  })

  it('random ciphertexts of whole blocks decode or fail with ProtocolError', () => {
    const cipher = createCipher(new Uint8Array(32).fill(5))
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((blocks) => fc.uint8Array({ minLength: blocks * 16, maxLength: blocks * 16 })),
        (body) => {
          try {
            const frame = decodeResponseFrame(cipher, packOuterFrame(body))
            expect(frame.body.length).toBeGreaterThanOrEqual(0)
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError)
          }
        },
      ),
      { numRuns: 500 },
    )
  })
  it('one node:crypto cipher over a stream of messages (good and corrupted) agrees with a fresh one per message', () => {
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('encrypt' as const), bytes: bytesArb }),
      fc.record({
        op: fc.constant('decrypt' as const),
        bytes: bytesArb,
        flip: fc.option(fc.nat(), { nil: undefined }),
      }),
    )
    fc.assert(
      fc.property(keyArb, fc.array(opArb, { maxLength: 20 }), (key, ops) => {
        const stream = createCipher(key, { impl: createNodeCipher })
        for (const step of ops) {
          const fresh = createCipher(key)
          if (step.op === 'encrypt') {
            expect([...stream.encrypt(step.bytes)]).toEqual([...fresh.encrypt(step.bytes)])
            continue
          }
          const cipher = fresh.encrypt(step.bytes)
          if (step.flip !== undefined) {
            const at = step.flip % cipher.length
            cipher[at] = (cipher[at] as number) ^ (1 << (step.flip % 8))
          }
          let expected: number[] | 'bad'
          try {
            expected = [...createCipher(key).decrypt(cipher)]
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError)
            expected = 'bad'
          }
          if (expected === 'bad') expect(() => stream.decrypt(cipher)).toThrow(ProtocolError)
          else expect([...stream.decrypt(cipher)]).toEqual(expected)
        }
      }),
      { numRuns: 300 },
    )
  })
})
