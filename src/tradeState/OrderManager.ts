/**
 * A live book of open orders and positions, kept current from the server's pushes: cmd 10 trade
 * transactions (orders, deals, positions), cmd 19 results (rejections) and ticks (floating PnL),
 * seeded and re-seeded (after a reconnect, or on `sync()`) from a cmd 4 snapshot.
 *
 * Order lifecycle: `pending` → `partiallyFilled` → `filled` | `canceled` | `expired` | `rejected`.
 */
import { EventEmitter } from 'eventemitter3'
import { positionsAndOrders } from '../actions/trading/positionsAndOrders.js'
import type { BaseClient } from '../client/types.js'
import { decodeTradeResultPush } from '../codec/messages/tradeResultPush.js'
import { decodeTradeTransactions } from '../codec/messages/tradeTransactions.js'
import { roundMoney } from '../codec/scale.js'
import { isRetcodeFinal, isRetcodeSuccess, OrderState } from '../enums.js'
import { toOrder } from '../model/toOrder.js'
import { toPosition } from '../model/toPosition.js'
import type { Order, Position, Tick } from '../model/types.js'
import { createPositionValuer } from './positionValuer.js'

/** Lifecycle status of a tracked order. */
export type OrderStatus = 'pending' | 'partiallyFilled' | 'filled' | 'canceled' | 'expired' | 'rejected'

/** Maps a wire `orderState` to an {@link OrderStatus}. */
export function orderStatusOf(state: number): OrderStatus {
  switch (state) {
    case OrderState.Partial:
      return 'partiallyFilled'
    case OrderState.Filled:
      return 'filled'
    case OrderState.Canceled:
      return 'canceled'
    case OrderState.Rejected:
      return 'rejected'
    case OrderState.Expired:
      return 'expired'
    default:
      return 'pending'
  }
}

/** An order with its lifecycle status. */
export interface TrackedOrder {
  order: Order
  status: OrderStatus
}

/** Positions of one symbol, aggregated. */
export interface SymbolExposure {
  symbol: string
  positions: number
  /** Lots. */
  buyVolume: number
  /** Lots. */
  sellVolume: number
  /** buy − sell, lots. */
  netVolume: number
  /** Floating profit in the account currency. */
  profit: number
}

/** Events of the order manager. */
export interface OrderManagerEvents {
  orderAdded: [order: Order]
  orderChanged: [order: Order, previous: Order]
  orderFilled: [order: Order]
  orderRemoved: [order: Order, status: OrderStatus]
  positionOpened: [position: Position]
  positionChanged: [position: Position, previous: Position]
  positionClosed: [position: Position]
  /** After a snapshot replaced the whole state. */
  synced: []
  error: [error: Error]
}

/** A live order/position book. */
export interface OrderManager {
  readonly events: EventEmitter<OrderManagerEvents>
  on<E extends keyof OrderManagerEvents>(event: E, listener: (...args: OrderManagerEvents[E]) => void): this
  off<E extends keyof OrderManagerEvents>(event: E, listener?: (...args: OrderManagerEvents[E]) => void): this
  /** Starts listening and loads the first snapshot. */
  start(): Promise<void>
  /** Stops listening. */
  stop(): void
  /** Replaces the state with a fresh cmd 4 snapshot. */
  sync(): Promise<void>
  /** Open orders. */
  orders(): Order[]
  /** Open positions. */
  positions(): Position[]
  /** An order by ticket (open or recently finished) with its status. */
  getOrder(ticket: bigint): TrackedOrder | undefined
  /** Tracked orders, optionally only those with `status`. */
  trackedOrders(status?: OrderStatus): TrackedOrder[]
  /** Per-symbol aggregation of the open positions. */
  exposure(): SymbolExposure[]
  /** Sum of the positions' floating profit. */
  floatingProfit(): number
}

const FINISHED_LIMIT = 1000

/**
 * Creates an order manager for a client (not started).
 * @param client a logged-in client
 */
