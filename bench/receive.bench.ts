/**
 * The full receive path of one 50-tick push (cmd 8): outer unpack → AES-CBC decrypt → response
 * frame → 50 × `tickSchema.decode` (records back to back). Noble vs node:crypto.
 */
import { bench, describe } from 'vitest'
import { tickSchema } from '../src/codec/schemas/tick.js'
import { createCipher, type FrameCipher } from '../src/protocol/cipher.js'
import { createNodeCipher } from '../src/protocol/cipherNode.js'
import { decodeResponseFrame, encodeResponseFrame } from '../src/protocol/frame.js'

const TICKS = 50
const key = Uint8Array.from({ length: 16 }, (_, i) => i)
const body = new Uint8Array(TICKS * tickSchema.size)
{
  const view = new DataView(body.buffer)
  for (let i = 0; i < TICKS; i++) {
    tickSchema.encodeInto(view, i * tickSchema.size, {
      symbolId: i + 1,
      tickTime: 1_700_000_000 + i,
      fields: 3,
      bid: 108_543 + i,
      ask: 108_545 + i,
      last: 0,
      tickVolume: 100_000_000n,
      timeMsDelta: i * 7,
      flags: 0,
    })
  }
}
const wire = encodeResponseFrame(createCipher(key), 8, 0, body, Uint8Array.of(0x12, 0x34))

function receive(cipher: FrameCipher): number {
  const frame = decodeResponseFrame(cipher, wire)
  const view = new DataView(frame.body.buffer, frame.body.byteOffset, frame.body.byteLength)
  const count = Math.floor(frame.body.length / tickSchema.size)
  let sum = 0
  for (let i = 0; i < count; i++) sum += tickSchema.decode(view, i * tickSchema.size).symbolId
  return sum
}

const noble = createCipher(key)
const node = createCipher(key, { impl: createNodeCipher })
const expected = (TICKS * (TICKS + 1)) / 2
if (receive(noble) !== expected || receive(node) !== expected) throw new Error('receive path broken')

describe(`receive one ${TICKS}-tick push (${wire.length} B on the wire)`, () => {
  bench('noble', () => {
    receive(noble)
  })
  bench('node:crypto', () => {
    receive(node)
  })
  bench('decode ticks only (no cipher)', () => {
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
    for (let i = 0; i < TICKS; i++) tickSchema.decode(view, i * tickSchema.size)
  })
})
