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

/** The monitor as a class: its methods are shared, not seven closures per client (issue #12). */
class Monitor implements HealthMonitor {
  #lastMessageAt: number | null = null
  #pingLatencyMs: number | null = null
  #reconnectCount = 0
  #connectedSince: number | null = null
  #degraded = false
  readonly #thresholds: HealthThresholds
  readonly #now: () => number

  constructor(thresholds: HealthThresholds, now: () => number) {
    this.#thresholds = thresholds
    this.#now = now
  }

  touch(): void {
    this.#lastMessageAt = this.#now()
  }

  latency(ms: number): void {
    this.#pingLatencyMs = ms
  }

  reconnected(): void {
    this.#reconnectCount += 1
  }

  loggedIn(): void {
    this.#connectedSince = this.#now()
    this.#lastMessageAt = this.#now()
    this.#degraded = false
  }

  loggedOut(): void {
    this.#connectedSince = null
  }

  report(status: ClientStatus): HealthReport {
    return {
      status,
      pingLatencyMs: this.#pingLatencyMs,
      lastMessageAgeMs: this.#lastMessageAt === null ? null : this.#now() - this.#lastMessageAt,
      reconnectCount: this.#reconnectCount,
      connectedSinceMs: this.#connectedSince,
    }
  }

  check(status: ClientStatus): HealthReport | undefined {
    if (status !== 'loggedIn') return undefined
    const r = this.report(status)
    const bad =
      (r.pingLatencyMs !== null && r.pingLatencyMs > this.#thresholds.maxPingLatencyMs) ||
      (r.lastMessageAgeMs !== null && r.lastMessageAgeMs > this.#thresholds.maxSilenceMs)
    if (!bad) {
      this.#degraded = false
      return undefined
    }
    if (this.#degraded) return undefined
    this.#degraded = true
    return r
  }
}

/** Creates a health monitor. */
export function createHealthMonitor(
  thresholds: HealthThresholds,
  now: () => number = Date.now,
): HealthMonitor {
  return new Monitor(thresholds, now)
}
