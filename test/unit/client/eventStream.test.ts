import { EventEmitter } from 'eventemitter3'
import { describe, expect, it } from 'vitest'
import { eventStream } from '../../../src/client/eventStream.js'
import { AbortedError } from '../../../src/errors.js'

interface Events {
  n: [value: number]
  done: []
}

async function take<T>(it: AsyncIterator<T>, count: number): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < count; i++) {
    const r = await it.next()
    if (r.done) break
    out.push(r.value)
  }
  return out
}

describe('eventStream', () => {
  it('yields values in order, waiting for new ones', async () => {
    const e = new EventEmitter<Events>()
    const s = eventStream(e, 'n')
    e.emit('n', 1)
    e.emit('n', 2)
    expect(await s.next()).toEqual({ value: 1, done: false })
    expect(await s.next()).toEqual({ value: 2, done: false })
    const pending = s.next()
    e.emit('n', 3)
    expect(await pending).toEqual({ value: 3, done: false })
    await s.return?.()
  })

  it('drops the oldest values on overflow by default', async () => {
    const e = new EventEmitter<Events>()
    const s = eventStream(e, 'n', { bufferSize: 3 })
    for (let i = 1; i <= 5; i++) e.emit('n', i)
    expect(await take(s, 3)).toEqual([3, 4, 5])
    await s.return?.()
  })

  it("fails with AbortedError on overflow with 'error', after the buffered values", async () => {
    const e = new EventEmitter<Events>()
    const s = eventStream(e, 'n', { bufferSize: 2, overflow: 'error' })
    for (let i = 1; i <= 3; i++) e.emit('n', i)
    expect(e.listenerCount('n')).toBe(0)
    expect(await take(s, 2)).toEqual([1, 2])
    await expect(s.next()).rejects.toBeInstanceOf(AbortedError)
    expect(await s.next()).toEqual({ value: undefined, done: true })
  })

  it('filters values', async () => {
    const e = new EventEmitter<Events>()
    const s = eventStream(e, 'n', { filter: (v) => v % 2 === 0 })
    for (let i = 1; i <= 6; i++) e.emit('n', i)
    expect(await take(s, 3)).toEqual([2, 4, 6])
  })

  it('removes its listener on break', async () => {
    const e = new EventEmitter<Events>()
    const seen: number[] = []
    const loop = (async () => {
      for await (const v of eventStream(e, 'n')) {
        seen.push(v)
        if (v === 2) break
      }
    })()
    expect(e.listenerCount('n')).toBe(1)
    e.emit('n', 1)
    e.emit('n', 2)
    e.emit('n', 3)
    await loop
    expect(seen).toEqual([1, 2])
    expect(e.listenerCount('n')).toBe(0)
  })

  it('return() resolves a pending next() and removes the listener', async () => {
    const e = new EventEmitter<Events>()
    const s = eventStream(e, 'n')
    const pending = s.next()
    await s.return?.()
    expect(await pending).toEqual({ value: undefined, done: true })
    expect(e.listenerCount('n')).toBe(0)
    e.emit('n', 1)
    expect(await s.next()).toEqual({ value: undefined, done: true })
  })

  it('an aborted signal ends the stream and removes the listener', async () => {
    const e = new EventEmitter<Events>()
    const controller = new AbortController()
    const s = eventStream(e, 'n', { signal: controller.signal })
    const pending = s.next()
    controller.abort()
    expect(await pending).toEqual({ value: undefined, done: true })
    expect(e.listenerCount('n')).toBe(0)
    const never = eventStream(e, 'n', { signal: AbortSignal.abort() })
    expect(e.listenerCount('n')).toBe(0)
    expect(await never.next()).toEqual({ value: undefined, done: true })
  })

  describe('until', () => {
    /** A stream whose source can be stopped from the test. */
    function stoppable() {
      const e = new EventEmitter<Events>()
      let stop!: (error?: unknown) => void
      const s = eventStream(e, 'n', {
        until: (fn) => {
          stop = fn
          return () => undefined
        },
      })
      return { e, s, stop }
    }

    it('stop() ends the stream after the buffered values and calls the cleanup once', async () => {
      const e = new EventEmitter<Events>()
      let stop!: (error?: unknown) => void
      let cleanups = 0
      const s = eventStream(e, 'n', {
        until: (s) => {
          stop = s
          return () => cleanups++
        },
      })
      e.emit('n', 1)
      stop()
      e.emit('n', 2)
      expect(await s.next()).toEqual({ value: 1, done: false })
      expect(await s.next()).toEqual({ value: undefined, done: true })
      expect(cleanups).toBe(1)
      expect(e.listenerCount('n')).toBe(0)
    })

    it('stop(error) wakes a pending next() with the error', async () => {
      const { s, stop } = stoppable()
      const pending = s.next()
      const lost = new Error('lost')
      stop(lost)
      await expect(pending).rejects.toBe(lost)
      expect(await s.next()).toEqual({ value: undefined, done: true })
    })

    it('stop(error) comes after the buffered values', async () => {
      const { e, s, stop } = stoppable()
      e.emit('n', 1)
      stop(new AbortedError('gone'))
      expect(await s.next()).toEqual({ value: 1, done: false })
      await expect(s.next()).rejects.toBeInstanceOf(AbortedError)
    })

    it('return() runs the cleanup; a stop() inside until ends the stream at once', async () => {
      const e = new EventEmitter<Events>()
      let cleanups = 0
      const s = eventStream(e, 'n', { until: () => () => cleanups++ })
      await s.return?.()
      expect(cleanups).toBe(1)
      let early = 0
      const t = eventStream(e, 'n', {
        until: (stop) => {
          stop()
          return () => early++
        },
      })
      expect(early).toBe(1)
      expect(await t.next()).toEqual({ value: undefined, done: true })
    })
  })
})
