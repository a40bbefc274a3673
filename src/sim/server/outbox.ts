/**
 * The simulator's send path of one session: frames are encrypted as they are sent (the CBC chain
 * follows the send order) and written at the end of the event-loop turn, all of them in ONE
 * buffer and one socket write (issue #12: the simulator spent most of its CPU in one write per
 * frame, and in allocations per frame).
 *
 * Each frame is still a WebSocket message of its own, as a real server sends them: the buffer
 * holds, per frame, the RFC 6455 header of an unmasked binary message (servers never mask), the
 * protocol's outer header and the ciphertext (docs/architecture.md#frames-and-encryption). It is
 * written under `ws`, on the upgraded socket, so the only copies per frame are the cipher's and
 * the one into the turn's buffer; `ws` still reads the socket and sends close and pong frames (a
 * whole message per write, so nothing interleaves).
 */
import type { FrameCipher } from '../../protocol/cipherCore.js'
import { FRAME_VERSION, OUTER_HEADER_SIZE, RESPONSE_HEADER_SIZE } from '../../protocol/frame.js'

/**
 * The plaintext of every frame is built here: `encrypt` copies its input before returning (it is
 * synchronous and keeps no reference), so one buffer per process serves every session.
 */
let plain = new Uint8Array(4096)

/**
 * Encrypts one server → client frame (`prefix[2] u16 command u8 code body`), same bytes as
 * `encodeResponseFrame` without its outer header; `prefix` is two random bytes 0–254 like the
 * official client's (the receiver ignores them).
 */
export function encryptResponse(
  cipher: FrameCipher,
  command: number,
  code: number,
  body: Uint8Array,
  prefix0 = Math.floor(Math.random() * 255),
  prefix1 = Math.floor(Math.random() * 255),
): Uint8Array {
  const size = RESPONSE_HEADER_SIZE + body.length
  if (plain.length < size) plain = new Uint8Array(2 ** Math.ceil(Math.log2(size)))
  plain[0] = prefix0
  plain[1] = prefix1
  plain[2] = command & 0xff
  plain[3] = (command >>> 8) & 0xff
  plain[4] = code
  plain.set(body, RESPONSE_HEADER_SIZE)
  return cipher.encrypt(plain.subarray(0, size))
}

/** Bytes of the WebSocket header of an unmasked message of `length` bytes (RFC 6455 §5.2). */
export function wsHeaderSize(length: number): number {
  return length < 126 ? 2 : length < 0x10000 ? 4 : 10
}

/** Writes the header of one final, unmasked binary WebSocket message at `at`; returns the end. */
export function writeWsHeader(out: Buffer, at: number, length: number): number {
  out[at] = 0x82 // FIN + opcode 2 (binary)
  if (length < 126) {
    out[at + 1] = length
    return at + 2
  }
  if (length < 0x10000) {
    out[at + 1] = 126
    out.writeUInt16BE(length, at + 2)
    return at + 4
  }
  out[at + 1] = 127
  out.writeUInt32BE(Math.floor(length / 2 ** 32), at + 2)
  out.writeUInt32BE(length >>> 0, at + 6)
  return at + 10
}

/**
 * The wire bytes of ciphertexts, each as one WebSocket message with the outer header, in one
 * buffer (pooled by Node when small).
 */
export function packMessages(ciphertexts: readonly Uint8Array[]): Buffer {
  let total = 0
  for (const c of ciphertexts) {
    const message = OUTER_HEADER_SIZE + c.length
    total += wsHeaderSize(message) + message
  }
  const out = Buffer.allocUnsafe(total)
  let at = 0
  for (const c of ciphertexts) {
    at = writeWsHeader(out, at, OUTER_HEADER_SIZE + c.length)
    out.writeUInt32LE(c.length, at)
    out.writeUInt32LE(FRAME_VERSION, at + 4)
    out.set(c, at + OUTER_HEADER_SIZE)
    at += OUTER_HEADER_SIZE + c.length
  }
  return out
}

/** What an outbox writes to: the upgraded socket. */
export interface OutboxSocket {
  write(bytes: Uint8Array): unknown
}

/** A session's frames of the current turn. */
export interface Outbox {
  /** Queues an encrypted frame; it is written at the end of the turn (or at `flush`). */
  add(ciphertext: Uint8Array): void
  /** Writes the queued frames now (before a drop or close, so they leave first). */
  flush(): void
  /** Forgets the queued frames (the socket is gone). */
  clear(): void
}

/**
 * Outboxes with frames queued this turn, flushed by one `process.nextTick` for all of them (a
 * broadcast touches thousands of sessions: one callback per turn, not one per session).
 */
const due: (() => void)[] = []

function flushAll(): void {
  // A flush can queue more (a drop's close frame goes through `ws`, not here): index, not a copy.
  for (let i = 0; i < due.length; i++) due[i]!()
  due.length = 0
}

/**
 * Creates the outbox of one session; `writable()` says whether the socket still takes frames
 * (checked at the flush), `written()` runs after each write (buffer limits).
 */
export function createOutbox(socket: OutboxSocket, writable: () => boolean, written: () => void): Outbox {
  const queued: Uint8Array[] = []
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    if (queued.length === 0) return
    if (!writable()) {
      queued.length = 0
      return
    }
    const bytes = packMessages(queued)
    queued.length = 0
    socket.write(bytes)
    written()
  }
  return {
    add(ciphertext) {
      queued.push(ciphertext)
      if (!scheduled) {
        scheduled = true
        if (due.length === 0) process.nextTick(flushAll)
        due.push(flush)
      }
    },
    flush,
    clear() {
      queued.length = 0
    },
  }
}
