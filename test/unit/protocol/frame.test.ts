import { describe, expect, it } from 'vitest'
import {
  decodeBootstrapReply,
  encodeBootstrapReply,
  encodeBootstrapRequest,
} from '../../../src/codec/messages/bootstrap.js'
import { ProtocolError, ValidationError } from '../../../src/errors.js'
import { createCipher } from '../../../src/protocol/cipher.js'
import {
  decodeRequestFrame,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
  packOuterFrame,
  randomPrefix,
  unpackOuterFrame,
} from '../../../src/protocol/frame.js'
import { INITIAL_KEY } from '../../../src/protocol/initialKey.js'
import { frameVectors, hex, toHex } from '../../helpers/vectors-wire.js'

describe('golden frames (vectors/frames.json)', () => {
  it('has all six kinds of frames', () => {
    expect(frameVectors.map((f) => f.id)).toEqual(
      expect.arrayContaining(['bootstrap_request', 'bootstrap_response', 'ping_request', 'tick_push']),
    )
  })

  it.each(frameVectors.map((f) => [f.id, f] as const))('%s: encodes and decodes byte for byte', (_id, f) => {
    const cipher = createCipher(hex(f.keyHex))
    if (f.key === 'initial') expect(toHex(INITIAL_KEY)).toBe(f.keyHex)
    const inner = hex(f.inner)
    const prefix = inner.subarray(0, 2)
    const wire = hex(f.wire)
    expect(toHex(unpackOuterFrame(wire))).toBe(f.encrypted)
    if (f.direction === 'client->server') {
      const payload = inner.subarray(4)
      expect(toHex(encodeRequestFrame(cipher, f.command, payload, prefix))).toBe(f.wire)
      const decoded = decodeRequestFrame(cipher, wire)
      expect(decoded.command).toBe(f.command)
      expect(toHex(decoded.payload)).toBe(toHex(payload))
    } else {
      const body = inner.subarray(5)
      expect(toHex(encodeResponseFrame(cipher, f.command, f.code ?? 0, body, prefix))).toBe(f.wire)
      const decoded = decodeResponseFrame(cipher, wire)
      expect(decoded.command).toBe(f.command)
      expect(decoded.code).toBe(f.code)
      expect(toHex(decoded.body)).toBe(toHex(body))
    }
  })

  it('bootstrap request is 88 bytes on the wire with 64 zero token bytes', () => {
    const wire = encodeRequestFrame(
      createCipher(INITIAL_KEY),
      0,
      encodeBootstrapRequest(),
      Uint8Array.of(0x12, 0x34),
    )
    expect(wire.length).toBe(88)
    expect(toHex(wire)).toBe(frameVectors.find((f) => f.id === 'bootstrap_request')!.wire)
  })

  it('frames encoded back to back stay intact (the plaintext buffer is reused), larger ones too', () => {
    const cipher = createCipher(INITIAL_KEY)
    const payloads = [new Uint8Array(248).fill(1), new Uint8Array(2000).fill(2), new Uint8Array(3).fill(3)]
    const wires = payloads.map((p) => encodeRequestFrame(cipher, 12, p))
    wires.forEach((wire, i) => {
      const decoded = decodeRequestFrame(cipher, wire)
      expect(decoded.command).toBe(12)
      expect(toHex(decoded.payload)).toBe(toHex(payloads[i]!))
      // the random prefix, as the official client draws it: two bytes 0–254
      const plain = cipher.decrypt(unpackOuterFrame(wire))
      expect(plain[0]).toBeLessThan(255)
      expect(plain[1]).toBeLessThan(255)
    })
  })

  it('bootstrap reply body decodes into build, token and session key', () => {
    const f = frameVectors.find((v) => v.id === 'bootstrap_response')!
    const { body } = decodeResponseFrame(createCipher(INITIAL_KEY), hex(f.wire))
    const reply = decodeBootstrapReply(body)
    expect(reply.reserved).toBe(f.bodyParts!.reserved_u16)
    expect(toHex(reply.token)).toBe(f.bodyParts!.token)
    expect(toHex(reply.sessionKey)).toBe(f.bodyParts!.sessionKey)
    expect(toHex(encodeBootstrapReply(reply))).toBe(toHex(body))
  })
})

