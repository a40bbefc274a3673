import { afterEach, describe, expect, it } from 'vitest'
import {
  AbortedError,
  MT5ConnectionError,
  MT5TimeoutError,
  ProtocolError,
  ServerError,
  SessionError,
} from '../../../src/errors.js'
import { createCipher } from '../../../src/protocol/cipher.js'
import { createNodeCipher } from '../../../src/protocol/cipherNode.js'
import { Command } from '../../../src/protocol/commands.js'
import { encodeResponseFrame, packOuterFrame } from '../../../src/protocol/frame.js'
import { createRateLimiter } from '../../../src/transport/rateLimiter.js'
import { openSocket } from '../../../src/transport/socket.js'
import {
  createTransport,
  type Transport,
  type TransportOptions,
  type TransportState,
} from '../../../src/transport/transport.js'
import { FakeClock } from '../../helpers/fakeClock.js'
import { type LoopbackOptions, LoopbackServer, until, WebSocket } from './loopbackServer.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup(
  serverOptions: LoopbackOptions = {},
  transportOptions: TransportOptions = {},
): Promise<{ server: LoopbackServer; transport: Transport; errors: Error[] }> {
  const server = await new LoopbackServer(serverOptions).start()
  const transport = createTransport(transportOptions)
  const errors: Error[] = []
  transport.on('error', (error) => errors.push(error))
  cleanups.push(async () => {
    await transport.close()
    await server.stop()
  })
  return { server, transport, errors }
}

const bytes = (...values: number[]) => Uint8Array.of(...values)

