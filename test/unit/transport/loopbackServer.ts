/**
 * A real loopback `ws` server for transport tests (127.0.0.1, port 0): runs the bootstrap with a
 * chosen session key and records every request; tests answer through `Peer.reply`.
 */
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { encodeBootstrapReply } from '../../../src/codec/messages/bootstrap.js'
import { createCipher, type FrameCipher } from '../../../src/protocol/cipher.js'
import { decodeRequestFrame, encodeResponseFrame } from '../../../src/protocol/frame.js'
import { INITIAL_KEY } from '../../../src/protocol/initialKey.js'

export interface LoopbackOptions {
  keySize?: number
  serverBuild?: number
  token?: Uint8Array
  /** Response code of the bootstrap reply; default 0. */
  bootstrapCode?: number
  /** Do not answer the bootstrap at all. */
  silentBootstrap?: boolean
  /** Called for every request after the bootstrap. */
  onRequest?: (peer: Peer, command: number, payload: Uint8Array) => void
}

export interface Received {
  command: number
  payload: Uint8Array
}

export class Peer {
  readonly received: Received[] = []
  bootstrapPayload: Uint8Array | undefined
  cipher: FrameCipher | undefined
  constructor(readonly socket: WebSocket) {}

  reply(command: number, code: number, body: Uint8Array = new Uint8Array(0)): void {
    this.socket.send(encodeResponseFrame(this.cipher!, command, code, body))
  }

  raw(bytes: Uint8Array): void {
    this.socket.send(bytes)
  }

  /** Drops the TCP connection without a close frame. */
  drop(): void {
    this.socket.terminate()
  }
}

export class LoopbackServer {
  readonly peers: Peer[] = []
  readonly sessionKey: Uint8Array
  readonly token: Uint8Array
  #server: WebSocketServer | undefined
  #options: LoopbackOptions

  constructor(options: LoopbackOptions = {}) {
    this.#options = options
    const size = options.keySize ?? 16
    this.sessionKey = Uint8Array.from({ length: size }, (_, i) => (i * 7 + size) & 0xff)
    this.token = options.token ?? Uint8Array.from({ length: 64 }, (_, i) => 0xa0 + (i & 0x3f))
  }

  get url(): string {
    const address = this.#server!.address() as AddressInfo
    return `ws://127.0.0.1:${address.port}/terminal`
  }

  get peer(): Peer {
    const last = this.peers.at(-1)
    if (!last) throw new Error('no client connected')
    return last
  }

  async start(): Promise<this> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    this.#server = server
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const initial = createCipher(INITIAL_KEY)
    server.on('connection', (socket) => {
      const peer = new Peer(socket)
      this.peers.push(peer)
      socket.on('message', (data: Buffer) => {
        const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        if (peer.bootstrapPayload === undefined) {
          const { command, payload } = decodeRequestFrame(initial, bytes)
          if (command !== 0) throw new Error(`expected bootstrap, got ${command}`)
          peer.bootstrapPayload = payload.slice()
          if (this.#options.silentBootstrap) return
          const reserved = this.#options.serverBuild ?? 5687
          const valid = [16, 24, 32].includes(this.sessionKey.length)
          // A deliberately bad key size is written by hand: the codec's encoder refuses it.
          const body = valid
            ? encodeBootstrapReply({ reserved, token: this.token, sessionKey: this.sessionKey })
            : Uint8Array.from([reserved & 0xff, reserved >> 8, ...this.token, ...this.sessionKey])
          socket.send(encodeResponseFrame(initial, 0, this.#options.bootstrapCode ?? 0, body))
          // A deliberately bad key size (a test of the client) leaves the peer without a cipher.
          if ([16, 24, 32].includes(this.sessionKey.length)) peer.cipher = createCipher(this.sessionKey)
          return
        }
        if (!peer.cipher) return
        const { command, payload } = decodeRequestFrame(peer.cipher, bytes)
        peer.received.push({ command, payload: payload.slice() })
        this.#options.onRequest?.(peer, command, payload)
      })
    })
    return this
  }

  async stop(): Promise<void> {
    const server = this.#server
    if (!server) return
    for (const client of server.clients) client.terminate()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

export { until } from '../../helpers/until.js'

export { WebSocket }
