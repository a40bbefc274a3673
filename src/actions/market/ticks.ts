import { eventStream } from '../../client/eventStream.js'
import { reportClientError } from '../../client/reportError.js'
import type { BaseClient, ClientStatus, DisconnectInfo } from '../../client/types.js'
import { MT5ConnectionError } from '../../errors.js'
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
 * same symbols stay. A dropped connection that the client reconnects is bridged (the subscription
 * is replayed); one it does not (reconnect off or given up) fails the iteration with
 * `MT5ConnectionError`, its `cause` the reason of the drop. `close()`/`logout()` end it.
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
 * {@link AbortedError} on buffer overflow with `overflow: 'error'`; {@link MT5ConnectionError}
 * when the connection is lost for good.
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
    until: (stop) => whenSessionEnds(client, stop),
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
    // Teardown never throws: a failed unsubscribe is reported through the client's `error` event,
    // unless the session is gone: the local set is already released and no server set remains,
    // so that failure says nothing new (the loss itself is what the loop threw).
    await unsubscribe?.().catch((error: unknown) => {
      if (client.status === 'loggedIn') reportClientError(client, error)
    })
  }
}

/**
 * Ends the stream when the client's session ends: normally after `close()`/`logout()`, with an
 * error after a drop that no reconnect follows (reconnect off, given up, login refused). Without
 * this the loop would wait forever for ticks that cannot come.
 */
function whenSessionEnds(client: BaseClient, stop: (error?: unknown) => void): () => void {
  // The last unexpected drop of this session; `disconnect` comes before the final status.
  let drop: DisconnectInfo | undefined
  const onDisconnect = (info: DisconnectInfo): void => {
    if (!info.expected) drop = info
  }
  const onStatus = (status: ClientStatus): void => {
    if (status === 'loggedIn') drop = undefined
    if (status !== 'disconnected' && status !== 'closed') return
    if (drop === undefined) stop()
    else
      stop(
        new MT5ConnectionError(
          `tick stream ended: connection lost${drop.error ? ` (${drop.error.message})` : ''}`,
          { cause: drop.error },
        ),
      )
  }
  client.events.on('disconnect', onDisconnect)
  client.events.on('status', onStatus)
  return () => {
    client.events.off('disconnect', onDisconnect)
    client.events.off('status', onStatus)
  }
}