describe('transport: bootstrap', () => {
  it.each([16, 24, 32])(
    'bootstraps with a %i-byte session key and keeps token and build',
    async (keySize) => {
      // The pure-JS cipher (what browsers use); other tests use the default node:crypto path.
      const { server, transport } = await setup({ keySize, serverBuild: 4321 }, { cipher: 'noble' })
      const states: TransportState[] = []
      transport.on('stateChange', (state) => states.push(state))
      const session = await transport.connect({ url: server.url, origin: 'https://web.metatrader.app' })
      expect(session.keyLength).toBe(keySize)
      expect(transport.serverBuild).toBe(4321)
      expect([...transport.token!]).toEqual([...server.token])
      expect(transport.state).toBe('ready')
      expect(states).toEqual(['connecting', 'ready'])
      expect([...server.peer.bootstrapPayload!]).toEqual(new Array(64).fill(0))
      // The session key is in use in both directions.
      const reply = transport.request(Command.ping, new Uint8Array(0))
      await until(() => server.peer.received.length === 1)
      expect(server.peer.received[0]).toMatchObject({ command: 51 })
      server.peer.reply(51, 0)
      await expect(reply).resolves.toMatchObject({ code: 0 })
    },
  )

  it('sends a resume token', async () => {
    const { server, transport } = await setup()
    const token = new Uint8Array(64).fill(0x5a)
    await transport.connect({ url: server.url, token })
    expect([...server.peer.bootstrapPayload!]).toEqual([...token])
  })

  it('works with a WHATWG-style WebSocket constructor and the node:crypto cipher', async () => {
    const { server, transport } = await setup({ keySize: 24 }, { WebSocket, cipher: createNodeCipher })
    await transport.connect({ url: server.url })
    const reply = transport.request(Command.account, new Uint8Array(0))
    await until(() => server.peer.received.length === 1)
    server.peer.reply(3, 0, bytes(1, 2))
    await expect(reply).resolves.toMatchObject({ body: bytes(1, 2) })
  })

  it('fails the connect on a non-zero bootstrap code', async () => {
    const { server, transport } = await setup({ bootstrapCode: 2 })
    const error = await transport.connect({ url: server.url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MT5ConnectionError)
    expect((error as MT5ConnectionError).cause).toBeInstanceOf(ServerError)
    expect(transport.state).toBe('error')
  })

  it('fails the connect on a bad session key size', async () => {
    const { server, transport } = await setup({ keySize: 20 })
    const error = await transport.connect({ url: server.url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MT5ConnectionError)
    expect((error as MT5ConnectionError).cause).toBeInstanceOf(ProtocolError)
  })

  it('times out a bootstrap that gets no reply', async () => {
    const { server, transport } = await setup({ silentBootstrap: true }, { connectTimeoutMs: 100 })
    const error = await transport.connect({ url: server.url }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MT5ConnectionError)
    expect((error as MT5ConnectionError).cause).toBeInstanceOf(MT5TimeoutError)
    expect(transport.state).toBe('error')
    // It can try again.
    await expect(transport.connect({ url: server.url })).rejects.toBeInstanceOf(MT5ConnectionError)
  })

  it('aborts a connect through its signal', async () => {
    const { server, transport } = await setup({ silentBootstrap: true })
    const controller = new AbortController()
    const pending = transport.connect({ url: server.url, signal: controller.signal })
    await until(() => server.peers.length === 1 && server.peer.bootstrapPayload !== undefined)
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(AbortedError)
    expect(transport.state).toBe('error')
  })

  it('fails to connect to a closed port with MT5ConnectionError', async () => {
    const server = await new LoopbackServer().start()
    const url = server.url
    await server.stop()
    const transport = createTransport()
    await expect(transport.connect({ url })).rejects.toBeInstanceOf(MT5ConnectionError)
    expect(transport.state).toBe('error')
  })

  it('refuses a second connect while ready', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    await expect(transport.connect({ url: server.url })).rejects.toBeInstanceOf(SessionError)
  })
})

describe('transport: requests', () => {
  it('matches interleaved replies of different commands', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const a = transport.request(3, bytes(3))
    const b = transport.request(9, bytes(9))
    const c = transport.request(51, new Uint8Array(0))
    await until(() => server.peer.received.length === 3)
    server.peer.reply(51, 0, bytes(51))
    server.peer.reply(9, 0, bytes(9, 9))
    server.peer.reply(3, 0, bytes(3, 3, 3))
    expect((await a).body).toEqual(bytes(3, 3, 3))
    expect((await b).body).toEqual(bytes(9, 9))
    expect((await c).body).toEqual(bytes(51))
    expect(transport.pendingRequests).toBe(0)
  })

  it('sends one request per command id at a time, in order', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const results = [1, 2, 3].map((n) => transport.request(5, bytes(n)))
    await until(() => server.peer.received.length === 1)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.peer.received.map((r) => r.payload[0])).toEqual([1])
    for (let n = 1; n <= 3; n++) {
      await until(() => server.peer.received.length === n)
      expect(server.peer.received[n - 1]!.payload[0]).toBe(n)
      server.peer.reply(5, 0, bytes(n * 10))
    }
    const bodies = await Promise.all(results)
    expect(bodies.map((r) => r.body[0])).toEqual([10, 20, 30])
  })

  it('rejects a non-zero code with ServerError and keeps going', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const login = transport.request(Command.login, bytes(1))
    await until(() => server.peer.received.length === 1)
    server.peer.reply(28, 3)
    const error = await login.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServerError)
    expect(error).toMatchObject({ command: 28, responseCode: 3, code: 'MT5_SERVER' })
    const ping = transport.request(51, new Uint8Array(0))
    await until(() => server.peer.received.length === 2)
    server.peer.reply(51, 0)
    await expect(ping).resolves.toMatchObject({ code: 0 })
  })

  it('cleans up after a timeout; a late reply resolves nothing and goes to push listeners', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const late: Uint8Array[] = []
    transport.onPush(5, (body) => late.push(body))
    const first = transport.request(5, bytes(1), { timeoutMs: 40 })
    const second = transport.request(5, bytes(2), { timeoutMs: 40 }).catch((error: unknown) => error)
    await expect(first).rejects.toBeInstanceOf(MT5TimeoutError)
    // The queued one is sent when the first times out.
    await until(() => server.peer.received.length === 2)
    expect(await second).toMatchObject({ command: 5, timeoutMs: 40 })
    expect(transport.pendingRequests).toBe(0)
    server.peer.reply(5, 0, bytes(99))
    server.peer.reply(5, 0, bytes(98))
    await until(() => late.length === 2)
    expect(transport.pendingRequests).toBe(0)
    // The next request gets its own reply, not a stale one.
    const third = transport.request(5, bytes(3))
    await until(() => server.peer.received.length === 3)
    server.peer.reply(5, 0, bytes(3))
    expect((await third).body).toEqual(bytes(3))
  })

  it('uses the per-command default timeout, none for cmd 7', async () => {
    const clock = new FakeClock()
    const { server, transport } = await setup(
      {},
      { clock, requestTimeoutMs: 1000, commandTimeoutsMs: { 9: 50 } },
    )
    await transport.connect({ url: server.url })
    const outcomes: string[] = []
    const track = (name: string, p: Promise<unknown>) =>
      p.then(
        () => outcomes.push(`${name}:ok`),
        (e: unknown) => outcomes.push(`${name}:${(e as Error).name}`),
      )
    const all = [
      track('7', transport.request(7, new Uint8Array(4))),
      track('9', transport.request(9, new Uint8Array(0))),
      track('3', transport.request(3, new Uint8Array(0))),
    ]
    await clock.advance(50)
    expect(outcomes).toEqual(['9:MT5TimeoutError'])
    await clock.advance(950)
    expect(outcomes).toEqual(['9:MT5TimeoutError', '3:MT5TimeoutError'])
    await clock.advance(100_000)
    expect(outcomes).toHaveLength(2)
    server.peer.reply(7, 0)
    await Promise.all(all)
    expect(outcomes).toContain('7:ok')
  })

  it('aborts a queued and an in-flight request', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const c1 = new AbortController()
    const c2 = new AbortController()
    const first = transport.request(4, bytes(1), { signal: c1.signal })
    const second = transport.request(4, bytes(2), { signal: c2.signal })
    const third = transport.request(4, bytes(3))
    c2.abort()
    await expect(second).rejects.toBeInstanceOf(AbortedError)
    c1.abort()
    await expect(first).rejects.toBeInstanceOf(AbortedError)
    await until(() => server.peer.received.length === 2)
    expect(server.peer.received.map((r) => r.payload[0])).toEqual([1, 3])
    server.peer.reply(4, 0, bytes(3))
    expect((await third).body).toEqual(bytes(3))
    await expect(transport.request(4, bytes(4), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    )
    expect(transport.pendingRequests).toBe(0)
  })

  it('refuses commands outside the allow-list before sending, and requests when not ready', async () => {
    const { server, transport } = await setup()
    await expect(transport.request(3, new Uint8Array(0))).rejects.toBeInstanceOf(SessionError)
    await expect(transport.send(51, new Uint8Array(0))).rejects.toBeInstanceOf(SessionError)
    await transport.connect({ url: server.url })
    await expect(transport.request(16, new Uint8Array(0))).rejects.toBeInstanceOf(ProtocolError)
    await expect(transport.request(200, new Uint8Array(0))).rejects.toBeInstanceOf(ProtocolError)
    await expect(transport.send(31, new Uint8Array(0))).rejects.toBeInstanceOf(ProtocolError)
    await transport.send(Command.logout, new Uint8Array(0))
    await until(() => server.peer.received.length === 1)
    expect(server.peer.received.map((r) => r.command)).toEqual([2])
    expect(transport.pendingRequests).toBe(0)
  })
})

