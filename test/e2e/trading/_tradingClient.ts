/** Shared setup of the trading e2e tests: simulator + a client with the trading modules. */
import type { ClientOptions } from '../../../src/client/types.js'
import { orderHelperActions } from '../../../src/decorators/orderHelpers.js'
import { tradingActions } from '../../../src/decorators/trading.js'
import { makeClient } from '../client/_marketClient.js'

export const HEDGING = 10001
export const NETTING = 10002
export const PASSWORD = 'Demo1234'

export function makeTradingClient(server: string, extra: Partial<ClientOptions> = {}) {
  return makeClient(server, { login: HEDGING, ...extra })
    .extend(tradingActions)
    .extend(orderHelperActions)
}

export { until } from '../../helpers/until.js'
