/**
 * Input and output of the pure planner ({@link plan}): plain data only, so a plan can be printed
 * (`once --dry-run`), stored and compared. Prices are unscaled, volumes in lots, times in Unix ms.
 *
 * The planner reads no clock: `now` is UTC ms; a server's clock is `now + serverTimeOffsetMinutes`.
 * Order times (`expirationMs`) are on the clock of the server that holds the order, as MT5 reports them.
 */
import type { PendingOrderType, TargetConfig } from '../config/schema.js'
import type { TagScope } from '../link/tag.js'

export type { PendingOrderType, TagScope, TargetConfig }

/** How long a pending order lives (`OrderTime` as names). */
export type OrderTimeType = 'gtc' | 'day' | 'specified' | 'specifiedDay'

/** A pending order as the planner sees it, on the source or on a target. */
export interface CopyOrder extends OrderFields {
  ticket: bigint
}

/** One trade session, minutes from 00:00 server time (`closeMinutes` 1440 = midnight). */
export interface SessionWindow {
  openMinutes: number
  closeMinutes: number
}

/** What the planner needs to know about a target's symbol (from the SDK's `fullSymbolInfo`). */
export interface SymbolSpec {
  name: string
  digits: number
  point: number
  /** Minimal price change (0 = use `point`). */
  tickSize: number
  /** Lots. */
  volumeMin: number
  /** Lots; 0 = no maximum. */
  volumeMax: number
  /** Lots; 0 = any volume. */
  volumeStep: number
  /** `SymbolTradeMode`: 0 disabled, 1 long only, 2 short only, 3 close only, 4 full. */
  tradeMode: number
  /** Minimum distance, in points, of an order price from the market and of SL/TP from the order price. */
  stopsLevelPoints: number
  /** `OrderFlags` mask of the order kinds the symbol allows (0 = not reported: all). */
  orderFlags: number
  /** `TimeFlags` mask of the expiration modes the symbol allows (0 = not reported: all). */
  timeFlags: number
  /** Trade sessions per weekday, index 0 = Sunday, server time. Empty everywhere = unknown = always open. */
  tradeSessions: readonly (readonly SessionWindow[])[]
}

/** Current prices of a symbol on a target. */
export interface Quote {
  bid: number
  ask: number
}

/** One target account as observed now. */
export interface TargetView {
  id: string
  config: TargetConfig
  /** Logged in. */
  connected: boolean
  /** Its pending orders are fully loaded (after a (re)connect, not before). */
  synced: boolean
  /**
   * ALL pending orders on the account, tagged (ours) or not; in a scoped plan, at least our copies
   * of the source orders in scope (the rest plays no part in it) with `pendingOrders` set.
   */
  orders: readonly CopyOrder[]
  /** How many pending orders the account holds, when `orders` holds only some of them (max pending). */
  pendingOrders?: number
  symbols: ReadonlyMap<string, SymbolSpec>
  quotes: ReadonlyMap<string, Quote>
  /** Server clock minus UTC, in minutes (from the account's `serverOffsetSeconds`). */
  serverTimeOffsetMinutes: number
  /** Free margin now, when known: a `noMargin` refusal is retried once it grows. */
  marginFree?: number
}

/** Why a source order left the pending list, when known (trade pushes, history). */
export type GoneReason = 'filled' | 'cancelled' | 'expired' | 'unknown'

/** The source account as observed now. */
export interface SourceView {
  /** Connected and its pending orders fully loaded. While false the planner makes no decision at all. */
  synced: boolean
  /** Its pending orders. */
  orders: readonly CopyOrder[]
  /** Source tickets known to have left the pending list, with why. */
  gone: ReadonlyMap<bigint, GoneReason>
  /** Server clock minus UTC, in minutes. */
  serverTimeOffsetMinutes: number
}

