/**
 * Request/response matching (docs/architecture.md#requests-and-replies), pure: no socket, timers injected.
 *
 * Frames carry no request id, so a reply is matched by command id. The table implements the
 * official discipline: at most ONE request per command id in flight; later requests of that id
 * wait in a FIFO queue and are transmitted when the one ahead is answered, times out, is aborted
 * or fails to send. Different ids run concurrently.
 *
 * The timeout of a request starts when it reaches the head of its queue (so it covers the
 * rate-limiter wait and the send, but not the time spent behind other requests of the same id).
 * Every way out (reply, timeout, abort, send failure, `rejectAll`) goes through one idempotent
 * `finish`, which removes the entry, clears its timer and abort listener and aborts the entry's
 * own signal (cancelling a rate-limiter wait). The table is empty once every request settled.
 *
 * Known limit (shared with the official client): a reply that arrives after its request timed out
 * cannot be told from the reply to the next request of the same id, which is sent at that moment,
 * so it settles that next request. Trading does not rely on cmd 12 replies alone: results are
 * matched by action id in cmd 19.
 */
import { AbortedError, MT5ConnectionError, MT5TimeoutError, Mt5Error, ServerError } from '../errors.js'
import { type Clock, systemClock } from './clock.js'

/** A successful reply: code 0 and the body. */
export interface Reply {
  code: number
  body: Uint8Array
}

/** Per-request options. */
export interface RequestOptions {
  /** Milliseconds from the moment the request is at the head of its queue; 0 = no timeout. */
  timeoutMs?: number
  /** Cancels the request (queued or in flight) with `AbortedError`. */
  signal?: AbortSignal
}

/**
 * Sends one request. Called when the request becomes the in-flight one of its command id.
 * `signal` aborts when the request is finished for any reason (stop waiting then). A thrown error
 * or a rejected promise fails this request only.
 */
export type Transmit = (command: number, payload: Uint8Array, signal: AbortSignal) => void | Promise<void>

/** Options of {@link RequestTable}. */
export interface RequestTableOptions {
  transmit: Transmit
  /** Timeout when the caller gives none: a number, or per command id. Default 30 000 ms. */
  defaultTimeoutMs?: number | ((command: number) => number)
  clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  /**
   * Give each transmitted request a signal of its own, aborted when it finishes (default true).
   * A transport without a rate limiter has no wait to cancel: false spares an `AbortController`
   * per request (tens of microseconds, on every trade's path) and `transmit` gets a signal that
   * never aborts.
   */
  signals?: boolean
}

interface Entry {
  readonly command: number
  readonly payload: Uint8Array
  readonly timeoutMs: number
  readonly resolve: (reply: Reply) => void
  readonly reject: (error: unknown) => void
  /** Undefined when the table gives no signals ({@link RequestTableOptions.signals}). */
  readonly controller: AbortController | undefined
  readonly signal: AbortSignal | undefined
  onAbort: (() => void) | undefined
  timer: unknown
  /** Handed to `transmit` (the in-flight one of its id). */
  started: boolean
  /** `transmit` returned (or its promise resolved): a frame of this id may now be its reply. */
  sent: boolean
  done: boolean
}

/** Default request timeout (docs/architecture.md#requests-and-replies). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000

/** Per-command queues of pending requests; the head of each queue is in flight. */
export class RequestTable {
  readonly #queues = new Map<number, Entry[]>()
  readonly #transmit: Transmit
  readonly #defaultTimeout: (command: number) => number
  readonly #clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  readonly #signals: boolean
  #size = 0

  constructor(options: RequestTableOptions) {
    this.#transmit = options.transmit
    const fallback = options.defaultTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.#defaultTimeout = typeof fallback === 'number' ? () => fallback : fallback
    this.#clock = options.clock ?? systemClock
    this.#signals = options.signals !== false
  }

  /** Requests pending (in flight + queued). */
  get size(): number {
    return this.#size
  }

