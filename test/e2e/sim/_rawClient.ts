/**
 * A tiny raw protocol client for the simulator's end-to-end tests: a WebSocket, the frame
 * functions and the codec — deliberately NOT the SDK client. It records every incoming frame so
 * tests can check push order, and offers `request` (next frame with the same command id) and
 * `waitFor` (first frame matching a predicate).
 */
import { WebSocket } from 'ws'
import { decodeBootstrapReply, encodeBootstrapRequest } from '../../../src/codec/messages/bootstrap.js'
import { loginRequestSchema } from '../../../src/codec/schemas/loginRequest.js'
import { loginResponseSchema } from '../../../src/codec/schemas/loginResponse.js'
import type { FrameCipher } from '../../../src/protocol/cipherCore.js'
import { createNodeCipher } from '../../../src/protocol/cipherNode.js'
import { decodeResponseFrame, encodeRequestFrame, type ResponseFrame } from '../../../src/protocol/frame.js'
import { INITIAL_KEY } from '../../../src/protocol/initialKey.js'

/** A received frame with its arrival index. */
export interface Received extends ResponseFrame {
  seq: number
}

export interface RawClient {
  ws: WebSocket
  frames: Received[]
  token: Uint8Array
  sessionKey: Uint8Array
  /** Sends a request encrypted with the session key. */
  send(command: number, payload?: Uint8Array): void
  /** Sends raw bytes as one WebSocket message. */
  sendRaw(bytes: Uint8Array): void
  /** Sends and resolves with the next frame of the same command id received after sending. */
  request(command: number, payload?: Uint8Array, timeoutMs?: number): Promise<Received>
  /** Resolves with the first frame (from `fromSeq`, default: any not yet seen) matching `pred`. */
  waitFor(pred: (f: Received) => boolean, timeoutMs?: number, fromSeq?: number): Promise<Received>
  /** Resolves when the socket closes; `true` if it closed within the timeout. */
  closed(timeoutMs?: number): Promise<boolean>
  /** Number of frames received so far. */
  count(): number
  close(): void
}

export interface ConnectOptions {
  token?: Uint8Array
}

/** Opens a socket and performs the bootstrap (cmd 0) with the initial key. */
export async function connectRaw(url: string, options: ConnectOptions = {}): Promise<RawClient> {
  const ws = new WebSocket(url)
  ws.binaryType = 'nodebuffer'
  const initial = createNodeCipher(INITIAL_KEY)
  let cipher: FrameCipher = initial
  const frames: Received[] = []
  const waiters = new Set<() => void>()
  let isClosed = false
  const closeWaiters = new Set<() => void>()
  ws.on('message', (data: Buffer) => {
    try {
      const f = decodeResponseFrame(cipher, new Uint8Array(data))
      frames.push({ ...f, body: f.body.slice(), seq: frames.length })
    } catch {
      frames.push({ command: -1, code: 255, body: new Uint8Array(data), seq: frames.length })
    }
    for (const w of [...waiters]) w()
  })
  ws.on('close', () => {
    isClosed = true
    for (const w of [...closeWaiters]) w()
    for (const w of [...waiters]) w()
  })
  ws.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })

  const waitFor = (pred: (f: Received) => boolean, timeoutMs = 3000, fromSeq = 0): Promise<Received> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (let i = fromSeq; i < frames.length; i++) {
          const f = frames[i]!
          if (pred(f)) {
            cleanup()
            resolve(f)
            return true
          }
        }
        return false
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`waitFor timed out after ${timeoutMs} ms (${frames.length} frames)`))
      }, timeoutMs)
      const listener = (): void => {
        check()
      }
      const cleanup = (): void => {
        clearTimeout(timer)
        waiters.delete(listener)
      }
      waiters.add(listener)
      check()
    })

  const client: RawClient = {
    ws,
    frames,
    token: new Uint8Array(64),
    sessionKey: new Uint8Array(0),
    send(command, payload = new Uint8Array(0)) {
      ws.send(encodeRequestFrame(cipher, command, payload))
    },
    sendRaw(bytes) {
      ws.send(bytes)
    },
    request(command, payload = new Uint8Array(0), timeoutMs = 3000) {
      const from = frames.length
      client.send(command, payload)
      return waitFor((f) => f.command === command, timeoutMs, from)
    },
    waitFor,
    closed(timeoutMs = 3000) {
      if (isClosed) return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          closeWaiters.delete(done)
          resolve(false)
        }, timeoutMs)
        const done = (): void => {
          clearTimeout(timer)
          resolve(true)
        }
        closeWaiters.add(done)
      })
    },
    count: () => frames.length,
    close() {
      ws.close()
    },
  }
  const from = frames.length
  ws.send(encodeRequestFrame(initial, 0, encodeBootstrapRequest(options.token)))
  const boot = await waitFor((f) => f.command === 0, 3000, from)
  if (boot.code !== 0) throw new Error(`bootstrap code ${boot.code}`)
  const reply = decodeBootstrapReply(boot.body)
  client.token = reply.token
  client.sessionKey = reply.sessionKey
  cipher = createNodeCipher(reply.sessionKey)
  return client
}

/** Encodes a cmd 28 login payload. */
export function loginPayload(
  login: number,
  password: string,
  extra: { passwordBlob?: Uint8Array; session?: bigint; otp?: string } = {},
): Uint8Array {
  return loginRequestSchema.encode({
    ...loginRequestSchema.zero(),
    login: BigInt(login),
    password,
    otp: extra.otp ?? '',
    passwordBlob: extra.passwordBlob ?? new Uint8Array(160),
    session: extra.session ?? 0n,
    cid: new Uint8Array(16),
  })
}

/** Connects and logs in; throws unless the login succeeds. */
export async function loginRaw(
  url: string,
  login: number,
  password: string,
): Promise<RawClient & { passwordToken: Uint8Array; session: bigint }> {
  const c = await connectRaw(url)
  const r = await c.request(28, loginPayload(login, password))
  if (r.code !== 0) throw new Error(`login failed with code ${r.code}`)
  const reply = loginResponseSchema.decodeBytes(r.body)
  return Object.assign(c, { passwordToken: reply.passwordToken, session: reply.session })
}

/** Sleeps `ms` (bounded helper for "nothing arrives" checks). */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