/**
 * Life of a link between a source order and its copy on one target.
 * - `active`: the copy follows its source;
 * - `kept`: the source filled and the `keep` policy left the copy alone for good;
 * - `preserved`: an orphan reported under the `preserve` policy, left alone for good;
 * - `closed`: the copy is no longer pending (filled, cancelled, converted); never placed again.
 */
export type LinkStatus = 'active' | 'kept' | 'preserved' | 'closed'

/**
 * The copy ticket of an active link whose copy was cancelled because its source order changed type:
 * a copy of the source as it is now is due (placed like a new one), no copy is live.
 */
export const REPLACE = 0n

/** A persisted link (state database). Links are also rebuilt from the tags in the targets' comments. */
export interface Link {
  target: string
  sourceTicket: bigint
  copyTicket: bigint
  status: LinkStatus
}

/** A recorded refusal: the same refusal (same fingerprint) is not re-planned. */
export interface Refusal {
  reason: ReasonCode
  /** Stable digest of everything the refusal depended on; a change means "try again". */
  fingerprint: string
  /** `noMargin` only: the target's free margin when it was refused. */
  marginFree?: number
}

/** Everything the planner decides from. Maps keyed by target and source ticket use {@link linkKey}. */
export interface PlanInput {
  /** UTC, Unix ms. */
  now: number
  /** Which comment tags are ours (prefix and source login). */
  tag: TagScope
  source: SourceView
  targets: readonly TargetView[]
  links: readonly Link[]
  /** Consecutive orphan sightings per {@link linkKey}. */
  orphanCounters: ReadonlyMap<string, number>
  /** Recorded refusals per {@link linkKey}. */
  refusals: ReadonlyMap<string, Refusal>
  /** UTC ms of each target's last orphan check. */
  lastOrphanCheck: ReadonlyMap<string, number>
  /**
   * Linked copies that left their target by expiring, by copy ticket, with the expiry they had (from
   * the target's history). One whose source is still pending with another expiry (extended while the
   * copy could not be modified: target down, copier late or stopped) is replaced, not given up.
   */
  expiredCopies?: ReadonlyMap<bigint, Pick<OrderFields, 'timeType' | 'expirationMs'>>
  /**
   * Limit the plan to these source tickets (event-driven: one push changed them). A scoped plan
   * counts no orphan (only full reconciles do) and reports no orphan check.
   */
  scope?: readonly bigint[]
}

/** Every machine-readable reason of an intent (the package README explains each). */
export const reasonCodes = [
  // place / modify / cancel / link
  'newSource',
  'sourceChanged',
  'orphan',
  'sourceFilled',
  'slippage',
  'duplicate',
  'sourceTypeChanged',
  'adopted',
  'copyGone',
  'sourceGone',
  // recorded by the service: a copy found by its tag in a target's positions or history
  'pastCopy',
  // refusals (pre-flight); 'noMargin' and 'rejected' are recorded by the executor
  'orderTypeNotAllowed',
  'orderTypeNotSupported',
  'symbolMissing',
  'tradeDisabled',
  'sideNotAllowed',
  'maxPendingOrders',
  'sessionClosed',
  'outsideTradingHours',
  'volumeBelowMin',
  'volumeAboveMax',
  'volumeOutOfRange',
  'priceTooClose',
  'stopsTooClose',
  'expirationNotSupported',
  'alreadyExpired',
  'invalidSource',
  'noMargin',
  'rejected',
  // leave / skipTarget
  'refusedUnchanged',
  'sourceNotSynced',
  'targetDisabled',
  'targetDisconnected',
  'targetNotSynced',
  'noQuote',
  'keptAfterFill',
] as const

/** Machine-readable reason of an intent. */
export type ReasonCode = (typeof reasonCodes)[number]

interface IntentBase {
  target: string
  sourceTicket: bigint
  reason: ReasonCode
  /** One line for a person: what and why, with symbols, lots and prices. */
  detail: string
}

