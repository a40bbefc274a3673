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
 * The feature methods of every `createClient` client (their `this` is the client). Not frozen: a
 * client's own assignment (a test's stub) must still shadow an inherited method.
 */
const clientMethods: object = {
  ...pushHandlerMethods,
  ...marketDataMethods,
  ...accountMethods,
  ...tradingMethods,
  ...orderHelperMethods,
}
