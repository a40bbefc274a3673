/**
 * Tasks of bench/receive.bench.ts and bench/ratios.ts: the full receive path of one 50-tick push (cmd 8): outer unpack → AES-CBC decrypt → response
 * frame → `decodeTickRecords` (50 records back to back). Noble vs node:crypto, and the reference:
 * a hand-written loop that keeps one node:crypto decipher context for the key (no padding, the
 * first block corrected by the previous ciphertext block, PKCS#7 checked by hand) and decodes the
 * records with the hand-written DataView decoder of bench/handwritten/ticks.ts (same records).
 * Target: node:crypto within 1.2× of that loop.
 */
import { createDecipheriv } from 'node:crypto'
import { decodeTickRecords } from '../src/codec/messages/ticks.js'
import { tickSchema } from '../src/codec/schemas/tick.js'
import { createCipher, type FrameCipher } from '../src/protocol/cipher.js'
import { createPerMessageNobleCipher } from '../src/protocol/cipherNoble.js'
import { createNodeCipher } from '../src/protocol/cipherNode.js'
import { decodeResponseFrame, encodeResponseFrame } from '../src/protocol/frame.js'
import { handDecodeTickRecords } from './handwritten/ticks.js'

export const TICKS = 50
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
export const wire = encodeResponseFrame(createCipher(key), 8, 0, body, Uint8Array.of(0x12, 0x34))

function receive(cipher: FrameCipher): number {
  const records = decodeTickRecords(decodeResponseFrame(cipher, wire).body)
  let sum = 0
  for (const record of records) sum += record.symbolId
  return sum
}

/** The hand-written reference: one decipher context for the key, reused for every frame. */
function handReceiver(aesKey: Uint8Array): (frame: Uint8Array) => number {
  const decipher = createDecipheriv(`aes-${aesKey.length * 8}-cbc`, aesKey, new Uint8Array(16))
  decipher.setAutoPadding(false)
  const last = new Uint8Array(16)
  return (frame) => {
    const outer = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
    const length = outer.getUint32(0, true)
    if (length !== frame.length - 8 || length === 0 || length % 16 !== 0) throw new Error('bad frame')
    const encrypted = frame.subarray(8)
    const plain = decipher.update(encrypted)
    for (let i = 0; i < 16; i++) plain[i] = plain[i]! ^ last[i]!
    last.set(encrypted.subarray(length - 16))
    const pad = plain[length - 1]!
    if (pad === 0 || pad > 16) throw new Error('bad padding')
    for (let i = length - pad; i < length; i++) if (plain[i] !== pad) throw new Error('bad padding')
    const records = handDecodeTickRecords(plain.subarray(5, length - pad))
    let sum = 0
    for (const record of records) sum += record.symbolId
    return sum
  }
}

const noble = createCipher(key)
const node = createCipher(key, { impl: createNodeCipher })
const noblePerMessage = createCipher(key, { impl: createPerMessageNobleCipher })
const hand = handReceiver(key)
const expected = (TICKS * (TICKS + 1)) / 2
for (let i = 0; i < 3; i++) {
  if (
    receive(noble) !== expected ||
    receive(noblePerMessage) !== expected ||
    receive(node) !== expected ||
    hand(wire) !== expected
  ) {
    throw new Error('receive path broken')
  }
}

/** The receive-path tasks, by name; each returns the sum of the pushed symbol ids. */
export const receiveTasks: Record<string, () => unknown> = {
  noble: () => receive(noble),
  'noble, a cbc instance per message (the fallback)': () => receive(noblePerMessage),
  'node:crypto': () => receive(node),
  'hand-written, one kept decipher context (reference)': () => hand(wire),
  'decode ticks only (no cipher)': () => decodeTickRecords(body),
}
