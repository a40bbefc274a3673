/**
 * One account as the copier sees it, on top of an account of the SDK's pool (which connects it,
 * reconnects it and gives up on refused credentials): the account's open orders kept current from
 * its trade pushes, and, for a target, the symbol specifications and quotes the planner needs.
 * `synced` is true only between a completed load (orders, and for a target its symbols) and the
 * next disconnect: no decision is made on half-loaded state.
 */
import type { DisconnectInfo, Mt5Client, Order, PoolAccount, Tick, TradeTransaction } from 'mt5web'
import type { Quote, SymbolSpec } from '../plan/types.js'
import type { AccountStatus } from './events.js'
import { toSymbolSpec } from './views.js'

/** Options of {@link createAccount}. */
export interface AccountOptions {
  /** `source` or the target id. */
  id: string
  /** Load symbol specifications and follow quotes (targets). */
  market: boolean
  /** Most symbols whose specifications and quotes are loaded (default 500). */
  maxSymbols?: number
  onStatus: (status: AccountStatus, detail: string) => void
  /** The account is synced (after a connect) or its orders changed (pushes). */
  onOrders: (orders: ReadonlyMap<bigint, Order>, firstAfterConnect: boolean) => void
  onTransaction?: (tx: TradeTransaction) => void
  /** A failure that did not stop the account (it is logged). */
  onError: (error: Error) => void
}

/** What the pool's events, dispatched to this account, feed in. */
export interface AccountInput {
  tick(tick: Tick): void
  orders(list: readonly Order[]): void
  transaction(tx: TradeTransaction): void
  login(): void
  disconnect(info: DisconnectInfo): void
}

/** A live account. */
export interface Account {
  readonly id: string
  readonly client: Mt5Client
  /** The pool's view of the account: its status and, when it gave up, why. */
  readonly pooled: PoolAccount
  readonly connected: boolean
  readonly synced: boolean
  /** The pool gave up on the account (credentials refused, account disabled): it is not retried. */
  readonly failed: boolean
  readonly orders: ReadonlyMap<bigint, Order>
  readonly symbols: ReadonlyMap<string, SymbolSpec>
  readonly quotes: ReadonlyMap<string, Quote>
  readonly serverTimeOffsetMinutes: number
  readonly input: AccountInput
  /** Reloads the open orders with a request (after this copier traded on the account). */
  refreshOrders(): Promise<void>
  /** Stops reacting to events (the pool closes the connection). */
  close(): void
}

const errorOf = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)))

/** Orders by ticket (a loop: no [key, value] pair allocated per order at every push). */
function byTicket(list: readonly Order[]): Map<bigint, Order> {
  const map = new Map<bigint, Order>()
  for (const o of list) map.set(o.ticket, o)
  return map
}

/**
 * A snapshot of the open orders with the order transactions pushed while it was requested applied
 * on top, in arrival order (as the SDK does for its own load): a push that the snapshot predates
 * (an order modified, filled or cancelled while the request was in flight) is not undone by it.
 */
function withPushes(snapshot: Map<bigint, Order>, raced: readonly TradeTransaction[]): Map<bigint, Order> {
  for (const tx of raced) {
    if (tx.kind !== 'order') continue
    // flagMask 0: the open list (add, update, delete = 2); 1: the order went to the history
    if (tx.flagMask === 0 && tx.transactionType !== 2) snapshot.set(tx.order.ticket, tx.order)
    else if (tx.flagMask === 0 || tx.flagMask === 1) snapshot.delete(tx.order.ticket)
  }
  return snapshot
}

/** Wraps a pool account; its events arrive through `input`. */
export function createAccount(pooled: PoolAccount, options: AccountOptions): Account {
  const client = pooled.client
  let connected = false
  let ordersLoaded = false
  let marketLoaded = !options.market
  let closed = false
  let orders = new Map<bigint, Order>()
  const symbols = new Map<string, SymbolSpec>()
  const quotes = new Map<string, Quote>()
  let offsetMinutes = 0
  let generation = 0
  /** Per refresh in flight, the trade transactions pushed since its request was sent. */
  const racing = new Set<TradeTransaction[]>()

  const synced = () => connected && ordersLoaded && marketLoaded

  async function loadMarket(gen: number): Promise<void> {
    try {
      const account = await client.accountInfo()
      offsetMinutes = Math.round(account.serverOffsetSeconds / 60)
      if (options.market && symbols.size === 0) {
        const names = (await client.symbols()).map((s) => s.name).slice(0, options.maxSymbols ?? 500)
        for (const name of names) symbols.set(name, toSymbolSpec(await client.fullSymbolInfo(name)))
        await client.subscribeTicks(names)
      }
      if (gen !== generation) return
      marketLoaded = true
      if (synced()) options.onOrders(orders, true)
    } catch (error) {
      if (gen === generation) options.onError(errorOf(error))
    }
  }

  const input: AccountInput = {
    tick(t) {
      quotes.set(t.symbol, { bid: t.bid, ask: t.ask })
    },
    orders(list) {
      if (closed) return
      const first = !ordersLoaded
      orders = byTicket(list)
      ordersLoaded = true
      if (synced()) options.onOrders(orders, first)
    },
    transaction(tx) {
      for (const raced of racing) raced.push(tx)
      if (!closed) options.onTransaction?.(tx)
    },
    login() {
      if (closed) return
      connected = true
      const gen = ++generation
      options.onStatus('connected', `logged in to ${pooled.server} as ${pooled.login}`)
      void loadMarket(gen)
    },
    disconnect(info) {
      const was = connected
      connected = false
      ordersLoaded = false
      generation++
      // a refused re-login reports a second disconnect: one status line per loss
      if (!closed && was) options.onStatus('disconnected', info.error ? info.error.message : 'disconnected')
    },
  }

  return {
    id: options.id,
    client,
    pooled,
    get connected() {
      return connected
    },
    get synced() {
      return synced()
    },
    get failed() {
      return pooled.status === 'failed'
    },
    get orders() {
      return orders
    },
    symbols,
    quotes,
    get serverTimeOffsetMinutes() {
      return offsetMinutes
    },
    input,
    async refreshOrders() {
      const gen = generation
      const raced: TradeTransaction[] = []
      racing.add(raced)
      try {
        const snapshot = byTicket(await client.orders())
        // a reconnect since: its own load is newer than this snapshot
        if (gen === generation && !closed) orders = withPushes(snapshot, raced)
      } finally {
        racing.delete(raced)
      }
    },
    close() {
      closed = true
      generation++
    },
  }
}
