/**
 * One account's connection as the copier sees it: an SDK client that reconnects by itself, the
 * account's open orders kept current from its trade pushes, and, for a target, the symbol
 * specifications and quotes the planner needs. `synced` is true only between a completed load (orders,
 * and for a target its symbols) and the next disconnect: no decision is made on half-loaded state.
 */
import { type ClientOptions, createClient, type Mt5Client, type Order, type TradeTransaction } from 'mt5web'
import type { Quote, SymbolSpec } from '../plan/types.js'
import type { AccountStatus } from './events.js'
import { toSymbolSpec } from './views.js'

/** Options of {@link createAccount}. */
export interface AccountOptions {
  /** `source` or the target id. */
  id: string
  server: string
  login: string
  password: string
  /** Load symbol specifications and follow quotes (targets). */
  market: boolean
  clientOptions?: Partial<ClientOptions> | undefined
  /** Most symbols whose specifications and quotes are loaded (default 500). */
  maxSymbols?: number
  onStatus: (status: AccountStatus, detail: string) => void
  /** The account is synced (after a connect) or its orders changed (pushes). */
  onOrders: (orders: ReadonlyMap<bigint, Order>, firstAfterConnect: boolean) => void
  onTransaction?: (tx: TradeTransaction) => void
  /** A failure that did not stop the account (it is logged). */
  onError: (error: Error) => void
}

/** A live account. */
export interface Account {
  readonly id: string
  readonly client: Mt5Client
  readonly connected: boolean
  readonly synced: boolean
  readonly orders: ReadonlyMap<bigint, Order>
  readonly symbols: ReadonlyMap<string, SymbolSpec>
  readonly quotes: ReadonlyMap<string, Quote>
  readonly serverTimeOffsetMinutes: number
  /** Connects (retrying with backoff until it succeeds or the account is closed). */
  start(): Promise<void>
  /** Reloads the open orders with a request (after this copier traded on the account). */
  refreshOrders(): Promise<void>
  close(): Promise<void>
}

const errorOf = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)))

/** Creates an account; nothing connects before `start()`. */
export function createAccount(options: AccountOptions): Account {
  const client = createClient({
    server: options.server,
    login: options.login,
    password: options.password,
    timeoutMs: 10_000,
    reconnect: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 500, maxDelayMs: 15_000 },
    ...options.clientOptions,
  })
  let connected = false
  let ordersLoaded = false
  let marketLoaded = !options.market
  let closed = false
  let orders = new Map<bigint, Order>()
  const symbols = new Map<string, SymbolSpec>()
  const quotes = new Map<string, Quote>()
  let offsetMinutes = 0
  let generation = 0

  const synced = () => connected && ordersLoaded && marketLoaded

  client.on('tick', (t) => {
    quotes.set(t.symbol, { bid: t.bid, ask: t.ask })
  })
  client.on('orders', (list) => {
    const first = !ordersLoaded
    orders = new Map(list.map((o) => [o.ticket, o]))
    ordersLoaded = true
    if (synced()) options.onOrders(orders, first)
  })
  if (options.onTransaction) client.on('tradeTransaction', options.onTransaction)
  client.on('error', (e) => options.onError(e))
  client.on('disconnect', (info) => {
    connected = false
    ordersLoaded = false
    generation++
    if (!closed) options.onStatus('disconnected', info.error ? info.error.message : 'disconnected')
  })
  client.on('connect', () => {
    connected = true
    const gen = ++generation
    options.onStatus('connected', `logged in to ${options.server} as ${options.login}`)
    void loadMarket(gen)
  })

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

  return {
    id: options.id,
    client,
    get connected() {
      return connected
    },
    get synced() {
      return synced()
    },
    get orders() {
      return orders
    },
    symbols,
    quotes,
    get serverTimeOffsetMinutes() {
      return offsetMinutes
    },
    async start() {
      options.onStatus('connecting', `connecting to ${options.server} as ${options.login}`)
      for (let attempt = 1; !closed; attempt++) {
        try {
          await client.connect()
          return
        } catch (error) {
          if (closed) return
          const delay = Math.min(15_000, 500 * 2 ** Math.min(5, attempt - 1))
          options.onStatus(
            'failed',
            `connect attempt ${attempt} failed: ${errorOf(error).message}; retrying in ${delay} ms`,
          )
          await new Promise((r) => setTimeout(r, delay))
        }
      }
    },
    async refreshOrders() {
      const list = await client.orders()
      orders = new Map(list.map((o) => [o.ticket, o]))
    },
    async close() {
      closed = true
      generation++
      await client.close()
    },
  }
}
