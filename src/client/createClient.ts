/**
 * `createClient(options)`: the base client with every feature module. Anchor: viem
 * `src/clients/createPublicClient.ts`.
 */
import { type AccountActions, accountActions } from '../decorators/account.js'
import { type MarketDataActions, marketDataActions } from '../decorators/marketData.js'
import { type OrderHelperActions, orderHelperActions } from '../decorators/orderHelpers.js'
import { type PushHandlers, pushHandlers } from '../decorators/pushHandlers.js'
import { type TradingActions, tradingActions } from '../decorators/trading.js'
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
  return createBaseClient(options)
    .extend(pushHandlers)
    .extend(marketDataActions)
    .extend(accountActions)
    .extend(tradingActions)
    .extend(orderHelperActions)
}