/** The fields of a pending order: those a copy is placed with, or modified to. */
export interface OrderFields {
  symbol: string
  type: PendingOrderType
  /** Lots (initial volume: a pending order's volume cannot be modified). */
  volume: number
  /** Order price; for stop-limit orders the activation (stop) price. */
  price: number
  /** Limit price of a stop-limit order, else 0. */
  stopLimitPrice: number
  /** 0 = none. */
  sl: number
  /** 0 = none. */
  tp: number
  timeType: OrderTimeType
  /** On the clock of the server holding the order; 0 = none. */
  expirationMs: number
  /** On a copy: the comment tag linking it to its source. */
  comment: string
}

/** Place a new copy. */
export interface PlaceIntent extends IntentBase {
  kind: 'place'
  order: OrderFields
  /** Ask `orderCheck` for free margin first (target config `marginCheck`). */
  marginCheck: boolean
  /** Store this with a refusal recorded by the executor (no margin, final retcode). */
  fingerprint: string
}

/** The modifiable fields of a pending order. */
export type ModifiableField = 'price' | 'stopLimitPrice' | 'sl' | 'tp' | 'timeType' | 'expirationMs'

/** Modify a copy: `changes` holds only what differs; `order` is the full desired state to send. */
export interface ModifyIntent extends IntentBase {
  kind: 'modify'
  copyTicket: bigint
  changes: Partial<Pick<OrderFields, ModifiableField>>
  order: OrderFields
}

/** Cancel a copy (reason `orphan`, `sourceFilled`, `slippage`, `duplicate`, `sourceTypeChanged`). */
export interface CancelIntent extends IntentBase {
  kind: 'cancel'
  copyTicket: bigint
  symbol: string
}

/** The source filled: cancel the pending copy and fill the same side at market within the deviation. */
export interface ConvertToMarketIntent extends IntentBase {
  kind: 'convertToMarket'
  copyTicket: bigint
  symbol: string
  side: 'buy' | 'sell'
  volume: number
  /** Current target price the check was made against. */
  price: number
  deviationPoints: number
  comment: string
}

/** A copy that cannot be placed; record it (with its fingerprint) and report it. */
export interface RefuseIntent extends IntentBase {
  kind: 'refuse'
  fingerprint: string
}

/** An orphan was seen at a check: store `count`; `kill` comes with a cancel intent. */
export interface OrphanSeenIntent extends IntentBase {
  kind: 'orphanSeen'
  copyTicket: bigint
  count: number
  action: 'wait' | 'kill' | 'preserve'
}

/** A counted orphan is no orphan any more (its source is back, or the copy is gone): reset its counter. */
export interface OrphanClearedIntent extends IntentBase {
  kind: 'orphanCleared'
}

/** Record a link's new status (adopt a tagged copy, keep it, preserve it, close it). */
export interface LinkIntent extends IntentBase {
  kind: 'link'
  copyTicket: bigint
  status: LinkStatus
}

/** Nothing to do now, for a reason worth showing (dry run, status). */
export interface LeaveIntent extends IntentBase {
  kind: 'leave'
}

/** The whole target is skipped this pass (disabled, disconnected, not synced). */
export interface SkipTargetIntent {
  kind: 'skipTarget'
  target: string
  reason: ReasonCode
  detail: string
}

/** One decision of the planner. */
export type Intent =
  | PlaceIntent
  | ModifyIntent
  | CancelIntent
  | ConvertToMarketIntent
  | RefuseIntent
  | OrphanSeenIntent
  | OrphanClearedIntent
  | LinkIntent
  | LeaveIntent
  | SkipTargetIntent

/** The planner's output. */
export interface Plan {
  /** In execution order per target (cancels before places, so max-pending room is freed first). */
  intents: Intent[]
  /** Targets whose orphan check ran in this plan: store `now` as their last check. */
  orphanChecked: string[]
}

/** Key of per-(target, source ticket) maps: `orphanCounters`, `refusals`. */
export function linkKey(target: string, sourceTicket: bigint): string {
  return `${target}\u0000${sourceTicket}`
}
