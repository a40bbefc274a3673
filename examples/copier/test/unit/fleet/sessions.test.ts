/**
 * Target sessions follow the leases: opened when won, closed once idle when lost, never two at once
 * for one target however the leases flap.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLeasedSessions } from '../../../src/fleet/sessions.js'

function harness() {
  const log: string[] = []
  const live = new Map<string, number>()
  let maxLive = 0
  const idleGates = new Map<string, () => void>()
  const sessions = createLeasedSessions({
    open: (t) => {
      live.set(t, (live.get(t) ?? 0) + 1)
      maxLive = Math.max(maxLive, live.get(t) ?? 0)
      log.push(`open ${t}`)
    },
    close: async (t) => {
      await Promise.resolve()
      live.set(t, (live.get(t) ?? 0) - 1)
      log.push(`close ${t}`)
    },
    idle: (t) => new Promise<void>((resolve) => idleGates.set(t, resolve)),
    onError: (e) => log.push(`error ${e.message}`),
  })
  const release = (t: string) => {
    idleGates.get(t)?.()
    idleGates.delete(t)
  }
  return { log, live, sessions, release, maxLive: () => maxLive }
}

describe('leased sessions', () => {
  it('opens at once, closes only once nothing is in flight on the target', async () => {
    const h = harness()
    h.sessions.want(['t1', 't2'])
    expect(h.log).toEqual(['open t1', 'open t2'])
    h.sessions.drop(['t1'])
    await new Promise((r) => setTimeout(r, 10))
    expect(h.sessions.has('t1')).toBe(true)
    expect(h.log).toEqual(['open t1', 'open t2'])
    h.release('t1')
    await h.sessions.settled()
    expect(h.log).toEqual(['open t1', 'open t2', 'close t1'])
    expect(h.sessions.has('t1')).toBe(false)
  })

  it('keeps the session of a lease won back while it drained', async () => {
    const h = harness()
    h.sessions.want(['t1'])
    h.sessions.drop(['t1'])
    h.sessions.want(['t1'])
    h.release('t1')
    await h.sessions.settled()
    expect(h.log).toEqual(['open t1'])
    expect(h.sessions.has('t1')).toBe(true)
  })

  it('for any sequence of wins and losses: at most one session per target, ending as the last lease event says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('t1', 't2'), fc.constantFrom('want', 'drop', 'idle')), {
          maxLength: 30,
        }),
        async (steps) => {
          const h = harness()
          const last = new Map<string, boolean>()
          for (const [t, step] of steps) {
            if (step === 'want') h.sessions.want([t])
            else if (step === 'drop') h.sessions.drop([t])
            else h.release(t)
            if (step !== 'idle') last.set(t, step === 'want')
            await Promise.resolve()
          }
          // everything in flight ends
          for (let i = 0; i < 10; i++) {
            h.release('t1')
            h.release('t2')
            await new Promise((r) => setImmediate(r))
          }
          await h.sessions.settled()
          expect(h.maxLive()).toBeLessThanOrEqual(1)
          for (const t of ['t1', 't2']) {
            expect(h.sessions.has(t)).toBe(last.get(t) === true)
            expect(h.live.get(t) ?? 0).toBe(last.get(t) === true ? 1 : 0)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
