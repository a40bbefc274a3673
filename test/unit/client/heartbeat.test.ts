import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHealthMonitor } from '../../../src/client/health.js'
import { startHeartbeat } from '../../../src/client/heartbeat.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('heartbeat', () => {
  it('pings every interval and reports latency', async () => {
    let pings = 0
    const latencies: number[] = []
    const stop = startHeartbeat({
      intervalMs: 100,
      timeoutMs: 300,
      ping: async () => {
        pings++
      },
      onLatency: (ms) => latencies.push(ms),
      onDead: () => {
        throw new Error('not dead')
      },
      now: () => Date.now(),
    })
    await vi.advanceTimersByTimeAsync(350)
    expect(pings).toBe(3)
    expect(latencies).toHaveLength(3)
    stop()
    await vi.advanceTimersByTimeAsync(500)
    expect(pings).toBe(3)
  })

  it('declares the connection dead when a ping is pending and nothing succeeded for timeoutMs', async () => {
    let pings = 0
    const dead: number[] = []
    startHeartbeat({
      intervalMs: 100,
      timeoutMs: 250,
      ping: () => {
        pings++
        return new Promise(() => {})
      },
      onLatency: () => {},
      onDead: (ms) => dead.push(ms),
      now: () => Date.now(),
    })
    await vi.advanceTimersByTimeAsync(250)
    expect(dead).toHaveLength(0)
    expect(pings).toBe(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(dead).toHaveLength(1)
    expect(dead[0]).toBeGreaterThan(250)
    expect(pings).toBe(1)
  })
})

describe('health monitor', () => {
  it('reports ages and degrades once per episode', () => {
    let now = 1000
    const h = createHealthMonitor({ maxPingLatencyMs: 100, maxSilenceMs: 1000 }, () => now)
    expect(h.report('disconnected')).toEqual({
      status: 'disconnected',
      pingLatencyMs: null,
      lastMessageAgeMs: null,
      reconnectCount: 0,
      connectedSinceMs: null,
    })
    h.loggedIn()
    now = 1500
    expect(h.report('loggedIn').lastMessageAgeMs).toBe(500)
    expect(h.check('loggedIn')).toBeUndefined()
    h.latency(150)
    expect(h.check('loggedIn')?.pingLatencyMs).toBe(150)
    expect(h.check('loggedIn')).toBeUndefined()
    h.latency(10)
    h.touch()
    expect(h.check('loggedIn')).toBeUndefined()
    now = 3000
    expect(h.check('loggedIn')?.lastMessageAgeMs).toBe(1500)
    h.reconnected()
    expect(h.report('loggedIn').reconnectCount).toBe(1)
    expect(h.check('reconnecting')).toBeUndefined()
  })
})
