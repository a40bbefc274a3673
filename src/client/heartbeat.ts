/**
 * Heartbeat (docs/architecture.md#heartbeat-and-reconnect, official): a ping (cmd 51) every `intervalMs`
 * while logged in. At each
 * tick, if the previous ping is still pending and no ping succeeded for more than `timeoutMs`,
 * the connection is declared dead (`onDead`, which closes the socket and reconnects).
 */

/** What {@link startHeartbeat} needs. */
export interface HeartbeatOptions {
  intervalMs: number
  timeoutMs: number
  /** Sends one ping; resolves when answered. */
  ping: () => Promise<void>
  /** Round trip of a successful ping. */
  onLatency: (ms: number) => void
  /** No ping succeeded for `timeoutMs` while one is pending. */
  onDead: (silentForMs: number) => void
  /** A ping failed (the heartbeat keeps going; `onDead` decides). */
  onPingError?: (error: unknown) => void
  now?: () => number
}

/** Starts the heartbeat; returns the stop function (idempotent). */
export function startHeartbeat(options: HeartbeatOptions): () => void {
  const now = options.now ?? Date.now
  let lastSuccess = now()
  let pending = false
  let stopped = false
  const tick = (): void => {
    if (stopped) return
    const silentFor = now() - lastSuccess
    if (pending) {
      if (silentFor > options.timeoutMs) {
        stop()
        options.onDead(silentFor)
      }
      return
    }
    pending = true
    const sentAt = now()
    options.ping().then(
      () => {
        pending = false
        if (stopped) return
        lastSuccess = now()
        options.onLatency(lastSuccess - sentAt)
      },
      (error: unknown) => {
        pending = false
        if (stopped) return
        options.onPingError?.(error)
        // A failed ping (timeout, server code) counts as "not succeeded": check at once.
        if (now() - lastSuccess > options.timeoutMs) {
          stop()
          options.onDead(now() - lastSuccess)
        }
      },
    )
  }
  const timer = setInterval(tick, options.intervalMs)
  function stop(): void {
    if (stopped) return
    stopped = true
    clearInterval(timer)
  }
  return stop
}
