/**
 * The push module: decodes the server pushes (8, 10, 13, 14, 15, 17, 19, 23) into typed events and
 * keeps open positions, open orders and the account summary current (seeded by cmd 4 / cmd 3 after
 * every login, then updated by cmd 10 / cmd 14). A push that fails to decode is reported through
 * the `error` event; the connection is kept. Ticks (8) and books (23) are left to the market-data
 * module when it is installed (it keeps the tick cache); without it they are decoded here, with
 * symbols resolved through `client.state.symbolsById`.
 *
 * @example
 * ```ts
 * const client = createBaseClient(options).extend(pushHandlers)
 * client.on('positions', (positions) => console.log(positions.length))
 * ```
 */

import { loadTradingState } from '../actions/push/loadTradingState.js'
import { createPushStore, type PushContext, type PushStore } from '../actions/push/pushStore.js'
import { refreshAccountMargin } from '../actions/push/refreshAccountMargin.js'
import type { BaseClient, ClientEvents, TradeTransaction } from '../client/types.js'
import type { AccountSummary, Order, Position } from '../model/types.js'
import { Command } from '../protocol/commands.js'
import { type PushCommand, type PushRoute, pushTable } from '../push/table.js'
import { bindMethods, type Methods } from './methods.js'

/** Key of the market-data module's state; when present it owns cmd 8 and cmd 23. */
const MARKET_DATA_MODULE = 'marketData'

/** What the push module adds to the client. */
export interface PushHandlers {
  /** Open positions as last reported by the server (empty before the first login); no request. */
  openPositions(): Position[]
  /** Open orders as last reported by the server; no request. */
  openOrders(): Order[]
  /** The account summary as last reported, `undefined` before the first login. */
  accountSummary(): AccountSummary | undefined
  /** True while the gateway reports the trade server connected (cmd 15 state 0); `undefined` before. */
  tradeServerConnected(): boolean | undefined
}

/** Module key in `client.state.modules`. */
export const PUSH_MODULE = 'pushHandlers'

/** The push store of a client extended with {@link pushHandlers}. @internal */
export function getPushStore(client: Pick<BaseClient, 'state'>): PushStore | undefined {
  return client.state.modules.get(PUSH_MODULE) as PushStore | undefined
}

type Queued = { [E in keyof ClientEvents]: { event: E; args: ClientEvents[E] } }[keyof ClientEvents]

/** Installs the push handlers (once per client; a second call returns the same accessors). */
export function pushHandlers(client: BaseClient): PushHandlers {
  installPushHandlers(client)
  return bindMethods(client, pushHandlerMethods)
}

/** The methods of {@link pushHandlers}, shared by every client of `createClient` (see `./methods.ts`). */
export const pushHandlerMethods: Methods<PushHandlers> = {
  openPositions() {
    return [...(getPushStore(this)?.positions.values() ?? [])]
  },
  openOrders() {
    return [...(getPushStore(this)?.orders.values() ?? [])]
  },
  accountSummary() {
    return getPushStore(this)?.account
  },
  tradeServerConnected() {
    const state = getPushStore(this)?.tradeServerState
    return state === undefined ? undefined : state === 0
  },
}

