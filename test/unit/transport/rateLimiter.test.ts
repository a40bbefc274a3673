import { describe, expect, it } from 'vitest'
import { AbortedError, ValidationError } from '../../../src/errors.js'
import { createRateLimiter, unlimited } from '../../../src/transport/rateLimiter.js'
import { FakeClock, flush } from '../../helpers/fakeClock.js'

function track(promise: Promise<void>, log: string[], name: string): Promise<void> {
  return promise.then(
    () => {
      log.push(name)
    },
    (error: unknown) => {
      log.push(`${name}:${(error as Error).name}`)
    },
  )
}

describe('rate limiter (token bucket)', () => {
  it('is off with rate 0', async () => {
    expect(createRateLimiter({ ratePerSecond: 0 })).toBe(unlimited)
    await expect(unlimited.acquire()).resolves.toBeUndefined()
    const controller = new AbortController()
    controller.abort()
    await expect(unlimited.acquire(controller.signal)).rejects.toBeInstanceOf(AbortedError)
  })

  it('validates its options', () => {
    expect(() => createRateLimiter({ ratePerSecond: -1 })).toThrow(ValidationError)
    expect(() => createRateLimiter({ ratePerSecond: Number.NaN })).toThrow(ValidationError)
    expect(() => createRateLimiter({ ratePerSecond: 1, burst: 0.5 })).toThrow(ValidationError)
  })

  it('starts full, lets a burst through, then waits (1 − tokens) / rate', async () => {
    const clock = new FakeClock()
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3, clock })
    const log: string[] = []
    const all = ['a', 'b', 'c', 'd', 'e'].map((name) => track(limiter.acquire(), log, name))
    await flush()
    expect(log).toEqual(['a', 'b', 'c'])
    expect(limiter.waiting).toBe(2)
    await clock.advance(499)
    expect(log).toEqual(['a', 'b', 'c'])
    await clock.advance(1)
    expect(log).toEqual(['a', 'b', 'c', 'd'])
    await clock.advance(500)
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e'])
    await Promise.all(all)
    expect(limiter.waiting).toBe(0)
    expect(clock.pending).toBe(0)
  })

  it('refills continuously up to the burst', async () => {
    const clock = new FakeClock()
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 2, clock })
    await limiter.acquire()
    await limiter.acquire()
    expect(limiter.tokens).toBeCloseTo(0)
    await clock.advance(50)
    expect(limiter.tokens).toBeCloseTo(0.5)
    await clock.advance(10_000)
    expect(limiter.tokens).toBe(2)
  })

  it('serves concurrent waiters in FIFO order', async () => {
    const clock = new FakeClock()
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, clock })
    const log: string[] = []
    const names = Array.from({ length: 6 }, (_, i) => `w${i}`)
    const all = names.map((name) => track(limiter.acquire(), log, name))
    for (let i = 0; i < 6; i++) await clock.advance(1000)
    await Promise.all(all)
    expect(log).toEqual(names)
  })

  it('cancels a waiting acquire with AbortedError and keeps the queue moving', async () => {
    const clock = new FakeClock()
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, clock })
    const log: string[] = []
    await limiter.acquire()
    const head = new AbortController()
    const middle = new AbortController()
    const all = [
      track(limiter.acquire(head.signal), log, 'head'),
      track(limiter.acquire(middle.signal), log, 'middle'),
      track(limiter.acquire(), log, 'tail'),
    ]
    await clock.advance(200)
    middle.abort()
    head.abort()
    await flush()
    expect(log).toEqual(['middle:AbortedError', 'head:AbortedError'])
    expect(limiter.waiting).toBe(1)
    await clock.advance(800)
    expect(log).toEqual(['middle:AbortedError', 'head:AbortedError', 'tail'])
    await Promise.all(all)
    expect(clock.pending).toBe(0)
  })

  it('passes a custom abort reason through and rejects an already aborted signal at once', async () => {
    const clock = new FakeClock()
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, clock })
    const reason = new Error('stop')
    await expect(limiter.acquire(AbortSignal.abort(reason))).rejects.toBe(reason)
    expect(limiter.tokens).toBe(1)
  })

  it('does not let a newcomer jump the queue when a token appears', async () => {
    const clock = new FakeClock()
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, clock })
    const log: string[] = []
    await limiter.acquire()
    const first = track(limiter.acquire(), log, 'first')
    await clock.advance(999)
    // The bucket holds 0.999 tokens: a new caller must queue behind `first`.
    const second = track(limiter.acquire(), log, 'second')
    await clock.advance(1)
    expect(log).toEqual(['first'])
    await clock.advance(1000)
    await Promise.all([first, second])
    expect(log).toEqual(['first', 'second'])
  })
})