describe('transport: close and drop', () => {
  it('close() rejects every pending and queued request with AbortedError (docs/errors.md)', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const closes: unknown[] = []
    transport.on('close', (error) => closes.push(error))
    const states: TransportState[] = []
    transport.on('stateChange', (state) => states.push(state))
    const pending = [
      transport.request(3, bytes(1)),
      transport.request(3, bytes(2)),
      transport.request(9, bytes(3)),
    ]
    const settled = Promise.allSettled(pending)
    await until(() => server.peer.received.length === 2)
    await transport.close()
    const results = await settled
    for (const result of results) {
      expect(result.status).toBe('rejected')
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(AbortedError)
    }
    expect(transport.state).toBe('disconnected')
    expect(states).toEqual(['closing', 'disconnected'])
    expect(closes).toEqual([undefined])
    expect(transport.pendingRequests).toBe(0)
    await expect(transport.request(3, bytes(4))).rejects.toBeInstanceOf(SessionError)
  })

  it('close(reason) rejects the pending requests with that reason (a socket declared dead)', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const pending = transport.request(3, bytes(1)).catch((error: unknown) => error)
    await until(() => server.peer.received.length === 1)
    const reason = new MT5ConnectionError('no ping answered for 15000 ms')
    await transport.close(reason)
    expect(await pending).toBe(reason)
  })

  it('a socket drop rejects everything with MT5ConnectionError carrying a cause', async () => {
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const closed = new Promise<unknown>((resolve) => transport.once('close', resolve))
    const pending = [
      transport.request(3, bytes(1)),
      transport.request(3, bytes(2)),
      transport.request(51, bytes()),
    ]
    const settled = Promise.allSettled(pending)
    await until(() => server.peer.received.length === 2)
    server.peer.drop()
    const results = await settled
    for (const result of results) {
      const reason = (result as PromiseRejectedResult).reason as MT5ConnectionError
      expect(reason).toBeInstanceOf(MT5ConnectionError)
      expect(reason.cause).toBeDefined()
    }
    expect(await closed).toBeInstanceOf(MT5ConnectionError)
    expect(transport.state).toBe('error')
    expect(transport.pendingRequests).toBe(0)
    // The transport can connect again after a drop.
    await transport.connect({ url: server.url })
    expect(transport.state).toBe('ready')
  })

  it('close() while connecting rejects the connect', async () => {
    const { server, transport } = await setup({ silentBootstrap: true })
    const pending = transport.connect({ url: server.url }).catch((error: unknown) => error)
    await until(() => server.peers.length === 1 && server.peer.bootstrapPayload !== undefined)
    await transport.close()
    expect(await pending).toBeInstanceOf(AbortedError)
    expect(transport.state).toBe('disconnected')
  })
})