/** Installs the push store and listeners on `client`, once (applying it again does nothing). */
export function installPushHandlers(client: BaseClient): void {
  if (getPushStore(client)) return
  const store = createPushStore(BigInt(client.options.login))
  client.state.modules.set(PUSH_MODULE, store)
  const events = client.events as unknown as { emit(event: string, ...args: unknown[]): boolean }
  const emitSafely = (event: string, args: readonly unknown[]): void => {
    try {
      events.emit(event, ...args)
    } catch (error) {
      reportError(error)
    }
  }
  const reportError = (error: unknown): void => {
    try {
      client.events.emit('error', error instanceof Error ? error : new Error(String(error)))
    } catch {
      // An error listener that throws is the base client's concern (it logs); never crash here.
    }
  }

  // `account` events wait for the margin of the open positions (the account block has none; it
  // may need specifications and quotes first). Pushes arriving meanwhile are coalesced: one more
  // computation, then the latest summary is emitted.
  let accountComputing = false
  let accountDirty = false
  const emitAccount = (): void => {
    accountDirty = true
    if (accountComputing) return
    accountComputing = true
    void (async () => {
      try {
        while (accountDirty) {
          accountDirty = false
          let account: AccountSummary | undefined
          try {
            account = await refreshAccountMargin(client, store as PushStore)
          } catch (error) {
            // reported; the summary still goes out, with the margin it had
            reportError(error)
            account = (store as PushStore).account
          }
          if (account) emitSafely('account', [account])
        }
      } finally {
        // in the same turn as the last check of accountDirty: no push can fall in between
        accountComputing = false
      }
    })()
  }
  const emitOrDefer = (event: string, args: readonly unknown[]): void => {
    if (event === 'account') emitAccount()
    else emitSafely(event, args)
  }

  const makeContext = (queue: Queued[]): PushContext => ({
    store: store as PushStore,
    symbolsById: client.state.symbolsById,
    emit: (event, ...args) => {
      queue.push({ event, args } as Queued)
    },
  })

  /** Per load of the lists in flight, the trade transactions pushed since it began. */
  const racing = new Set<TradeTransaction[]>()
  // One listener for every command of the table (not a closure per command): memory per client.
  const onPush = (body: Uint8Array, command: number): void => {
    // The market-data module decodes ticks and books itself (cache, subscriptions): no duplicates.
    if (
      (command === Command.ticks || command === Command.book) &&
      client.state.modules.has(MARKET_DATA_MODULE)
    ) {
      return
    }
    const route = pushTable[command as PushCommand] as PushRoute<keyof ClientEvents>
    // A push that only feeds its event is not decoded for nobody (nor is a malformed one reported).
    if (route.eventOnly === true && client.events.listenerCount(route.event) === 0) return
    const queue: Queued[] = []
    let emissions: Array<ClientEvents[keyof ClientEvents]>
    try {
      emissions = route.handle(body, makeContext(queue))
    } catch (error) {
      reportError(error)
      return
    }
    // While the lists load, a trade push changes the lists of before the login (or the empty ones of
    // a first login): they are not emitted as the account's lists (an order filled meanwhile would
    // show open, orders placed before the login missing). The load emits them, this push included.
    const loading = command === Command.tradeTransaction && racing.size > 0
    if (loading)
      for (const raced of racing) for (const [tx] of emissions as [TradeTransaction][]) raced.push(tx)
    for (const args of emissions) emitOrDefer(route.event, args)
    for (const item of queue)
      if (!loading || (item.event !== 'orders' && item.event !== 'positions'))
        emitOrDefer(item.event, item.args)
  }
  const commands = Object.keys(pushTable).map(Number)
  if (client.state.onFrames) client.state.onFrames(commands, onPush)
  else for (const command of commands) client.onFrame(command, (body) => onPush(body, command))

  // A cmd 10 push that arrives after the cmd 4 answer but before the load completes (the cmd 3
  // answer) updates the old lists, which the older cmd 4 snapshot then replaces: the change would be
  // lost (an order shown at its old price, a filled order still open). The transactions pushed
  // since the load began are applied again on top of its snapshot, in order: each one sets an
  // order or position to its state at that push, so one the snapshot already holds changes nothing.
  // (Loading again instead never ends under a steady stream of pushes; a bound left a stale list.)
  const load = (): Promise<void> => {
    const raced: TradeTransaction[] = []
    racing.add(raced)
    const queue: Queued[] = []
    return loadTradingState(client, makeContext(queue), raced)
      .then(() => {
        for (const item of queue) emitOrDefer(item.event, item.args)
      })
      .finally(() => racing.delete(raced))
  }
  client.events.on('connect', () => {
    load().catch((error: unknown) => {
      if (client.status === 'loggedIn') reportError(error)
    })
  })
}
