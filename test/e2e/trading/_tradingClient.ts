/** Shared setup of the trading e2e tests: simulator + a client with the trading modules. */
import { createBaseClient } from '../../../src/client/createBaseClient.js'
import type { ClientOptions } from '../../../src/client/types.js'
import { accountActions } from '../../../src/decorators/account.js'
import { marketDataActions } from '../../../src/decorators/marketData.js'
import { orderHelperActions } from '../../../src/decorators/orderHelpers.js'
import { pushHandlers } from '../../../src/decorators/pushHandlers.js'
import { tradingActions } from '../../../src/decorators/trading.js'

export const HEDGING = 10001
export const NETTING = 10002
export const PASSWORD = 'Demo1234'

export function makeTradingClient(server: string, extra: Partial<ClientOptions> = {}) {
  return createBaseClient({
    server,
    login: HEDGING,
    password: PASSWORD,
    reconnect: false,
    timeoutMs: 5000,
    ...extra,
  })
    .extend(pushHandlers)
    .extend(marketDataActions)
    .extend(accountActions)
    .extend(tradingActions)
    .extend(orderHelperActions)
}

export { until } from '../../helpers/until.js'
