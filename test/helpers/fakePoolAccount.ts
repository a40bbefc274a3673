/** A `PoolAccount` for tests of pool parts that never touch its client (events, broadcasts). */
import type { Mt5Client } from '../../src/client/createClient.js'
import type { PoolAccount } from '../../src/pool/types.js'

export const fakePoolAccount: PoolAccount = {
  key: 'a',
  login: '1',
  server: 'ws://127.0.0.1:1/',
  client: {} as Mt5Client,
  status: 'connected',
  gaveUp: undefined,
}
