/**
 * State kept current by the push handlers: open positions and orders (cmd 4 seed + cmd 10),
 * the account summary (cmd 3 seed + cmd 14 + cmd 10 balance tail), the last merged tick and the
 * stored order book of each symbol, and the trade-server connection state (cmd 15).
 *
 * @internal
 */

import type { ClientEvents, SymbolRef } from '../../client/types.js'
import type { AccountBlock } from '../../codec/messages/account.js'
import type { StoredBook } from '../../marketState/orderBook.js'
import { TickState } from '../../marketState/tickState.js'
import type { AccountSummary, Order, Position } from '../../model/types.js'

/** One symbol's stored book: price → volume (lots). */

/** Everything the push handlers keep. */
export interface PushStore {
  login: bigint
  positions: Map<bigint, Position>
  orders: Map<bigint, Order>
  account: AccountSummary | undefined
  accountBlock: AccountBlock | undefined
  /** Carry-forward and stale-tick state per symbol id (live and delayed quotes apart). */
  readonly tickState: TickState
  readonly books: Map<number, StoredBook>
  /** cmd 15 state, `undefined` before the first push. */
  tradeServerState: number | undefined
}

/** What a push handler works with. */
export interface PushContext {
  readonly store: PushStore
  readonly symbolsById: Map<number, SymbolRef>
  /** Queues a further event (positions, orders, account), emitted after the route's own events. */
  emit<E extends keyof ClientEvents>(event: E, ...args: ClientEvents[E]): void
}

/**
 * The store. The tick state and the books are created on first use: with the market-data module
 * installed (`createClient`) ticks and books never come here, and an idle client keeps neither.
 */
class LazyPushStore implements PushStore {
  positions = new Map<bigint, Position>()
  orders = new Map<bigint, Order>()
  account: AccountSummary | undefined = undefined
  accountBlock: AccountBlock | undefined = undefined
  tradeServerState: number | undefined = undefined
  #tickState: TickState | undefined
  #books: Map<number, StoredBook> | undefined

  constructor(readonly login: bigint) {}

  get tickState(): TickState {
    this.#tickState ??= new TickState()
    return this.#tickState
  }

  get books(): Map<number, StoredBook> {
    this.#books ??= new Map()
    return this.#books
  }
}

/** An empty store for `login`. */
export function createPushStore(login: bigint): PushStore {
  return new LazyPushStore(login)
}
