/**
 * The names of every client event, at run time: the pool re-emits each of them. The type check
 * below fails to compile when `ClientEvents` gains an event that is not listed here.
 */
import type { ClientEvents } from '../client/types.js'

/** Every key of `ClientEvents`. */
export const CLIENT_EVENT_NAMES = [
  'status',
  'connect',
  'disconnect',
  'reconnecting',
  'reconnect',
  'error',
  'healthDegraded',
  'tick',
  'book',
  'tradeTransaction',
  'positions',
  'orders',
  'account',
  'symbol',
  'symbolDetails',
  'tradeResult',
  'loginStatus',
] as const satisfies readonly (keyof ClientEvents)[]

type Unlisted = Exclude<keyof ClientEvents, (typeof CLIENT_EVENT_NAMES)[number]>
/** Compile-time completeness check: `Unlisted` must be `never`. */
export const everyClientEventListed: [Unlisted] extends [never] ? true : Unlisted = true
