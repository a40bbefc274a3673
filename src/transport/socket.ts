/**
 * The WebSocket seam: `ws` in Node (loaded lazily, so browser bundles never need it) or any
 * WHATWG-style `WebSocket` constructor the caller passes (browsers, Deno, Node ≥ 22, tests).
 * Outside Node, without one passed, the global `WebSocket` is used (a page needs no option).
 * Only the handful of members both share are used.
 */
import { isNode } from './isNode.js'

/** The subset of a WHATWG `WebSocket` the transport uses (also implemented by `ws`). */
export interface WebSocketLike {
  binaryType: string
  readonly readyState: number
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  onerror: ((event: unknown) => void) | null
  send(data: Uint8Array): void
  close(code?: number, reason?: string): void
}

/** A WHATWG-style `WebSocket` constructor, e.g. `globalThis.WebSocket` in a browser. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => object

/** What {@link openSocket} needs. */
export interface OpenSocketOptions {
  url: string
  /** `Origin` header; honoured by `ws` only (browsers send the page origin). */
  origin?: string
  /** Use this constructor instead of `ws`. */
  WebSocket?: WebSocketConstructor
  /** Largest message `ws` accepts; a larger one closes the socket with code 1009. */
  maxPayload?: number
}

/** Close code of a socket whose peer sent a message larger than `maxPayload` (RFC 6455 "too big"). */
export const WS_MESSAGE_TOO_BIG = 1009

/** `readyState` of an open socket. */
export const WS_OPEN = 1

/**
 * Creates the socket (not yet open) with `binaryType = 'arraybuffer'`, or `'nodebuffer'` for `ws`:
 * `ws` would copy every message into an ArrayBuffer of its own, while its Buffer (a Uint8Array) is
 * read as it is (`messageBytes`).
 */
export async function openSocket(options: OpenSocketOptions): Promise<WebSocketLike> {
  const WebSocketClass = options.WebSocket ?? (isNode() ? undefined : globalWebSocket())
  if (WebSocketClass) {
    const socket = new WebSocketClass(options.url) as WebSocketLike
    socket.binaryType = 'arraybuffer'
    return socket
  }
  const { WebSocket } = await import('ws')
  const socket = new WebSocket(options.url, {
    perMessageDeflate: false,
    ...(options.maxPayload === undefined ? {} : { maxPayload: options.maxPayload }),
    ...(options.origin === undefined ? {} : { origin: options.origin }),
  }) as unknown as WebSocketLike
  socket.binaryType = 'nodebuffer'
  return socket
}

/** The platform's `WebSocket` (browsers, workers, Deno, Bun), if any. */
function globalWebSocket(): WebSocketConstructor | undefined {
  const candidate = (globalThis as { WebSocket?: unknown }).WebSocket
  return typeof candidate === 'function' ? (candidate as WebSocketConstructor) : undefined
}

/** The bytes of a binary message, or `undefined` for text (ignored, like pymt5). */
export function messageBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (Array.isArray(data)) {
    // `ws` fragments with binaryType 'fragments' or 'nodebuffer' arrays; concatenate defensively.
    const parts = data.filter((part): part is Uint8Array => part instanceof Uint8Array)
    const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
    let at = 0
    for (const part of parts) {
      out.set(part, at)
      at += part.length
    }
    return out
  }
  return undefined
}
