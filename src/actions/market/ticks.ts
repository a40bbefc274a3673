import { eventStream } from '../../client/eventStream.js'
import { reportClientError } from '../../client/reportError.js'
import type { BaseClient } from '../../client/types.js'
import type { Tick } from '../../model/types.js'
import { resolveSymbols } from './resolveSymbol.js'
import { type SymbolsInput, subscribeTicks, symbolList } from './subscribeTicks.js'

/** Options of {@link ticks}. */
export interface TicksOptions {
  /** Ticks buffered while the consumer is busy (default 1 000). */
  bufferSize?: number
  /** On a full buffer drop the oldest tick (default) or fail the iteration with `AbortedError`. */
  overflow?: 'dropOldest' | 'error'
  /** Ends the iteration. */
  signal?: AbortSignal
}

/**
 * Subscribes to `symbols` and yields their ticks as they arrive; leaving the loop (`break`,
 * `return`, an exception or the `signal`) removes this subscription. Other subscriptions of the
 * same symbols stay.
 *
 * @example
 * ```ts
 * for await (const tick of client.ticks(['EURUSD'])) {
 *   console.log(tick.bid)
 *   if (tick.bid > 1.2) break
 * }
 * ```
 * @param client - A logged-in client.
 * @param symbols - Names or ids.
 * @param options - Buffer size, overflow policy, abort signal.
 * @returns An async iterator of ticks.
 * @throws {@link SymbolNotFoundError} (on the first `next()`) for an unknown symbol;
 * {@link AbortedError} on buffer overflow with `overflow: 'error'`.
 */
export async function* ticks(
  client: BaseClient,
  symbols: SymbolsInput,
  options: TicksOptions = {},
): AsyncGenerator<Tick, void, undefined> {
  const ids = new Set((await resolveSymbols(client, symbolList(symbols))).map((s) => s.id))
  const stream = eventStream(client.events, 'tick', {
    filter: (tick) => ids.has(tick.symbolId),
    ...(options.bufferSize === undefined ? {} : { bufferSize: options.bufferSize }),
    ...(options.overflow === undefined ? {} : { overflow: options.overflow }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })
  let unsubscribe: (() => Promise<void>) | undefined
  try {
    unsubscribe = await subscribeTicks(client, [...ids])
    for (;;) {
      const next = await stream.next()
      if (next.done) return
      yield next.value
    }
  } finally {
    await stream.return?.()
    // Teardown never throws: a failed unsubscribe is reported through the client's `error` event.
    await unsubscribe?.().catch((error: unknown) => reportClientError(client, error))
  }
}
