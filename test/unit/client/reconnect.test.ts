import { describe, expect, it } from 'vitest'
import { backoffDelayMs, sleep } from '../../../src/client/reconnect.js'
import { AbortedError } from '../../../src/errors.js'

const policy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 30_000 }

describe('reconnect backoff', () => {
  it('doubles from the base delay, plus jitter in [0, base)', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([
      1000, 2000, 4000, 8000, 16000,
    ])
    expect(backoffDelayMs(1, policy, () => 0.5)).toBe(1500)
    expect(backoffDelayMs(3, policy, () => 0.999)).toBe(4999)
  })

  it('is capped at maxDelayMs, even for huge attempt numbers', () => {
    expect(backoffDelayMs(6, policy, () => 0)).toBe(30_000)
    expect(backoffDelayMs(10_000, policy, () => 0.9)).toBe(30_000)
  })

  it('stays within bounds for any jitter', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      for (const r of [0, 0.25, 0.5, 0.75, 0.9999]) {
        const d = backoffDelayMs(attempt, policy, () => r)
        expect(d).toBeGreaterThanOrEqual(Math.min(1000 * 2 ** (attempt - 1), 30_000))
        expect(d).toBeLessThanOrEqual(30_000)
      }
    }
  })

  it('sleep is cancellable', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const waiting = sleep(10_000, controller.signal)
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(AbortedError)
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(sleep(1, AbortSignal.abort())).rejects.toBeInstanceOf(AbortedError)
    await expect(sleep(1)).resolves.toBeUndefined()
  })
})
