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

/** Resolves when `predicate` holds, polling every 10 ms for at most `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}
