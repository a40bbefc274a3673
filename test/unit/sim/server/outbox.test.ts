import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as ws from 'ws'
import { createNodeCipher } from '../../../../src/protocol/cipherNode.js'
import { encodeResponseFrame } from '../../../../src/protocol/frame.js'
import { createOutbox, encryptResponse, packMessages } from '../../../../src/sim/server/outbox.js'

/** `ws`'s frame parser (exported by `ws`, not declared by @types/ws). */
const { Receiver } = ws as unknown as {
  Receiver: new (options: {
    isServer: boolean
    binaryType: string
  }) => NodeJS.WritableStream & {
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void
    on(event: 'error', listener: (error: Error) => void): void
  }
}

/** The WebSocket messages in `bytes`, as `ws`'s own parser (client side) reads them. */
function parse(bytes: Uint8Array): Buffer[] {
  const messages: Buffer[] = []
  const receiver = new Receiver({ isServer: false, binaryType: 'nodebuffer' })
  receiver.on('message', (data: Buffer, isBinary: boolean) => {
    expect(isBinary).toBe(true)
    messages.push(data)
  })
  receiver.on('error', (error) => {
    throw error
  })
  receiver.write(Buffer.from(bytes))
  return messages
}

const keyArb = fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
/** A frame to send; bodies around the WebSocket length forms (< 126, < 65,536, larger). */
const frameArb = fc.record({
  command: fc.integer({ min: 0, max: 0xffff }),
  code: fc.integer({ min: 0, max: 255 }),
  prefix: fc.tuple(fc.integer({ min: 0, max: 254 }), fc.integer({ min: 0, max: 254 })),
  size: fc.oneof(
    fc.integer({ min: 0, max: 140 }),
    fc.integer({ min: 0x10000 - 40, max: 0x10000 + 40 }),
    fc.integer({ min: 0, max: 3000 }),
  ),
})

describe('sim outbox (property)', () => {
  it('writes the bytes `encodeResponseFrame` + `ws.send` would, one WebSocket message per frame', () => {
    fc.assert(
      fc.property(keyArb, fc.array(frameArb, { minLength: 1, maxLength: 6 }), (key, frames) => {
        const sim = createNodeCipher(key)
        const reference = createNodeCipher(key)
        const bodies = frames.map((f, i) => new Uint8Array(f.size).fill(i + 1))
        const wire = packMessages(
          frames.map((f, i) => encryptResponse(sim, f.command, f.code, bodies[i]!, ...f.prefix)),
        )
        const expected = frames.map((f, i) =>
          Buffer.from(
            encodeResponseFrame(reference, f.command, f.code, bodies[i]!, Uint8Array.from(f.prefix)),
          ).toString('hex'),
        )
        // Compared as hex: deep equality of 64 KB buffers element by element is slow.
        expect(parse(wire).map((m) => m.toString('hex'))).toEqual(expected)
      }),
      { numRuns: 60 },
    )
  })
})

describe('sim outbox', () => {
  it('writes the frames of one turn in one write, in order, and nothing once the socket is gone', async () => {
    const writes: Uint8Array[] = []
    let writable = true
    let written = 0
    const outbox = createOutbox(
      { write: (bytes) => writes.push(bytes) },
      () => writable,
      () => {
        written += 1
      },
    )
    const cipher = createNodeCipher(new Uint8Array(16).fill(7))
    for (let i = 0; i < 3; i++) outbox.add(encryptResponse(cipher, 8, 0, new Uint8Array(50 * i)))
    expect(writes).toEqual([])
    await new Promise((resolve) => process.nextTick(resolve))
    expect(writes).toHaveLength(1)
    expect(written).toBe(1)
    const decoder = createNodeCipher(new Uint8Array(16).fill(7))
    expect(parse(writes[0]!).map((m) => decoder.decrypt(m.subarray(8)).length)).toEqual([5, 55, 105])
    // `flush` writes at once (before a drop or a close); a socket that closed meanwhile gets nothing.
    outbox.add(encryptResponse(cipher, 8, 0, new Uint8Array(1)))
    outbox.flush()
    expect(writes).toHaveLength(2)
    writable = false
    outbox.add(encryptResponse(cipher, 8, 0, new Uint8Array(1)))
    await new Promise((resolve) => process.nextTick(resolve))
    expect(writes).toHaveLength(2)
    expect(written).toBe(2)
  })
})
