/**
 * The client the CLI drives: `createClient()` with every module, trading and order helpers
 * included, auto-reconnect off (a command is one short session).
 */
import { createClient, type Mt5Client } from '../client/createClient.js'
import { type OrderHelperActions, orderHelperActions } from '../decorators/orderHelpers.js'
import { type TradingActions, tradingActions } from '../decorators/trading.js'
import type { CliConfig } from './config.js'

/** Everything the subcommands call. */
export type CliClient = Mt5Client & TradingActions & OrderHelperActions

/** Builds (does not connect) the client of a CLI run. */
export function createCliClient(config: CliConfig): CliClient {
  const client = createClient({
    server: config.server,
    login: config.login,
    password: config.password,
    reconnect: false,
    connectTimeoutMs: config.timeoutMs,
    timeoutMs: config.timeoutMs,
  })
  // createClient() may already carry the trading modules; add them only when it does not.
  if (hasTrading(client)) return client as CliClient
  return client.extend(tradingActions).extend(orderHelperActions)
}

function hasTrading(client: Mt5Client): boolean {
  const c = client as Partial<CliClient>
  return typeof c.positions === 'function' && typeof c.buyMarket === 'function'
}
