import { reportClientError } from '../../client/reportError.js'
import type { BaseClient, RequestOptions } from '../../client/types.js'
import { AbortedError, MT5TimeoutError } from '../../errors.js'
import { marketState } from '../../marketState/state.js'
import type { Tick } from '../../model/types.js'
import { Command } from '../../protocol/commands.js'
import { resolveSymbol } from './resolveSymbol.js'
import { subscribeTicks, type Unsubscribe } from './subscribeTicks.js'

/** Default wait for the first tick of a symbol that was not subscribed (ms). */
export const DEFAULT_QUOTE_TIMEOUT_MS = 10_000

/**
 * The current quote of a symbol, one-shot: the cached tick when the symbol is subscribed, else a
 * short subscription (cmd 7; the server answers it with the current ticks) that is removed again
 * once the first tick arrived. Other subscribers of the symbol keep theirs. The tick cached from an
 * earlier, ended subscription is not returned: it may be hours old.
 *
 * `timeoutMs` bounds the whole call (symbol lookup, the cmd 7 round trip and the first tick): the
 * call settles by then even when the server is slow to answer cmd 7. The brief subscription is
 * removed without delaying the result; a failure to remove it is reported on the client's `error`
 * event.
 *
 * @example
 * ```ts
 * const { bid, ask } = await client.quote('EURUSD')
 * ```
 * @param client - A logged-in client with the marketData module.
 * @param symbol - Symbol name.
 * @param options - `timeoutMs` for the whole call (default 10 000; 0 = wait without limit), `signal`.
 * @returns The latest tick.
 * @throws {@link SymbolNotFoundError} for an unknown symbol; {@link MT5TimeoutError} when no tick
 * arrived in time (a closed market sends none); {@link AbortedError}; any error of cmd 7.
 */
export async function quote(client: BaseClient, symbol: string, options: RequestOptions = {}): Promise<Tick> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUOTE_TIMEOUT_MS
  const state = marketState(client)
  let wanted: string | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const onTick = (tick: Tick) => {
    if (tick.symbol === wanted) settle.resolve(tick)
  }
  let settle!: { resolve: (tick: Tick) => void; reject: (error: Error) => void }
  // One outcome for the whole call: the first tick, or the deadline / abort, whichever comes first.
  const outcome = new Promise<Tick>((resolve, reject) => {
    settle = { resolve, reject }
  })
  // Awaited below (possibly through a race); until then a rejection must not count as unhandled.
  outcome.catch(() => {})
  if (timeoutMs > 0)
    timer = setTimeout(() => settle.reject(new MT5TimeoutError(Command.ticks, timeoutMs)), timeoutMs)
  if (options.signal) {
    onAbort = () => settle.reject(new AbortedError(`quote(${symbol}) aborted`))
    if (options.signal.aborted) onAbort()
    else options.signal.addEventListener('abort', onAbort, { once: true })
  }
  let subscribing: Promise<Unsubscribe> | undefined
  let thrown: unknown
  try {
    // Only the deadline or an abort can settle `outcome` before the symbol is known.
    const info = await Promise.race([
      resolveSymbol(client, symbol),
      outcome.then(() => new Promise<never>(() => {})),
    ])
    const cached = state.tickSubs.has(info.id) ? state.ticks.last(info.name) : undefined
    if (cached) return cached
    wanted = info.name
    // Listen before subscribing: the snapshot may arrive before cmd 7's reply.
    client.events.on('tick', onTick)
    subscribing = subscribeTicks(client, info.id)
    await Promise.race([subscribing, outcome])
    return await outcome
  } catch (error) {
    thrown = error
    throw error
  } finally {
    client.events.off('tick', onTick)
    if (timer !== undefined) clearTimeout(timer)
    if (onAbort) options.signal?.removeEventListener('abort', onAbort)
    // Removed in the background: the caller has its answer (or its error) without another round trip.
    if (subscribing)
      subscribing.then(
        (unsubscribe) => unsubscribe().catch((error: unknown) => reportClientError(client, error)),
        // A failed cmd 7 that settled the call was thrown to the caller; one that failed after the
        // tick or the deadline is reported rather than lost.
        (error: unknown) => {
          if (error !== thrown) reportClientError(client, error)
        },
      )
  }
}
