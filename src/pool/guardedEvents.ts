/**
 * The pool's emitter with guarded listeners: a listener that throws is reported through the pool's
 * `error` event (with the account) instead of breaking the client that delivered the event or the
 * listeners after it. An `error` listener that throws, or an error nobody listens to, goes to the
 * logger.
 */
import type { EventEmitter } from 'eventemitter3'
import type { Logger } from '../client/types.js'
import type { PoolAccount, PoolEvents } from './types.js'

type Listener = (...args: unknown[]) => void

/** Guarded `on` / `once` / `off` / `emit` over a pool's emitter. @internal */
export interface GuardedEvents {
  emit<E extends keyof PoolEvents>(event: E, ...args: PoolEvents[E]): void
  on<E extends keyof PoolEvents>(event: E, listener: (...args: PoolEvents[E]) => void): void
  once<E extends keyof PoolEvents>(event: E, listener: (...args: PoolEvents[E]) => void): void
  off<E extends keyof PoolEvents>(event: E, listener?: (...args: PoolEvents[E]) => void): void
}

/** Wraps `events`; `logger` receives what no listener can take. */
export function createGuardedEvents(events: EventEmitter<PoolEvents>, logger: Logger): GuardedEvents {
  /** user listener → event → its wrappers (a function may be registered more than once). */
  const wrappers = new WeakMap<Listener, Map<keyof PoolEvents, Listener[]>>()

  function reportError(account: PoolAccount, error: unknown, event: keyof PoolEvents): void {
    const err = error instanceof Error ? error : new Error(String(error))
    const described = { account: account.key, event, err: { name: err.name, message: err.message } }
    if (event === 'error' || events.listenerCount('error') === 0) {
      logger.error(described, 'mt5web: pool listener error')
      return
    }
    emit('error', account, err)
  }

  function guard(event: keyof PoolEvents, listener: Listener, once: boolean): Listener {
    const wrapper = (...args: unknown[]): void => {
      if (once) forget(event, listener, wrapper)
      try {
        listener(...args)
      } catch (error) {
        reportError(args[0] as PoolAccount, error, event)
      }
    }
    let byEvent = wrappers.get(listener)
    if (!byEvent) {
      byEvent = new Map()
      wrappers.set(listener, byEvent)
    }
    byEvent.set(event, [...(byEvent.get(event) ?? []), wrapper])
    return wrapper
  }

  function forget(event: keyof PoolEvents, listener: Listener, wrapper: Listener): void {
    const list = wrappers.get(listener)?.get(event)
    if (list)
      wrappers.get(listener)?.set(
        event,
        list.filter((w) => w !== wrapper),
      )
  }

  function emit<E extends keyof PoolEvents>(event: E, ...args: PoolEvents[E]): void {
    if (event === 'error' && events.listenerCount('error') === 0) {
      const [account, error] = args as unknown as PoolEvents['error']
      logger.warn(
        { account: account.key, err: { name: error.name, message: error.message } },
        'mt5web: unhandled pool account error',
      )
      return
    }
    ;(events.emit as (event: E, ...rest: PoolEvents[E]) => boolean)(event, ...args)
  }

  return {
    emit,
    on(event, listener) {
      events.on(event, guard(event, listener as unknown as Listener, false) as never)
    },
    once(event, listener) {
      events.once(event, guard(event, listener as unknown as Listener, true) as never)
    },
    off(event, listener) {
      if (listener === undefined) {
        events.removeAllListeners(event)
        return
      }
      const list = wrappers.get(listener as unknown as Listener)?.get(event) ?? []
      const wrapper = list.at(-1)
      if (!wrapper) return
      forget(event, listener as unknown as Listener, wrapper)
      events.off(event, wrapper as never)
    },
  }
}