export function createOrderManager(client: BaseClient): OrderManager {
  const events = new EventEmitter<OrderManagerEvents>()
  const open = new Map<bigint, Order>()
  const tracked = new Map<bigint, TrackedOrder>()
  const pos = new Map<bigint, Position>()
  const disposers: Array<() => void> = []
  let buffered: Uint8Array[] | undefined
  let running = false

  const track = (order: Order, status: OrderStatus) => {
    tracked.delete(order.ticket)
    tracked.set(order.ticket, { order, status })
    if (tracked.size > FINISHED_LIMIT + open.size) {
      for (const [t, v] of tracked) {
        if (tracked.size <= FINISHED_LIMIT + open.size) break
        if (!open.has(t)) tracked.delete(t)
        else if (v.status === 'pending') continue
      }
    }
  }

  /** Records an order's status; the first time it turns `filled`, emits `orderFilled`. */
  const settle = (order: Order, status: OrderStatus) => {
    const before = tracked.get(order.ticket)?.status
    track(order, status)
    if (status === 'filled' && before !== 'filled') events.emit('orderFilled', order)
  }

  const applyOrder = (flagMask: number, type: number, order: Order) => {
    if (flagMask === 0) {
      if (type === 2) {
        const had = open.get(order.ticket)
        open.delete(order.ticket)
        const status = orderStatusOf(order.state)
        const final =
          status === 'pending' || status === 'partiallyFilled'
            ? (tracked.get(order.ticket)?.status ?? 'pending')
            : status
        settle(order, final)
        if (had) events.emit('orderRemoved', order, final)
        return
      }
      const previous = open.get(order.ticket)
      open.set(order.ticket, order)
      settle(order, orderStatusOf(order.state))
      if (previous) events.emit('orderChanged', order, previous)
      else events.emit('orderAdded', order)
      return
    }
    // history order: final state
    if (type === 2) return
    const status = orderStatusOf(order.state)
    if (open.has(order.ticket) && status !== 'pending' && status !== 'partiallyFilled') {
      open.delete(order.ticket)
      events.emit('orderRemoved', order, status)
    }
    settle(order, status)
  }

  const applyPosition = (p: Position) => {
    const previous = pos.get(p.ticket)
    if (p.volume === 0) {
      if (previous) {
        pos.delete(p.ticket)
        events.emit('positionClosed', { ...previous, ...p, volume: 0 })
      }
      return
    }
    pos.set(p.ticket, p)
    valuer.load(p.symbol)
    if (previous) events.emit('positionChanged', p, previous)
    else events.emit('positionOpened', p)
  }

  const handleTransaction = (body: Uint8Array) => {
    const tx = decodeTradeTransactions(body)
    if (tx.kind === 'order') {
      for (const r of tx.records) applyOrder(r.flagMask, r.transactionType, toOrder(r.order))
      return
    }
    for (const r of tx.records) {
      if (r.position.tradeSymbol !== '' || r.deal.tradeSymbol !== '') {
        if (r.position.positionId !== 0n) applyPosition(toPosition(r.position))
        for (const p of r.positions) applyPosition(toPosition(p))
      }
      for (const d of [r.deal, ...r.deals]) {
        if (d.deal === 0n || d.tradeOrder === 0n) continue
        const t = tracked.get(d.tradeOrder)
        // a deal of an order no longer open fills it, unless it already ended otherwise (an IOC
        // remainder canceled after a partial fill stays canceled)
        if (t && !open.has(d.tradeOrder) && (t.status === 'pending' || t.status === 'partiallyFilled'))
          settle(t.order, 'filled')
      }
    }
  }

  const onTransaction = (body: Uint8Array) => {
    if (!running) return
    if (buffered) {
      buffered.push(body)
      return
    }
    try {
      handleTransaction(body)
    } catch (error) {
      events.emit('error', error as Error)
    }
  }

  const onResult = (body: Uint8Array) => {
    if (!running) return
    try {
      const push = decodeTradeResultPush(body)
      const code = push.result.retcode
      if (!isRetcodeFinal(code) || isRetcodeSuccess(code)) return
      const ticket = push.result.tradeOrder !== 0n ? push.result.tradeOrder : push.request.tradeOrder
      const t = ticket !== 0n ? tracked.get(ticket) : undefined
      if (t && t.status === 'pending' && !open.has(ticket)) track(t.order, 'rejected')
    } catch (error) {
      events.emit('error', error as Error)
    }
  }

  /** Re-values the positions of `symbol` at the current quotes (floating profit, no event). */
  const revalueSymbol = (symbol: string) => {
    for (const [ticket, p] of pos) {
      if (p.symbol !== symbol) continue
      const next = valuer.revalue(p)
      if (next) pos.set(ticket, next)
    }
  }
  const valuer = createPositionValuer(client, revalueSymbol, (error) => events.emit('error', error))

  // a tick re-values its symbol's positions and those converted through it (EURGBP via GBPUSD)
  const onTick = (tick: Tick) => {
    for (const symbol of valuer.affectedBy(tick.symbol)) revalueSymbol(symbol)
  }

  // Overlapping syncs: each gets a generation; only the newest snapshot is applied, and frames pushed
  // while any sync is running are buffered and replayed after it (or, if it fails, on the current state).
  let generation = 0
  let newest: Promise<void> = Promise.resolve()
  const replayBuffered = () => {
    const pending = buffered ?? []
    buffered = undefined
    for (const body of pending) {
      try {
        handleTransaction(body)
      } catch (error) {
        events.emit('error', error as Error)
      }
    }
  }

  const runSync = async (gen: number) => {
    let snap: Awaited<ReturnType<typeof positionsAndOrders>>
    try {
      snap = await positionsAndOrders(client)
    } catch (error) {
      // the newest sync failed: keep the pushes that arrived meanwhile instead of dropping them
      if (gen === generation) replayBuffered()
      throw error
    }
    // a newer sync was started after this one: its snapshot (and the buffered frames) win
    if (gen !== generation) return newest
    open.clear()
    pos.clear()
    // specifications and the account may have changed while away: value with fresh ones
    valuer.reset()
    for (const o of snap.orders) {
      open.set(o.ticket, o)
      track(o, orderStatusOf(o.state))
    }
    for (const p of snap.positions) {
      pos.set(p.ticket, p)
      valuer.load(p.symbol)
    }
    // frames that arrived during the snapshot may already be in it; re-applying is idempotent
    // for state (events may repeat as orderChanged/positionChanged)
    replayBuffered()
    events.emit('synced')
  }

  const sync = (): Promise<void> => {
    buffered = buffered ?? []
    const gen = ++generation
    const run = runSync(gen)
    newest = run.catch(() => undefined)
    return run
  }

  const onStatus = (status: string) => {
    if (status === 'loggedIn' && running) sync().catch((e: unknown) => events.emit('error', e as Error))
  }

  /** A sum of money rounded to the deposit currency's digits (once known): 0.1 + 0.2 shows 0.3. */
  const money = (x: number) => {
    const digits = valuer.currencyDigits()
    return digits === undefined ? x : roundMoney(x, digits)
  }

  const manager: OrderManager = {
    events,
    on(event, listener) {
      events.on(event, listener as never)
      return manager
    },
    off(event, listener) {
      events.off(event, listener as never)
      return manager
    },
    async start() {
      if (running) return
      running = true
      disposers.push(client.onFrame(10, onTransaction), client.onFrame(19, onResult))
      client.on('tick', onTick)
      client.on('status', onStatus)
      disposers.push(
        () => client.off('tick', onTick),
        () => client.off('status', onStatus),
      )
      await sync()
    },
    stop() {
      running = false
      for (const d of disposers.splice(0)) d()
    },
    sync,
    orders: () => [...open.values()],
    positions: () => [...pos.values()],
    getOrder: (ticket) => tracked.get(ticket),
    trackedOrders: (status) =>
      [...tracked.values()].filter((t) => status === undefined || t.status === status),
    exposure() {
      const by = new Map<string, SymbolExposure>()
      for (const p of pos.values()) {
        const e = by.get(p.symbol) ?? {
          symbol: p.symbol,
          positions: 0,
          buyVolume: 0,
          sellVolume: 0,
          netVolume: 0,
          profit: 0,
        }
        e.positions++
        if (p.type === 0) e.buyVolume = round8(e.buyVolume + p.volume)
        else e.sellVolume = round8(e.sellVolume + p.volume)
        e.netVolume = round8(e.buyVolume - e.sellVolume)
        e.profit = money(e.profit + p.profit)
        by.set(p.symbol, e)
      }
      return [...by.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1))
    },
    floatingProfit: () => [...pos.values()].reduce((sum, p) => money(sum + p.profit), 0),
  }
  return manager
}

function round8(x: number): number {
  return Math.round(x * 1e8) / 1e8
}
