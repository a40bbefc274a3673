/**
 * What a command handler may use of its broker: configuration, feed and clock, account and symbol
 * lookups, password tokens and OTP secrets, trade execution and the pushes it answers with. The
 * broker runtime implements it and registers the handlers; handlers import only this interface, so
 * the dependency runs one way (broker → handlers → context).
 */
import type { History } from '../../../codec/messages/history.js'
import type { NotifyRequest } from '../../../codec/messages/notify.js'
import type { PositionsAndOrders } from '../../../codec/messages/positionsAndOrders.js'
import type { AccountOpeningFormRecord } from '../../../codec/schemas/accountOpeningForm.js'
import type { CorporateLinkRecord } from '../../../codec/schemas/corporateLink.js'
import type { TradeRequestRecord } from '../../../codec/schemas/tradeRequest.js'
import type { TradeResultRecord } from '../../../codec/schemas/tradeResult.js'
import type { Clock } from '../../engine/clock.js'
import type { AccountConfig, BrokerConfig } from '../../engine/config.js'
import type { EngineResult, ProcessOptions } from '../../engine/engine.js'
import type { Feed } from '../../engine/feed.js'
import type { SimConnection } from '../connection.js'
import type { TradeFaultQueue } from '../faults.js'
import type { BrokerLimits } from '../limits.js'
import type { LoginThrottle } from '../loginThrottle.js'
import type { IssuedToken } from '../passwordTokens.js'
import type { WireSymbol } from '../wire.js'
/** The broker as its command handlers see it (implemented by `BrokerRuntime`). */
export interface HandlerContext {
  /** The broker's name (logs). */
  readonly name: string
  readonly config: BrokerConfig
  readonly feed: Feed
  readonly clock: Clock
  readonly symbols: readonly WireSymbol[]
  readonly tradeFaults: TradeFaultQueue
  readonly limits: BrokerLimits
  /** Wrong-password throttling (cmd 28, cmd 43). */
  readonly loginThrottle: LoginThrottle
  /** Ms a locked account stays locked. */
  readonly loginLockoutMs: number
  /** Accounts opened through cmd 30 / 39 so far. */
  readonly openedAccounts: number
  /** cmd 27/40: an e-mail code is required before opening accounts (default false). */
  requireVerification: boolean
  /** The e-mail code the simulator expects (default 123456). */
  verificationCode: number
  symbolById(id: number): WireSymbol | undefined
  symbolByName(name: string): WireSymbol | undefined
  accountConfig(login: number): AccountConfig | undefined
  issuePasswordToken(
    login: number,
    investor: boolean,
    session: bigint,
  ): { passwordToken: Uint8Array; session: bigint }
  checkPasswordToken(login: number, blob: Uint8Array): IssuedToken | undefined
  otpSecret(login: number): string | undefined
  setOtpSecret(login: number, secret: string | undefined): void
  /** cmd 3 / 14 body; `investor` sessions see the read-only rights bits (trade disabled, investor). */
  accountBody(login: number, investor?: boolean): Uint8Array
  positionsAndOrders(login: number): PositionsAndOrders
  history(login: number, from: number, to: number): History
  corporateLinks(): CorporateLinkRecord[]
  notified(login: number, request: NotifyRequest): void
  openAccount(form: AccountOpeningFormRecord, real: boolean): AccountConfig
  /** Runs a trade request of `login`; pushes 10 → 14 to every connection of the login, then 19 to `origin`. */
  trade(
    login: number,
    request: TradeRequestRecord,
    origin?: SimConnection,
    options?: ProcessOptions,
  ): EngineResult
  /** Pushes cmd 19 with a result that did not go through the engine (faults). */
  pushResult(conn: SimConnection, request: TradeRequestRecord, result: TradeResultRecord): void
  /** Sets a price, pushes it and the events it triggers. */
  setPrice(symbol: string, bid: number, ask: number): void
  /** Pushes current quotes + details of `ids` to one connection (after cmd 7). */
  pushSnapshot(conn: SimConnection, ids: readonly number[]): void
  /** Pushes book snapshots of `ids` to one connection (after cmd 22). */
  pushBooks(conn: SimConnection, ids: readonly number[]): void
  log(event: string, data: Record<string, unknown>): void
}
