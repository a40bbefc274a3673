import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProtocolError } from '../../src/errors.js'
import { type CipherFactory, createNobleCipher } from '../../src/protocol/cipher.js'
import { createPerMessageNobleCipher } from '../../src/protocol/cipherNoble.js'
import { createNodeCipher } from '../../src/protocol/cipherNode.js'

const keyArb = fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
/** One step on a kept cipher: encrypt, decrypt what it encrypted, or decrypt random blocks. */
const stepArb = fc.oneof(
  fc.record({ op: fc.constant('roundTrip' as const), bytes: fc.uint8Array({ maxLength: 100 }) }),
  fc.record({
    op: fc.constant('randomBlocks' as const),
    bytes: fc
      .integer({ min: 1, max: 4 })
      .chain((n) => fc.uint8Array({ minLength: n * 16, maxLength: n * 16 })),
  }),
)

/** The bytes or the error class of one call. */
function outcome(fn: () => Uint8Array): string {
  try {
    return Buffer.from(fn()).toString('hex')
  } catch (error) {
    return error instanceof ProtocolError ? 'ProtocolError' : `unexpected ${String(error)}`
  }
}

describe.each([
  ['node:crypto', createNodeCipher],
  ['noble', createNobleCipher],
] as [string, CipherFactory][])('kept %s cipher (property)', (_name, impl) => {
  it('gives the bytes and errors of a fresh cbc instance per message, in any order of messages', () => {
    fc.assert(
      fc.property(keyArb, fc.array(stepArb, { maxLength: 12 }), (key, steps) => {
        const kept = impl(key)
        for (const step of steps) {
          const fresh = () => createPerMessageNobleCipher(key)
          if (step.op === 'roundTrip') {
            const encrypted = kept.encrypt(step.bytes)
            expect(Buffer.from(encrypted).toString('hex')).toBe(outcome(() => fresh().encrypt(step.bytes)))
            expect(outcome(() => kept.decrypt(encrypted))).toBe(Buffer.from(step.bytes).toString('hex'))
          } else {
            expect(outcome(() => kept.decrypt(step.bytes))).toBe(outcome(() => fresh().decrypt(step.bytes)))
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
