/**
 * Connection health: last message age, ping latency, reconnect count, and the `healthDegraded`
 * decision (latency or silence past the thresholds; reported once per degradation).
 */
import type { ClientStatus, HealthReport } from './types.js'

/** Thresholds of the `healthDegraded` event. */
export interface HealthThresholds {
  maxPingLatencyMs: number
  maxSilenceMs: number
}

/** Mutable health counters of one client. */
export interface HealthMonitor {
  /** A frame arrived. */
  touch(): void
  /** A ping succeeded in `ms`. */
  latency(ms: number): void
  reconnected(): void
  loggedIn(): void
  loggedOut(): void
  report(status: ClientStatus): HealthReport
  /** The report when health just became degraded (once until it recovers), else `undefined`. */
  check(status: ClientStatus): HealthReport | undefined
}

/** Creates a health monitor. */
export function createHealthMonitor(
  thresholds: HealthThresholds,
  now: () => number = Date.now,
): HealthMonitor {
  let lastMessageAt: number | null = null
  let pingLatencyMs: number | null = null
  let reconnectCount = 0
  let connectedSince: number | null = null
  let degraded = false
  const report = (status: ClientStatus): HealthReport => ({
    status,
    pingLatencyMs,
    lastMessageAgeMs: lastMessageAt === null ? null : now() - lastMessageAt,
    reconnectCount,
    connectedSinceMs: connectedSince,
  })
  return {
    touch() {
      lastMessageAt = now()
    },
    latency(ms) {
      pingLatencyMs = ms
    },
    reconnected() {
      reconnectCount += 1
    },
    loggedIn() {
      connectedSince = now()
      lastMessageAt = now()
      degraded = false
    },
    loggedOut() {
      connectedSince = null
    },
    report,
    check(status) {
      if (status !== 'loggedIn') return undefined
      const r = report(status)
      const bad =
        (r.pingLatencyMs !== null && r.pingLatencyMs > thresholds.maxPingLatencyMs) ||
        (r.lastMessageAgeMs !== null && r.lastMessageAgeMs > thresholds.maxSilenceMs)
      if (!bad) {
        degraded = false
        return undefined
      }
      if (degraded) return undefined
      degraded = true
      return r
    },
  }
}
