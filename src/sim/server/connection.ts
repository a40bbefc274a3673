/**
 * One WebSocket = one session (docs/architecture.md#bootstrap-and-session). The connection performs the bootstrap with the
 * initial key and a fresh random session key (16, 24 or 32 bytes), then decrypts requests with
 * the session key and hands them, one at a time and in arrival order, to the command handlers.
 * Every outgoing frame goes through the fault pipeline (delay, silence, drop after N frames).
 */
import { createCipheriv, randomBytes } from 'node:crypto'
import type { WebSocket } from 'ws'
import { encodeBootstrapReply } from '../../codec/messages/bootstrap.js'
import { ProtocolError } from '../../errors.js'
import type { FrameCipher } from '../../protocol/cipherCore.js'
import { createNodeCipher } from '../../protocol/cipherNode.js'
import { decodeRequestFrame } from '../../protocol/frame.js'
import { INITIAL_KEY } from '../../protocol/initialKey.js'
import { type ConnectionFaultState, createConnectionFaults } from './faults.js'
import { createOutbox, encryptResponse, type OutboxSocket } from './outbox.js'
import { SIM_SERVER_BUILD } from './wire.js'

/** Session key sizes the simulator can hand out. */
export type SessionKeySize = 16 | 24 | 32

/** Where a socket is in its lifecycle. */
export type ConnectionPhase = 'handshake' | 'ready' | 'init' | 'loggedIn' | 'closed'

/** Response code for commands sent before login (uncertain on live servers; docs/architecture.md#requests-and-replies: 1 "internal error"). */
export const NOT_LOGGED_IN_CODE = 1
/** Response code for a payload the server cannot decode. */
export const MALFORMED_CODE = 1

/** A command handler: reads the payload, answers through `conn.reply` / `conn.push`. */
export type CommandHandler = (conn: SimConnection, payload: Uint8Array) => void | Promise<void>

/** What a connection needs from its server. */
export interface ConnectionHost {
  /** Finds the handler of a command id (undefined = unknown/reserved: ignored, no reply). */
  handler(command: number): CommandHandler | undefined
  /** Called once when the socket closes. */
  onClose(conn: SimConnection): void
  /** Log sink (the CLI prints these). */
  log(event: string, data: Record<string, unknown>): void
}

/** Per-socket session state. */
export interface SimConnection {
  readonly id: number
  readonly brokerName: string
  phase: ConnectionPhase
  /** Logged-in account, once cmd 28 succeeded. */
  login: number | undefined
  /** Logged in with the investor password (read-only). */
  investor: boolean
  /** Tick subscription (cmd 7): symbol ids. */
  readonly tickSubs: Set<number>
  /** Book subscription (cmd 22): symbol ids. */
  readonly bookSubs: Set<number>
  /** Last cmd 17 push time (server ms) per symbol id. */
  readonly detailsSentAt: Map<number, number>
  /** Bootstrap token of this session. */
  token: Uint8Array
  /** Session key length handed out. */
  keySize: number
  readonly faults: ConnectionFaultState
  /** Frames received / sent (after the bootstrap). */
  readonly stats: { framesIn: number; framesOut: number }
  /** Answers a request (suppressed while the `silent` fault is on). */
  reply(command: number, code: number, body?: Uint8Array): void
  /** Sends a push (always, subject to delay/drop faults). */
  push(command: number, body: Uint8Array, code?: number): void
  /**
   * Writes the frames sent so far this turn now instead of at its end (one socket write): a
   * broadcast calls it after each session's frames, so the first sessions get theirs while the
   * rest are still being encoded.
   */
  flush(): void
  /** Sends a frame whose ciphertext cannot be decrypted (bad padding). */
  sendCorrupt(): void
  /** Drops the socket without a close frame. */
  drop(): void
  /** Closes the socket with a close frame. */
  close(): void
}

/** Per-socket limits that keep one peer from knocking the server over (see `SimServerOptions`). */
export interface ConnectionLimits {
  /**
   * Bytes queued for a peer that does not read: above half of it the connection stops reading
   * requests until the queue drains; above it the connection is dropped (`slow-consumer`).
   */
  maxBufferedBytes: number
  /** Ms for the bootstrap (cmd 0) to arrive; then the socket is dropped (`bootstrap-timeout`). */
  bootstrapTimeoutMs: number
  /** Ms from the bootstrap to a login (cmd 28) or a pre-login init (cmd 29) (`login-timeout`). */
  loginTimeoutMs: number
}

