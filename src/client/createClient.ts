/**
 * `createClient(options)`: the base client with every feature module. Anchor: viem
 * `src/clients/createPublicClient.ts`.
 */
import { type AccountActions, accountMethods } from '../decorators/account.js'
import { installMarketData, type MarketDataActions, marketDataMethods } from '../decorators/marketData.js'
import { type OrderHelperActions, orderHelperMethods } from '../decorators/orderHelpers.js'
import { installPushHandlers, type PushHandlers, pushHandlerMethods } from '../decorators/pushHandlers.js'
import { type TradingActions, tradingMethods } from '../decorators/trading.js'
import { createBaseClient } from './createBaseClient.js'
import type { BaseClient, ClientOptions } from './types.js'

/** A client with every feature module. */
export interface Mt5Client
  extends BaseClient,
    PushHandlers,
    MarketDataActions,
    AccountActions,
    TradingActions,
    OrderHelperActions {}

/**
 * Creates a client with every feature module. Nothing is sent until `connect()`.
 *
 * @example
 * ```ts
 * await using client = createClient({ server: 'wss://host/terminal', login: 123, password: 'secret' })
 * await client.connect()
 * client.on('positions', (positions) => console.log(positions))
 * ```
 * @param options Connection, credentials and behaviour; validated.
 * @returns The client (not connected).
 * @throws ValidationError naming every bad option.
 */
export function createClient(options: ClientOptions): Mt5Client {
  const client = createBaseClient(options)
  // The same modules as `.extend(pushHandlers).extend(marketDataActions).extend(accountActions)
  // .extend(tradingActions).extend(orderHelperActions)`, in that order, with the methods on one
  // prototype shared by every client instead of ≈ 60 closures per client (issue #12).
  installPushHandlers(client)
  installMarketData(client)
  return Object.setPrototypeOf(client, clientMethods) as Mt5Client
}

/**
 * The feature methods of every `createClient` client, on one prototype. Each is an accessor that
 * binds the method to the client on first read and keeps it as the client's own property: an idle
 * client holds no function of its own, and a detached call (`const { symbols } = client`) keeps
 * working as it did when every method was an own closure. Assigning a method (a test's stub)
 * defines the client's own property, shadowing the shared one.
 */
const clientMethods: object = lazilyBound({
  ...pushHandlerMethods,
  ...marketDataMethods,
  ...accountMethods,
  ...tradingMethods,
  ...orderHelperMethods,
})

function lazilyBound(methods: Record<string, unknown>): object {
  const proto = {}
  for (const [key, method] of Object.entries(methods)) {
    const own = (target: object, value: unknown) =>
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true })
    Object.defineProperty(proto, key, {
      configurable: true,
      get(this: object) {
        const bound = (method as (...args: unknown[]) => unknown).bind(this)
        if (this !== proto) own(this, bound)
        return bound
      },
      set(this: object, value: unknown) {
        own(this, value)
      },
    })
  }
  return proto
}
