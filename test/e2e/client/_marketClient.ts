/** Shared setup of the marketData / account e2e tests: a simulator and an SDK client on loopback. */

import { createBaseClient } from '../../../src/client/createBaseClient.js'
import type { ClientOptions } from '../../../src/client/types.js'
import { accountActions } from '../../../src/decorators/account.js'
import { marketDataActions } from '../../../src/decorators/marketData.js'
import { pushHandlers } from '../../../src/decorators/pushHandlers.js'

export const LOGIN = 10001
export const PASSWORD = 'Demo1234'

export function makeClient(server: string, extra: Partial<ClientOptions> = {}) {
  return createBaseClient({
    server,
    login: LOGIN,
    password: PASSWORD,
    reconnect: false,
    timeoutMs: 5000,
    ...extra,
  })
    .extend(pushHandlers)
    .extend(marketDataActions)
    .extend(accountActions)
}

export { until } from '../../helpers/until.js'