describe('bootstrap bodies', () => {
  it.each([16, 24, 32])('accepts a %i-byte session key', (size) => {
    const body = encodeBootstrapReply({
      reserved: 5687,
      token: new Uint8Array(64).fill(1),
      sessionKey: new Uint8Array(size),
    })
    expect(decodeBootstrapReply(body).sessionKey.length).toBe(size)
  })
  it.each([0, 8, 15, 20, 33])('rejects a %i-byte session key', (size) => {
    const body = new Uint8Array(66 + size)
    expect(() => decodeBootstrapReply(body)).toThrow(ProtocolError)
  })
  it('rejects a body shorter than 66 bytes', () => {
    expect(() => decodeBootstrapReply(new Uint8Array(65))).toThrow(ProtocolError)
  })
  it('keeps a resume token and rejects one of the wrong size', () => {
    const token = new Uint8Array(64).fill(0xab)
    expect(toHex(encodeBootstrapRequest(token))).toBe('ab'.repeat(64))
    expect(toHex(encodeBootstrapRequest())).toBe('00'.repeat(64))
    expect(() => encodeBootstrapRequest(new Uint8Array(63))).toThrow(ValidationError)
  })
})

describe('outer frame', () => {
  it('writes the body length and version 1', () => {
    expect(toHex(packOuterFrame(new Uint8Array(16)))).toBe(`1000000001000000${'00'.repeat(16)}`)
  })
  it('rejects frames shorter than the header', () => {
    for (let n = 0; n < 8; n++) expect(() => unpackOuterFrame(new Uint8Array(n))).toThrow(ProtocolError)
  })
  it('rejects a body length that does not match the real length', () => {
    const wire = packOuterFrame(new Uint8Array(16))
    expect(() => unpackOuterFrame(wire.subarray(0, 23))).toThrow(ProtocolError)
    const longer = new Uint8Array(25)
    longer.set(wire)
    expect(() => unpackOuterFrame(longer)).toThrow(/header says 16/)
  })
  it('accepts a frame that is a view into a larger buffer', () => {
    const wire = packOuterFrame(Uint8Array.of(1, 2, 3))
    const big = new Uint8Array(wire.length + 10)
    big.set(wire, 5)
    expect([...unpackOuterFrame(big.subarray(5, 5 + wire.length))]).toEqual([1, 2, 3])
  })
})

describe('inner frames', () => {
  const cipher = createCipher(new Uint8Array(16))
  it('rejects a response frame shorter than 5 bytes', () => {
    for (let n = 0; n < 5; n++) {
      const wire = packOuterFrame(cipher.encrypt(new Uint8Array(n)))
      expect(() => decodeResponseFrame(cipher, wire)).toThrow(ProtocolError)
    }
    expect(
      decodeResponseFrame(cipher, packOuterFrame(cipher.encrypt(Uint8Array.of(0, 0, 51, 0, 0)))).command,
    ).toBe(51)
  })
  it('rejects a request frame shorter than 4 bytes', () => {
    const wire = packOuterFrame(cipher.encrypt(new Uint8Array(3)))
    expect(() => decodeRequestFrame(cipher, wire)).toThrow(ProtocolError)
  })
  it('reads 16-bit command ids little-endian', () => {
    const wire = encodeResponseFrame(cipher, 0x1234, 255, Uint8Array.of(9))
    expect(decodeResponseFrame(cipher, wire)).toMatchObject({ command: 0x1234, code: 255 })
  })
  it('rejects a wrong key as ProtocolError (bad padding) in nearly every case', () => {
    const other = createCipher(new Uint8Array(16).fill(1))
    const wire = encodeResponseFrame(cipher, 51, 0, new Uint8Array(0), Uint8Array.of(1, 2))
    expect(() => decodeResponseFrame(other, wire)).toThrow(ProtocolError)
  })
  it('validates command, code and prefix on encode', () => {
    expect(() => encodeRequestFrame(cipher, 70000, new Uint8Array(0))).toThrow(ValidationError)
    expect(() => encodeResponseFrame(cipher, 1, 256, new Uint8Array(0))).toThrow(ValidationError)
    expect(() => encodeRequestFrame(cipher, 1, new Uint8Array(0), Uint8Array.of(1))).toThrow(ValidationError)
  })
  it('draws prefix bytes 0–254', () => {
    for (let i = 0; i < 200; i++) {
      const p = randomPrefix()
      expect(p.length).toBe(2)
      expect(Math.max(...p)).toBeLessThan(255)
    }
  })
})
