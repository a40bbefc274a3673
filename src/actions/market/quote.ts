import type { BaseClient, RequestOptions } from '../../client/types.js'
import { AbortedError, MT5TimeoutError } from '../../errors.js'
import { marketState } from '../../marketState/state.js'
import type { Tick } from '../../model/types.js'
import { Command } from '../../protocol/commands.js'
import { resolveSymbol } from './resolveSymbol.js'
import { subscribeTicks } from './subscribeTicks.js'

/** Default wait for the first tick of a symbol that was not subscribed (ms). */
export const DEFAULT_QUOTE_TIMEOUT_MS = 10_000

/**
 * The current quote of a symbol, one-shot: the cached tick when the symbol is subscribed, else a
 * short subscription (cmd 7; the server answers it with the current ticks) that is removed again
 * once the first tick arrived. Other subscribers of the symbol keep theirs.
 *
 * @example
 * ```ts
 * const { bid, ask } = await client.quote('EURUSD')
 * ```
 * @param client - A logged-in client with the marketData module.
 * @param symbol - Symbol name.
 * @param options - `timeoutMs` for the first tick (default 10 000; 0 = wait without limit), `signal`.
 * @returns The latest tick.
 * @throws {@link SymbolNotFoundError} for an unknown symbol; {@link MT5TimeoutError} when no tick
 * arrived in time (a closed market sends none); {@link AbortedError}; any error of cmd 7.
 */
export async function quote(client: BaseClient, symbol: string, options: RequestOptions = {}): Promise<Tick> {
  const info = await resolveSymbol(client, symbol)
  const cached = marketState(client).ticks.last(info.name)
  if (cached) return cached
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUOTE_TIMEOUT_MS
  let onTick: ((tick: Tick) => void) | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  // Listen before subscribing: the snapshot may arrive before cmd 7's reply.
  const first = new Promise<Tick>((resolve, reject) => {
    onTick = (tick) => {
      if (tick.symbol === info.name) resolve(tick)
    }
    client.events.on('tick', onTick)
    if (timeoutMs > 0)
      timer = setTimeout(() => reject(new MT5TimeoutError(Command.ticks, timeoutMs)), timeoutMs)
    if (options.signal) {
      onAbort = () => reject(new AbortedError(`quote(${info.name}) aborted`))
      if (options.signal.aborted) onAbort()
      else options.signal.addEventListener('abort', onAbort, { once: true })
    }
  })
  // Handled by the `await first` below; until then a rejection must not count as unhandled.
  first.catch(() => {})
  try {
    const unsubscribe = await subscribeTicks(client, info.id)
    try {
      return await first
    } finally {
      await unsubscribe()
    }
  } finally {
    if (onTick) client.events.off('tick', onTick)
    if (timer !== undefined) clearTimeout(timer)
    if (onAbort) options.signal?.removeEventListener('abort', onAbort)
  }
}
