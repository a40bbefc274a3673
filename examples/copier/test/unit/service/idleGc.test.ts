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
  it('collects the young generation once activity stops for quietMs', async () => {
    gc = startIdleGc({ quietMs: 10, minBytes: 64 * 1024 })
    expect(gc).toBeDefined()
    garbage(20_000)
    const before = youngGenerationBytes()
    expect(before).toBeGreaterThan(64 * 1024)
    gc?.activity()
    const end = performance.now() + 2_000
    while ((gc?.stats().collections ?? 0) === 0 && performance.now() < end) await sleep(5)
    expect(gc?.stats().collections).toBe(1)
    // what is left is what was allocated since the collection
    expect(youngGenerationBytes()).toBeLessThan(before)
  })

  it('collects nothing without activity, and once per burst of it', async () => {
    gc = startIdleGc({ quietMs: 300, minBytes: 1 })
    garbage(20_000)
    await sleep(400)
    expect(gc?.stats().collections).toBe(0)
    // a burst: changes 5 ms apart postpone the collection until they stop
    for (let change = 0; change < 20; change++) {
      garbage(1_000)
      gc?.activity()
      await sleep(5)
      expect(gc?.stats().collections).toBe(0)
    }
    await sleep(900)
    expect(gc?.stats().collections).toBe(1)
  })

  it('does not collect a young generation below minBytes, nor once stopped', async () => {
    gc = startIdleGc({ quietMs: 5, minBytes: 1024 * 1024 * 1024 })
    garbage(20_000)
    gc?.activity()
    await sleep(100)
    expect(gc?.stats().collections).toBe(0)
    const other = startIdleGc({ quietMs: 5, minBytes: 1 })
    other?.activity()
    other?.stop()
    await sleep(100)
    expect(other?.stats().collections).toBe(0)
  })
})