describe('transport: receive loop', () => {
  it('a frame over maxFrameBytes through a WHATWG WebSocket: reported as ProtocolError and dropped, the connection kept', async () => {
    const { server, transport, errors } = await setup({}, { WebSocket, maxFrameBytes: 4096 })
    await transport.connect({ url: server.url })
    const reply = transport.request(3, bytes(1))
    await until(() => server.peer.received.length === 1)
    server.peer.reply(3, 0, new Uint8Array(8192))
    await until(() => errors.length === 1)
    expect(errors[0]).toBeInstanceOf(ProtocolError)
    expect(errors[0]?.message).toContain('maxFrameBytes')
    expect(transport.state).toBe('ready')
    server.peer.reply(3, 0, bytes(9))
    await expect(reply).resolves.toMatchObject({ body: bytes(9) })
  })

  it('skips malformed frames, reports ProtocolError and keeps the connection', async () => {
    const { server, transport, errors } = await setup()
    await transport.connect({ url: server.url })
    const peer = server.peer
    peer.raw(bytes(1, 2, 3)) // shorter than the header
    peer.raw(packOuterFrame(new Uint8Array(17))) // not whole blocks
    const wrongKey = createCipher(new Uint8Array(16).fill(0xee))
    peer.raw(encodeResponseFrame(wrongKey, 3, 0, bytes(1), bytes(1, 2))) // bad padding
    const good = encodeResponseFrame(peer.cipher!, 3, 0, new Uint8Array(0))
    const lying = good.slice()
    lying[0] = 0xff // header length does not match
    peer.raw(lying)
    peer.raw(packOuterFrame(peer.cipher!.encrypt(bytes(0, 0, 3, 0)))) // inner frame of 4 bytes
    await until(() => errors.length === 5)
    for (const error of errors) expect(error).toBeInstanceOf(ProtocolError)
    expect(transport.state).toBe('ready')
    const reply = transport.request(3, new Uint8Array(0))
    await until(() => peer.received.length === 1)
    peer.reply(3, 0, bytes(7))
    expect((await reply).body).toEqual(bytes(7))
  })

  it('hands every frame to the push listeners of its command; a throwing listener is reported', async () => {
    const { server, transport, errors } = await setup()
    await transport.connect({ url: server.url })
    const boom = new Error('listener bug')
    const seen: number[] = []
    const all: number[] = []
    transport.on('push', (command) => all.push(command))
    transport.onPush(8, () => {
      throw boom
    })
    const unsubscribe = transport.onPush(8, (body) => seen.push(body[0]!))
    server.peer.reply(8, 0, bytes(1))
    await until(() => seen.length === 1)
    expect(errors).toEqual([boom])
    unsubscribe()
    server.peer.reply(8, 0, bytes(2))
    // Replies reach push listeners too.
    const responses: number[] = []
    transport.onPush(51, (_body, code) => responses.push(code))
    const ping = transport.request(51, new Uint8Array(0))
    await until(() => server.peer.received.length === 1)
    server.peer.reply(51, 0)
    await ping
    await until(() => all.length === 3)
    expect(seen).toEqual([1])
    expect(errors).toEqual([boom, boom])
    expect(all).toEqual([8, 8, 51])
    expect(responses).toEqual([0])
  })
})

