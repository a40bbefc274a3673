/**
 * The full receive path of one 50-tick push (cmd 8): outer unpack → AES-CBC decrypt → response
 * frame → `decodeTickRecords` (50 records back to back). Noble vs node:crypto, and the reference:
 * a hand-written loop that keeps one node:crypto decipher context for the key (no padding, the
 * first block corrected by the previous ciphertext block, PKCS#7 checked by hand) and decodes the
 * records with the hand-written DataView decoder of bench/handwritten/ticks.ts (same records).
 * Target: node:crypto within 1.2× of that loop.
 */
import { bench, describe } from 'vitest'
import { receiveTasks, TICKS, wire } from './receivePath.js'

describe(`receive one ${TICKS}-tick push (${wire.length} B on the wire)`, () => {
  for (const [name, task] of Object.entries(receiveTasks)) {
    bench(name, () => {
      task()
    })
  }
})
