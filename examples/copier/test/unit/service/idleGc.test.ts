import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { type IdleGc, startIdleGc, youngGenerationBytes } from '../../../src/service/idleGc.js'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
/** Short-lived garbage: about `n` small objects, none kept. */
function garbage(n: number): number {
  let sum = 0
  for (let i = 0; i < n; i++) sum += { i, s: `x${i}` }.s.length
  return sum
}

let gc: IdleGc | undefined
afterEach(() => {
  gc?.stop()
  gc = undefined
})

describe('startIdleGc', () => {
  it('collects the young generation once the event loop goes idle', async () => {
    gc = startIdleGc({ intervalMs: 20, minBytes: 64 * 1024 })
    expect(gc).toBeDefined()
    garbage(20_000)
    const before = youngGenerationBytes()
    expect(before).toBeGreaterThan(64 * 1024)
    const end = performance.now() + 2_000
    while ((gc?.stats().collections ?? 0) === 0 && performance.now() < end) await sleep(20)
    expect(gc?.stats().collections).toBeGreaterThan(0)
    // what is left is what the idle loop allocated since the collection
    expect(youngGenerationBytes()).toBeLessThan(before)
  })

  it('leaves a busy event loop to V8', async () => {
    gc = startIdleGc({ intervalMs: 20, minBytes: 1 })
    // busy on every turn for 400 ms: timers run between the turns, never on an idle interval
    const until = performance.now() + 400
    await new Promise<void>((resolve) => {
      const turn = () => {
        const stop = performance.now() + 5
        while (performance.now() < stop) garbage(100)
        if (performance.now() < until) setImmediate(turn)
        else resolve()
      }
      turn()
    })
    expect(gc?.stats().collections).toBe(0)
  })

  it('does not collect while a change waits for I/O with the loop idle', async () => {
    // a change: about 1 ms of work (push, plan), then a wait for the database; one every 60 ms, so
    // every interval holds some work yet is more than 98 % idle
    gc = startIdleGc({ intervalMs: 100, minBytes: 1 })
    for (let change = 0; change < 10; change++) {
      const stop = performance.now() + 1
      while (performance.now() < stop) garbage(100)
      await sleep(60)
    }
    expect(gc?.stats().collections).toBe(0)
  })

  it('does not collect a young generation below minBytes', async () => {
    gc = startIdleGc({ intervalMs: 20, minBytes: 1024 * 1024 * 1024 })
    garbage(20_000)
    await sleep(200)
    expect(gc?.stats().collections).toBe(0)
  })
})
