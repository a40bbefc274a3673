/**
 * A bounded async iterator over one event of an emitter: `for await (const tick of
 * eventStream(client.events, 'tick')) { … }`. Values are buffered up to `bufferSize` while the
 * consumer is busy; on overflow the oldest value is dropped (`'dropOldest'`, default) or the
 * stream fails with `AbortedError` after the buffered values (`'error'`). `break`, `return()`,
 * `throw()` or an aborted `signal` remove the listener at once; an aborted signal ends the stream.
 * `until` lets the source end the stream (or fail it, e.g. when the connection is lost) after the
 * values already buffered.
 */
import type { EventEmitter } from 'eventemitter3'
import { AbortedError, SessionError } from '../errors.js'

/** Options of {@link eventStream}. */
export interface EventStreamOptions<T> {
  /** Values kept while the consumer is busy (default 1 000). */
  bufferSize?: number
  /** What to do when the buffer is full (default `'dropOldest'`). */
  overflow?: 'dropOldest' | 'error'
  /** Only values for which this returns true are yielded. */
  filter?: (value: T) => boolean
  /** Ends the stream and removes the listener. */
  signal?: AbortSignal
  /**
   * Watches for the end of the source: `stop()` ends the stream, `stop(error)` fails it with
   * `error`, both after the values already buffered. Returns its own cleanup, called when the
   * stream ends for any reason.
   */
  until?: (stop: (error?: unknown) => void) => () => void
}

/** The value a stream of event `E` yields: the event's first argument. */
export type EventValue<M, E extends keyof M> = M[E] extends readonly [infer V, ...unknown[]] ? V : undefined

/** Creates a bounded async iterator over `event`. */
export function eventStream<M extends { [K in keyof M]: unknown[] }, E extends keyof M & (string | symbol)>(
  emitter: EventEmitter<M>,
  event: E,
  options: EventStreamOptions<EventValue<M, E>> = {},
): AsyncIterableIterator<EventValue<M, E>> {
  type V = EventValue<M, E>
  const bufferSize = options.bufferSize ?? 1000
  const overflow = options.overflow ?? 'dropOldest'
  const { filter, signal, until } = options
  const buffer: V[] = []
  let waiter: { resolve: (r: IteratorResult<V>) => void; reject: (e: unknown) => void } | undefined
  let ended = false
  let failure: unknown
  const emitterAny = emitter as unknown as {
    on(event: E, fn: (...args: unknown[]) => void): unknown
    off(event: E, fn: (...args: unknown[]) => void): unknown
  }

  const listener = (...args: unknown[]): void => {
    if (ended) return
    const value = args[0] as V
    try {
      if (filter && !filter(value)) return
    } catch (error) {
      fail(error)
      return
    }
    if (waiter) {
      const w = waiter
      waiter = undefined
      w.resolve({ value, done: false })
      return
    }
    if (buffer.length >= bufferSize) {
      if (overflow === 'dropOldest') buffer.shift()
      else {
        fail(new AbortedError(`event stream "${String(event)}" overflowed its buffer of ${bufferSize}`))
        return
      }
    }
    if (bufferSize > 0) buffer.push(value)
  }

  const onAbort = (): void => finish()
  let unwatch: (() => void) | undefined

  function teardown(): void {
    if (ended) return
    ended = true
    emitterAny.off(event, listener)
    signal?.removeEventListener('abort', onAbort)
    unwatch?.()
    unwatch = undefined
  }

  /** The source ended: what is buffered is still yielded, then done (or `error`). */
  function stop(error?: unknown): void {
    if (ended) return
    if (error !== undefined) {
      fail(error)
      return
    }
    teardown()
    const w = waiter
    waiter = undefined
    w?.resolve({ value: undefined, done: true })
  }

  function finish(): void {
    teardown()
    buffer.length = 0
    const w = waiter
    waiter = undefined
    w?.resolve({ value: undefined, done: true })
  }

  function fail(error: unknown): void {
    teardown()
    failure = error
    const w = waiter
    waiter = undefined
    if (w) {
      failure = undefined
      w.reject(error)
    }
  }

  if (signal?.aborted) ended = true
  else {
    emitterAny.on(event, listener)
    signal?.addEventListener('abort', onAbort, { once: true })
    const cleanup = until?.(stop)
    // `stop` may have run inside `until`: then the stream is over and the cleanup is due now.
    if (ended) cleanup?.()
    else unwatch = cleanup
  }

  const iterator: AsyncIterableIterator<V> = {
    next(): Promise<IteratorResult<V>> {
      if (buffer.length > 0) return Promise.resolve({ value: buffer.shift() as V, done: false })
      if (failure !== undefined) {
        const error = failure
        failure = undefined
        return Promise.reject(error)
      }
      if (ended) return Promise.resolve({ value: undefined, done: true })
      if (waiter)
        return Promise.reject(new SessionError('eventStream: next() called while another next() is pending'))
      return new Promise((resolve, reject) => {
        waiter = { resolve, reject }
      })
    },
    return(): Promise<IteratorResult<V>> {
      finish()
      failure = undefined
      return Promise.resolve({ value: undefined, done: true })
    },
    throw(error?: unknown): Promise<IteratorResult<V>> {
      finish()
      failure = undefined
      return Promise.reject(error)
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}
