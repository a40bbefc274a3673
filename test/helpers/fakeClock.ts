/** A manual clock for timer-driven tests: time moves only through `advance()`. */
import type { Clock } from '../../src/transport/clock.js'

interface Timer {
  id: number
  at: number
  fn: () => void
}

export class FakeClock implements Clock {
  #now = 0
  #nextId = 1
  #timers: Timer[] = []

  now(): number {
    return this.#now
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.#nextId++, at: this.#now + ms, fn }
    this.#timers.push(timer)
    return timer.id
  }

  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((t) => t.id !== handle)
  }

  /** Timers not yet fired or cleared. */
  get pending(): number {
    return this.#timers.length
  }

  /** Moves time forward, firing due timers in order (bounded), letting promises settle between. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms
    for (let guard = 0; guard < 10_000; guard++) {
      await flush()
      const due = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0]
      if (!due) break
      this.#timers = this.#timers.filter((t) => t !== due)
      this.#now = Math.max(this.#now, due.at)
      due.fn()
    }
    this.#now = end
    await flush()
  }
}

/** Lets queued microtasks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}