/** Defaults of {@link ConnectionLimits}. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxBufferedBytes: 8 * 1024 * 1024,
  bootstrapTimeoutMs: 10_000,
  loginTimeoutMs: 60_000,
}

/** Options of {@link createConnection}. */
export interface ConnectionOptions {
  id: number
  brokerName: string
  keySize: SessionKeySize
  host: ConnectionHost
  /** Build sent in the bootstrap reply's reserved u16 (default {@link SIM_SERVER_BUILD}). */
  serverBuild?: number
  /** Default {@link DEFAULT_CONNECTION_LIMITS}. */
  limits?: ConnectionLimits
  /**
   * The upgraded socket under `ws`: the session's frames of one event-loop turn are written to it
   * in one buffer (`outbox.ts`); `ws` keeps reading it.
   */
  socket: OutboxSocket
}

/** How often a connection that stopped reading requests checks whether its peer caught up. */
const DRAIN_POLL_MS = 10

const ZERO_TOKEN = new Uint8Array(64)

function isZero(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0) return false
  return true
}

/** Wraps an accepted WebSocket into a simulator session. */
export function createConnection(ws: WebSocket, options: ConnectionOptions): SimConnection {
  const { host } = options
  const limits = options.limits ?? DEFAULT_CONNECTION_LIMITS
  const initial = createNodeCipher(INITIAL_KEY)
  let cipher: FrameCipher = initial
  let sessionKey: Uint8Array = INITIAL_KEY
  let chain: Promise<void> = Promise.resolve()
  /** Encrypted frames held back by the `delay` fault, with the time each is due. */
  const queue: { due: number; ciphertext: Uint8Array }[] = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const alive = (): boolean => conn.phase !== 'closed' && ws.readyState === ws.OPEN

  const outbox = createOutbox(options.socket, alive, () => {
    // A peer that does not read would make the server buffer its pushes without end.
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      host.log('slow-consumer', { conn: conn.id, login: conn.login, bufferedBytes: ws.bufferedAmount })
      conn.drop()
    }
  })

  const transmit = (ciphertext: Uint8Array): void => {
    if (!alive()) return
    outbox.add(ciphertext)
    conn.stats.framesOut += 1
    const f = conn.faults
    if (f.dropAfterFrames !== undefined) {
      f.dropAfterFrames -= 1
      if (f.dropAfterFrames <= 0) {
        f.dropAfterFrames = undefined
        conn.drop()
      }
    }
  }

  const drain = (): void => {
    timer = undefined
    const now = Date.now()
    while (queue.length > 0 && queue[0]!.due <= now) transmit(queue.shift()!.ciphertext)
    if (queue.length > 0) timer = setTimeout(drain, Math.max(0, queue[0]!.due - now))
  }

  /** Sends an encrypted frame now (within this turn's write) or, under the `delay` fault, later. */
  const enqueue = (ciphertext: Uint8Array): void => {
    const delay = conn.faults.delayMs
    if (delay <= 0 && queue.length === 0) {
      transmit(ciphertext)
      return
    }
    const last = queue[queue.length - 1]
    const due = Math.max(Date.now() + Math.max(0, delay), last ? last.due : 0)
    queue.push({ due, ciphertext })
    if (timer === undefined) timer = setTimeout(drain, Math.max(0, queue[0]!.due - Date.now()))
  }

  const frame = (command: number, code: number, body: Uint8Array): void => {
    if (!alive()) return
    // Encrypted now, in send order: the CBC chain of the kept context follows it.
    enqueue(encryptResponse(cipher, command, code, body))
  }

  const conn: SimConnection = {
    id: options.id,
    brokerName: options.brokerName,
    phase: 'handshake',
    login: undefined,
    investor: false,
    tickSubs: new Set(),
    bookSubs: new Set(),
    detailsSentAt: new Map(),
    token: ZERO_TOKEN,
    keySize: options.keySize,
    faults: createConnectionFaults(),
    stats: { framesIn: 0, framesOut: 0 },
    reply(command, code, body = new Uint8Array(0)) {
      if (conn.faults.silent) return
      frame(command, code, body)
    },
    push(command, body, code = 0) {
      frame(command, code, body)
    },
    flush() {
      outbox.flush()
    },
    sendCorrupt() {
      if (!alive()) return
      // One block of zero plaintext encrypted without padding: decrypts to a final byte 0,
      // which is never valid PKCS#7 padding.
      const c = createCipheriv(`aes-${sessionKey.length * 8}-cbc`, sessionKey, new Uint8Array(16))
      c.setAutoPadding(false)
      enqueue(new Uint8Array(Buffer.concat([c.update(new Uint8Array(16)), c.final()])))
    },
    drop() {
      if (conn.phase === 'closed') return
      // Frames sent before the drop leave first (a `dropAfterFrames` fault delivers its N frames).
      outbox.flush()
      ws.terminate()
    },
    close() {
      if (conn.phase === 'closed') return
      outbox.flush()
      ws.close()
    },
  }

  // One timer per socket for the phase it must leave: bootstrap, then login or init.
  let phaseTimer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
    if (conn.phase !== 'handshake') return
    host.log('bootstrap-timeout', { conn: conn.id })
    conn.drop()
  }, limits.bootstrapTimeoutMs)
  phaseTimer.unref?.()

  const bootstrap = (data: Uint8Array): void => {
    let token: Uint8Array
    try {
      const req = decodeRequestFrame(initial, data)
      if (req.command !== 0 || req.payload.length !== 64) throw new ProtocolError('expected cmd 0', {})
      token = req.payload.slice()
    } catch {
      host.log('bootstrap-failed', { conn: conn.id })
      conn.drop()
      return
    }
    conn.token = isZero(token) ? new Uint8Array(randomBytes(64)) : token
    const key = new Uint8Array(randomBytes(conn.keySize))
    const body = encodeBootstrapReply({
      reserved: options.serverBuild ?? SIM_SERVER_BUILD,
      token: conn.token,
      sessionKey: key,
    })
    enqueue(encryptResponse(initial, 0, 0, body))
    cipher = createNodeCipher(key)
    sessionKey = key
    conn.phase = 'ready'
    clearTimeout(phaseTimer)
    phaseTimer = setTimeout(() => {
      if (conn.phase !== 'ready') return
      host.log('login-timeout', { conn: conn.id })
      conn.drop()
    }, limits.loginTimeoutMs)
    phaseTimer.unref?.()
  }

  /**
   * Backpressure on replies: while half the buffer limit is queued for the peer, stop reading its
   * requests (TCP pushes back on it) and answer the next one only once the queue drained.
   */
  const waitForRoom = async (): Promise<void> => {
    const resumeBelow = limits.maxBufferedBytes / 2
    // Requests queued back to back are handled in one turn: the replies so far must count.
    outbox.flush()
    if (ws.bufferedAmount <= resumeBelow) return
    ws.pause()
    while (alive() && ws.bufferedAmount > resumeBelow)
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS))
    if (alive()) ws.resume()
  }

  const handle = async (data: Uint8Array): Promise<void> => {
    await waitForRoom()
    if (!alive()) return
    let command: number
    let payload: Uint8Array
    try {
      const req = decodeRequestFrame(cipher, data)
      command = req.command
      payload = req.payload
    } catch {
      host.log('bad-frame', { conn: conn.id })
      conn.drop()
      return
    }
    conn.stats.framesIn += 1
    const handler = host.handler(command)
    if (!handler) return
    try {
      await handler(conn, payload)
    } catch (error) {
      host.log('handler-error', { conn: conn.id, command, error: String(error) })
      conn.reply(command, MALFORMED_CODE)
    }
  }

  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    if (conn.phase === 'handshake') {
      bootstrap(bytes)
      return
    }
    const copy = bytes.slice()
    chain = chain.then(() => (conn.phase === 'closed' ? undefined : handle(copy)))
  })
  ws.on('close', () => {
    if (conn.phase === 'closed') return
    conn.phase = 'closed'
    if (timer !== undefined) clearTimeout(timer)
    clearTimeout(phaseTimer)
    phaseTimer = undefined
    queue.length = 0
    outbox.clear()
    host.onClose(conn)
  })
  ws.on('error', () => {})
  return conn
}
