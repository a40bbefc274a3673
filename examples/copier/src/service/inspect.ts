/**
 * One account as `check` (an {@link AccountSnapshot}) and the status page (an
 * {@link AccountInspection}) show it: read from the account and the pool, no I/O.
 */
import type { AccountInspection } from '../http/status.js'
import type { Account } from './account.js'
import type { Accounts } from './accounts.js'
import type { AccountSnapshot } from './copierTypes.js'
import type { AccountStatus } from './events.js'
import { toCopyOrders } from './views.js'

/** An account for `check`; `a` undefined: a disabled target. */
export function accountSnapshot(
  id: string,
  role: 'source' | 'target',
  server: string,
  login: string,
  a: Account | undefined,
): AccountSnapshot {
  return {
    id,
    role,
    server,
    login,
    status:
      a === undefined
        ? 'disabled'
        : a.synced
          ? 'synced'
          : a.connected
            ? 'connected'
            : a.failed
              ? 'failed'
              : 'down',
    symbols: a ? [...a.symbols.keys()] : [],
    orders: a ? toCopyOrders(a.orders.values()).length : 0,
  }
}

/** An account's connection health for the status page. */
export function health(
  id: string,
  role: 'source' | 'target',
  server: string,
  login: string,
  enabled: boolean,
  a: Account | undefined,
  pool: Accounts | undefined,
  lastStatus: ReadonlyMap<string, AccountStatus>,
): AccountInspection {
  const h = a ? pool?.health(a.id) : undefined
  return {
    id,
    role,
    server,
    login,
    enabled,
    connected: a?.connected === true,
    synced: a?.synced === true,
    lastStatus: lastStatus.get(id) ?? null,
    connection: h?.status ?? null,
    gaveUp: h?.gaveUp ?? null,
    pingLatencyMs: h?.pingMs ?? null,
    lastMessageAgeMs: h?.lastMessageAgeMs ?? null,
    reconnectCount: h?.reconnects ?? 0,
  }
}
