/**
 * One call that puts a running copier on the web: the status tracker, the metrics and the server,
 * closed together. Used by `mt5web-copier run --http` and by programs that embed the copier.
 */
import { createCopierMetrics } from '../metrics/metrics.js'
import { type StatusServer, startStatusServer } from './server.js'
import type { InspectableCopier } from './status.js'
import { createStatusTracker } from './tracker.js'

/** Options of {@link serveStatus}. */
export interface ServeStatusOptions {
  /** `HOST:PORT` (default `127.0.0.1:9464`). */
  listen?: string | undefined
  /** The resolved bearer token (recommended off loopback). */
  token?: string | undefined
  /** Node's process metrics on `/metrics` too (default true). */
  processMetrics?: boolean
  /** Told when the page is served beyond loopback without a token. */
  onWarning?: (message: string) => void
  onError?: (error: Error) => void
}

/** Serves the status page, API and metrics of `copier` until `close()`. */
export async function serveStatus(
  copier: InspectableCopier,
  options: ServeStatusOptions = {},
): Promise<Pick<StatusServer, 'url' | 'port' | 'close'>> {
  const tracker = createStatusTracker(copier)
  const metrics = createCopierMetrics(copier, tracker, { processMetrics: options.processMetrics ?? true })
  try {
    const server = await startStatusServer({
      status: tracker,
      metrics,
      listen: options.listen,
      token: options.token,
      onError: options.onError,
      onWarning: options.onWarning,
    })
    return {
      url: server.url,
      port: server.port,
      async close() {
        await server.close()
        metrics.close()
        tracker.close()
      },
    }
  } catch (error) {
    metrics.close()
    tracker.close()
    throw error
  }
}
