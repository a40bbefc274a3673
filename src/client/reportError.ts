/**
 * Reports an error of a feature module through the client's `error` event (the base client logs it
 * when nobody listens). Never throws: safe in teardown paths.
 *
 * @internal
 */
import type { BaseClient } from './types.js'

/** Reports `error` on `client` without throwing. @internal */
export function reportClientError(client: Pick<BaseClient, 'state' | 'events'>, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error))
  try {
    const report = client.state.reportError
    if (report) report(err)
    else client.events.emit('error', err)
  } catch {
    // An error listener that throws is the base client's concern (it logs it); never throw here.
  }
}