  /** Command ids with at least one pending request. */
  get commands(): number[] {
    return [...this.#queues.keys()]
  }

  /** Requests pending for one command id (in flight + queued). */
  pending(command: number): number {
    return this.#queues.get(command)?.length ?? 0
  }

  /** True when a request of `command` has been handed to `transmit` and is not finished. */
  inFlight(command: number): boolean {
    return this.#queues.get(command)?.[0]?.started === true
  }

  /** Queues a request; it is transmitted as soon as no other request of its id is in flight. */
  add(command: number, payload: Uint8Array, options: RequestOptions = {}): Promise<Reply> {
    const { signal } = options
    if (signal?.aborted) return Promise.reject(abortError(signal, command))
    return new Promise<Reply>((resolve, reject) => {
      const entry: Entry = {
        command,
        payload,
        timeoutMs: options.timeoutMs ?? this.#defaultTimeout(command),
        resolve,
        reject,
        controller: this.#signals ? new AbortController() : undefined,
        signal,
        onAbort: undefined,
        timer: undefined,
        started: false,
        sent: false,
        done: false,
      }
      if (signal) {
        entry.onAbort = () => this.#finish(entry, abortError(signal, command))
        signal.addEventListener('abort', entry.onAbort, { once: true })
      }
      let queue = this.#queues.get(command)
      if (!queue) {
        queue = []
        this.#queues.set(command, queue)
      }
      queue.push(entry)
      this.#size += 1
      if (queue.length === 1) this.#start(entry)
    })
  }

  /**
   * Hands an incoming frame to the in-flight request of its command id. Code 0 resolves it,
   * any other code rejects it with `ServerError`. Returns false when nothing was waiting (a push).
   */
  settle(command: number, code: number, body: Uint8Array): boolean {
    const head = this.#queues.get(command)?.[0]
    if (!head?.sent) return false
    if (code === 0) this.#finish(head, undefined, { code, body })
    else this.#finish(head, new ServerError(command, code, `command ${command} failed with code ${code}`))
    return true
  }

  /** Rejects every pending and queued request with `error` (close, drop). */
  rejectAll(error: unknown): void {
    const entries = [...this.#queues.values()].flat()
    // Mark first, so finishing one entry does not start the next of its queue.
    for (const entry of entries) entry.started = false
    this.#queues.clear()
    this.#size = 0
    for (const entry of entries) this.#finish(entry, error)
  }

  #start(entry: Entry): void {
    entry.started = true
    if (entry.timeoutMs > 0) {
      entry.timer = this.#clock.setTimeout(() => {
        entry.timer = undefined
        this.#finish(entry, new MT5TimeoutError(entry.command, entry.timeoutMs))
      }, entry.timeoutMs)
    }
    let sent: void | Promise<void>
    try {
      sent = this.#transmit(entry.command, entry.payload, entry.controller?.signal ?? NEVER)
    } catch (error) {
      this.#finish(entry, sendError(error))
      return
    }
    if (!sent) {
      entry.sent = true
      return
    }
    sent.then(
      () => {
        entry.sent = true
      },
      (error: unknown) => this.#finish(entry, sendError(error)),
    )
  }

  #finish(entry: Entry, error: unknown, reply?: Reply): void {
    if (entry.done) return
    entry.done = true
    if (entry.timer !== undefined) this.#clock.clearTimeout(entry.timer)
    entry.timer = undefined
    if (entry.onAbort) entry.signal?.removeEventListener('abort', entry.onAbort)
    const queue = this.#queues.get(entry.command)
    let next: Entry | undefined
    if (queue) {
      const index = queue.indexOf(entry)
      if (index >= 0) {
        queue.splice(index, 1)
        this.#size -= 1
        if (queue.length === 0) this.#queues.delete(entry.command)
        else if (index === 0) next = queue[0]
      }
    }
    entry.controller?.abort(FINISHED)
    if (reply) entry.resolve(reply)
    else entry.reject(error)
    if (next && !next.started && !next.done) this.#start(next)
  }
}

/**
 * The reason a finished request's signal is aborted with: one shared `AbortError`, like the one
 * `abort()` builds, without building one (with its stack) for every reply on the trade hot path.
 */
const FINISHED = new DOMException('request finished', 'AbortError')

/** The signal of every request of a table without signals: never aborted. */
const NEVER = new AbortController().signal

function abortError(signal: AbortSignal, command: number): unknown {
  return signal.reason instanceof Error && signal.reason.name !== 'AbortError'
    ? signal.reason
    : new AbortedError(`command ${command} aborted`, { cause: signal.reason })
}

function sendError(error: unknown): unknown {
  return error instanceof Mt5Error ? error : new MT5ConnectionError('failed to send frame', { cause: error })
}