describe('transport: ws messages', () => {
  it('reads ws messages as Buffers (no ArrayBuffer copy), fragmented ones included', async () => {
    const socket = await openSocket({ url: 'ws://127.0.0.1:9' })
    socket.onerror = () => {}
    expect(socket.binaryType).toBe('nodebuffer')
    socket.close()
    const { server, transport } = await setup()
    await transport.connect({ url: server.url })
    const seen: number[][] = []
    transport.onPush(8, (body) => seen.push([...body]))
    const body = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)
    const wire = encodeResponseFrame(server.peer.cipher!, 8, 0, body)
    // One message in three WebSocket frames: ws joins them into one Buffer.
    server.peer.socket.send(wire.subarray(0, 100), { fin: false })
    server.peer.socket.send(wire.subarray(100, 200), { fin: false })
    server.peer.socket.send(wire.subarray(200), { fin: true })
    server.peer.reply(8, 0, bytes(7))
    await until(() => seen.length === 2)
    expect(seen).toEqual([[...body], [7]])
  })
})

describe('transport: rate limiter', () => {
  it('applies to every frame (bootstrap included) and the wait is cancellable', async () => {
    const clock = new FakeClock()
    const rateLimit = createRateLimiter({ ratePerSecond: 1, burst: 1, clock })
    const { server, transport } = await setup({}, { rateLimit })
    await transport.connect({ url: server.url })
    expect(rateLimit.tokens).toBeCloseTo(0)
    const controller = new AbortController()
    const first = transport.request(3, bytes(1))
    const aborted = transport.request(9, bytes(2), { signal: controller.signal })
    const third = transport.request(3, bytes(3))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.peer.received).toHaveLength(0)
    controller.abort()
    await expect(aborted).rejects.toBeInstanceOf(AbortedError)
    await clock.advance(1000)
    await until(() => server.peer.received.length === 1)
    expect(server.peer.received[0]).toMatchObject({ command: 3 })
    server.peer.reply(3, 0, bytes(1))
    expect((await first).body).toEqual(bytes(1))
    await clock.advance(999)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.peer.received).toHaveLength(1)
    await clock.advance(1)
    await until(() => server.peer.received.length === 2)
    server.peer.reply(3, 0, bytes(3))
    expect((await third).body).toEqual(bytes(3))
    expect(rateLimit.waiting).toBe(0)
  })
})
