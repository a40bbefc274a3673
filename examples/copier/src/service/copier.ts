/**
 * `createCopier(config)`: the imperative shell around the pure planner. It connects the source and
 * every enabled target through one SDK pool (bounded concurrency, reconnects, give-up on refused
 * credentials: service/accounts.ts), follows the source's trade
 * pushes (a change → a plan scoped to the changed orders → execution, within milliseconds), runs a
 * full reconcile every `reconcileSeconds` (or on `schedule` only) and whenever a target comes back,
 * and keeps its state in the store. A target that is busy executing is left out of new plans and
 * re-planned as soon as it is done, so two plans never act on the same target at once and a slow
 * target never holds back the others.
 */
import { EventEmitter } from 'eventemitter3'
import type { Order, PoolClientOptions, TradeTransaction } from 'mt5web'
import { resolveTargets } from '../config/load.js'
import type { CopierConfig, TargetConfig } from '../config/schema.js'
import { resolveSecret, type SecretSources } from '../config/secrets.js'
import { createExecutor, type ExecutorOptions, type TargetReport } from '../exec/executor.js'
import {
  type Expiry,
  findExpiredCopies,
  findGoneSources,
  findPastCopies,
  goneReasonOf,
  pastCopyLinks,
} from '../exec/history.js'
import { recoverOpenIntents } from '../exec/recover.js'
import type { TargetTrader } from '../exec/trader.js'
import { createFleet, type Fleet, gateTrader } from '../fleet/fleet.js'
import { createLeasedSessions, type LeasedSessions } from '../fleet/sessions.js'
import type { AccountInspection, CopierInspection } from '../http/status.js'
import { parseTag, type TagScope } from '../link/tag.js'
import { plan as makePlan } from '../plan/plan.js'
import {
  type CancelIntent,
  type CopyOrder,
  type GoneReason,
  type Intent,
  type Link,
  linkKey,
  type Plan,
  type PlanInput,
  REPLACE,
  type TargetView,
} from '../plan/types.js'
import { type CachedStore, cacheStore } from '../state/cached.js'
import { isPostgresStore, openStateStore } from '../state/open.js'
import type { Store } from '../state/store.js'
import type { Account } from './account.js'
import { type AccountSpec, type Accounts, connectAccounts } from './accounts.js'
import { createBooks, scopedLinks, scopedOrders, showsEffects } from './book.js'
import { dryRun } from './dryRun.js'
import type { AccountStatus, ActionEvent, CopierEvents, FleetEvent, ReconcileSummary } from './events.js'
import { startSchedule } from './schedule.js'
import { toCopyOrders } from './views.js'

/** Options of {@link createCopier}. */
export interface CopierOptions {
  /**
   * The state store (default: the one `config.state` names, SQLite or PostgreSQL). Closed by
   * `close()`. A writable PostgreSQL store makes this copier a fleet member: it acts only on the
   * targets whose lease it holds.
   */
  store?: Store
  /** Fleet member id (default: `host:pid:random`, new at every start). */
  instanceId?: string
  /** Where password references are read from (default: `process.env`, the current folder). */
  secrets?: Partial<SecretSources>
  /** Extra SDK client options for every account of the pool (timeouts, reconnect, logger). */
  clientOptions?: PoolClientOptions
  /** Retries, backoff, trade timeout of the executor. */
  execution?: Pick<ExecutorOptions, 'retries' | 'backoffBaseMs' | 'tradeTimeoutMs' | 'sleep'>
  /** UTC ms (default `Date.now`). */
  now?: () => number
  /** How long `reconcileOnce` waits for the accounts to sync (default 20 s). */
  syncTimeoutMs?: number
  /** Follow the source's pushes in `start()` (default true unless `schedule` is set). */
  pushes?: boolean
}

/** One account as `check` shows it. */
export interface AccountSnapshot {
  id: string
  role: 'source' | 'target'
  server: string
  login: string
  /** `failed`: the copier gave up on it (credentials refused, account disabled), not retried. */
  status: 'synced' | 'connected' | 'down' | 'failed' | 'disabled'
  /** Target symbol names known (empty for the source). */
  symbols: string[]
  /** Pending orders on the account. */
  orders: number
}

/** Options of one reconcile. */
export interface ReconcileOptions {
  /** Plan only: emit the intents as `dryRun` events, send and record nothing. */
  dryRun?: boolean
}

/** A running copier. */
export interface Copier {
  on<E extends keyof CopierEvents>(event: E, listener: (...args: CopierEvents[E]) => void): this
  off<E extends keyof CopierEvents>(event: E, listener?: (...args: CopierEvents[E]) => void): this
  once<E extends keyof CopierEvents>(event: E, listener: (...args: CopierEvents[E]) => void): this
  /** Connects every account and keeps the targets in sync until `close()`. */
  start(): Promise<void>
  /** One full pass: connects when needed, waits for sync, plans, executes (unless dry run). */
  reconcileOnce(options?: ReconcileOptions): Promise<ReconcileSummary>
  /** The plan a full reconcile would execute now (connects when needed). */
  planOnce(): Promise<Plan>
  /** The accounts as they are now (for `check`). */
  accounts(): AccountSnapshot[]
  /** The source's pending orders as last seen. */
  sourceOrders(): CopyOrder[]
  /** Fleet membership (PostgreSQL state): this instance and the targets it holds; undefined otherwise. */
  fleet(): { instance: string; held: string[] } | undefined
  /**
   * What the status page reads (synchronous, no I/O): the planner's input for every target and
   * each account's connection health; `undefined` before the copier has connected.
   */
  inspect(): CopierInspection | undefined
  /** Stops following, waits for in-flight requests, persists, logs out. Idempotent. */
  close(): Promise<void>
}

const errorOf = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)))
const MAX_GONE = 10_000
/** The source's key among the books (no target id holds a NUL). */
const SOURCE_BOOK = '\u0000source'

/** Creates a copier from a parsed configuration. Nothing connects before `start()` / `reconcileOnce()`. */
export function createCopier(config: CopierConfig, options: CopierOptions = {}): Copier {
  const emitter = new EventEmitter<CopierEvents>()
  const now = options.now ?? Date.now
  const targets = resolveTargets(config)
  const targetById = new Map(targets.map((t) => [t.id, t]))
  const tag: TagScope = { prefix: config.tagPrefix, source: config.source.login }
  const secrets: SecretSources = {
    env: process.env,
    baseDir: process.cwd(),
    warn: (message) => emitter.emit('error', new Error(message)),
    ...options.secrets,
  }
  const pushes = options.pushes ?? config.schedule === undefined
  const bookOf = createBooks(tag)

  let store: CachedStore | undefined
  let rawStore: Store | undefined
  /** Fleet membership, with a writable PostgreSQL store once started. */
  let fleet: Fleet | undefined
  /** A fleet member's target sessions (opened and closed with its leases). */
  let leased: LeasedSessions | undefined
  /** Targets taken over and not yet reconciled in full: nothing else acts on them before. */
  const fresh = new Set<string>()
  let source: Account | undefined
  const accounts = new Map<string, Account>()
  let pool: Accounts | undefined
  const gone = new Map<bigint, GoneReason>()
  let sourceOrders: ReadonlyMap<bigint, Order> = new Map()
  let connecting: Promise<void> | undefined
  let following = false
  let closing: Promise<void> | undefined
  let stopTimers: (() => void) | undefined
  /** Targets with an execution in flight, and what to re-plan when they are done. */
  const busy = new Map<string, Promise<void>>()
  const dirty = new Map<string, Set<bigint> | 'full'>()
  /** Last status each account reported (status page). */
  const lastStatus = new Map<string, AccountStatus>()
  emitter.on('accountStatus', (id, status) => lastStatus.set(id, status))

  const emitAction = (e: ActionEvent) => {
    emitter.emit('action', e)
    emitter.emit(e.action, e)
  }
  const reportError = (error: unknown) => {
    if (emitter.listenerCount('error') > 0) emitter.emit('error', errorOf(error))
  }

  const storeReady = async (): Promise<CachedStore> => {
    if (!store) {
      rawStore ??=
        options.store ?? openStateStore(config, { baseDir: process.cwd(), secrets, onError: reportError })
      store = await cacheStore(rawStore)
    }
    return store
  }

  const emitFleet = (e: FleetEvent) => emitter.emit('fleet', e)

  /** Resolves once no execution is in flight on `ids`. */
  async function idle(ids: readonly string[]): Promise<void> {
    for (let pending = ids.flatMap((id) => busy.get(id) ?? []); pending.length > 0; ) {
      await Promise.all(pending)
      pending = ids.flatMap((id) => busy.get(id) ?? [])
    }
  }

  /**
   * Joins the fleet when the state is a writable PostgreSQL store: leases fence every write and
   * gate every trade call. `fair` (run): take a fair share, rebalance, take over dead instances'
   * targets as they come; `all` (once): every target no live instance holds, taken over by the pass.
   */
  async function joinFleet(share: 'fair' | 'all'): Promise<void> {
    const s = await storeReady()
    const raw = rawStore
    if (fleet || !raw || !isPostgresStore(raw) || raw.readonly) return
    // the target sessions follow the leases: connected when won, logged out when lost or given away
    const sessions = createLeasedSessions({
      open: (id) => {
        const t = targetById.get(id)
        if (t && pool) accounts.set(id, pool.add(targetSpec(t)))
      },
      close: async (id) => {
        accounts.delete(id)
        await pool?.remove(id)
      },
      idle: (id) => idle([id]),
      onError: reportError,
    })
    leased = sessions
    const f = createFleet({
      pool: raw.heartbeatPool(),
      instance: options.instanceId,
      targets: targets.filter((t) => t.enabled).map((t) => t.id),
      leaseSeconds: config.state.leaseSeconds,
      share,
      onAcquired: (ids, from) => {
        sessions.want(ids)
        for (const id of ids) {
          fresh.add(id)
          // the previous owner may have linked copies this process never saw: look again
          pastChecked.delete(id)
        }
        const previous = [...new Set([...from.values()].filter((x): x is string => x !== null))]
        emitFleet({
          instance: f.instance,
          kind: 'acquired',
          targets: ids,
          detail: previous.length > 0 ? `taken over from ${previous.join(', ')}` : 'free leases taken',
        })
        if (share === 'fair') takeOver(s, ids).catch(reportError)
      },
      onLost: (ids, why) => {
        sessions.drop(ids)
        emitFleet({ instance: f.instance, kind: 'lost', targets: ids, detail: why })
      },
      drain: async (ids) => {
        emitFleet({
          instance: f.instance,
          kind: 'released',
          targets: ids,
          detail: 'rebalancing: over the fair share',
        })
        await idle(ids)
        sessions.drop(ids)
      },
      onError: reportError,
    })
    fleet = f
    raw.setFence({ instance: f.instance, holds: (id) => f.mayWrite(id), epoch: (id) => f.epochOf(id) })
    await f.start()
  }

  /**
   * Targets just taken: their state is read again (the previous owner wrote it), then a full pass
   * settles the open intents by lookup (recover) before planning anything; only then do pushes act.
   */
  async function takeOver(s: CachedStore, ids: readonly string[]): Promise<void> {
    await s.refresh(ids)
    // their sessions were just opened: the pass settles and plans on synced accounts
    await waitForSync(options.syncTimeoutMs ?? 20_000, ids)
    try {
      await reconcileTargets(ids, undefined, true, true)
    } finally {
      for (const id of ids) fresh.delete(id)
      replanMissed(ids)
    }
  }

  /** `triggerAtMs`: when the push (or reconcile) that led to these actions began, for latency. */
  function executor(s: CachedStore, triggerAtMs: number) {
    const emit = (e: ActionEvent) => emitAction({ ...e, triggerAtMs })
    return createExecutor({ store: s, tagScope: tag, emit, now, ...options.execution })
  }

  function onSourceOrders(next: ReadonlyMap<bigint, Order>, first: boolean): void {
    const previous = sourceOrders
    sourceOrders = next
    if (!following || first) {
      if (first && following) reconcileAll().catch(reportError)
      return
    }
    const changed: bigint[] = []
    for (const [ticket, o] of next) {
      const before = previous.get(ticket)
      // the SDK keeps the object of an order that did not change: most of the list is skipped here
      if (before === o) continue
      if (
        !before ||
        before.priceOrder !== o.priceOrder ||
        before.priceTrigger !== o.priceTrigger ||
        before.sl !== o.sl ||
        before.tp !== o.tp ||
        before.timeType !== o.timeType ||
        before.timeExpirationMs !== o.timeExpirationMs
      )
        changed.push(ticket)
    }
    for (const ticket of previous.keys()) if (!next.has(ticket)) changed.push(ticket)
    if (changed.length > 0) reconcileTargets([...targetById.keys()], changed).catch(reportError)
  }

  function setGone(ticket: bigint, reason: GoneReason): void {
    gone.set(ticket, reason)
    if (gone.size > MAX_GONE) gone.delete(gone.keys().next().value as bigint)
  }

  function onSourceTransaction(tx: TradeTransaction): void {
    if (tx.kind !== 'order') return
    const reason = goneReasonOf(tx.order.state)
    if (reason !== undefined) setGone(tx.order.ticket, reason)
  }

  /** The store makes this copier a fleet member (a writable PostgreSQL store). */
  const fleetStore = () => rawStore !== undefined && isPostgresStore(rawStore) && !rawStore.readonly

  /** A target's account: its pushes index its copies, and a (re)synced target is reconciled on its own. */
  function targetSpec(t: TargetConfig): AccountSpec {
    return {
      id: t.id,
      server: t.server,
      login: t.login,
      password: resolveSecret(t.password, secrets),
      market: true,
      onOrders: (orders: ReadonlyMap<bigint, Order>, first: boolean) => {
        // index its copies now, off the next push's path
        bookOf(orders, t.id)
        if (first && following) reconcileTargets([t.id]).catch(reportError)
      },
      onError: reportError,
    }
  }

  function connectAll(): Promise<void> {
    connecting ??= (async () => {
      await storeReady()
      const password = (ref: string) => resolveSecret(ref, secrets)
      // a fleet member connects its targets later: their secrets are read now all the same, so a
      // bad reference stops the start
      if (fleetStore()) for (const t of targets) if (t.enabled) password(t.password)
      pool = connectAccounts(
        [
          {
            id: 'source',
            server: config.source.server,
            login: config.source.login,
            password: password(config.source.password),
            market: false,
            onOrders: onSourceOrders,
            onTransaction: onSourceTransaction,
            onError: reportError,
          },
          // a fleet member connects a target only once it holds its lease (joinFleet)
          ...targets.filter((t) => t.enabled && !fleetStore()).map(targetSpec),
        ],
        {
          concurrency: config.concurrency,
          clientOptions: options.clientOptions,
          onStatus: (id, status, detail) => emitter.emit('accountStatus', id, status, detail),
          onError: reportError,
        },
      )
      source = pool.get('source')
      for (const t of targets) {
        const account = t.enabled ? pool.get(t.id) : undefined
        if (account) accounts.set(t.id, account)
      }
    })()
    return connecting
  }

  /** Waits for the source and the targets `ids` (default: every connected one) to sync. */
  async function waitForSync(timeoutMs: number, ids?: readonly string[]): Promise<void> {
    const end = Date.now() + timeoutMs
    // an account the pool gave up on is not waited for: it will not come back by itself
    const done = (a: Account | undefined) => a === undefined || a.synced || a.failed
    const all = () =>
      done(source) && (ids ? ids.map((id) => accounts.get(id)) : [...accounts.values()]).every(done)
    while (!all() && Date.now() < end && !closing) await new Promise((r) => setTimeout(r, 20))
  }

  /** A scoped view holds only the copies of the source orders in scope (and the count of all). */
  function targetView(t: TargetConfig, scope?: readonly bigint[]): TargetView {
    const a = accounts.get(t.id)
    const book = a ? bookOf(a.orders, t.id) : undefined
    return {
      id: t.id,
      config: t,
      connected: a?.connected === true,
      synced: a?.synced === true,
      ...(book === undefined
        ? { orders: [] }
        : scope === undefined
          ? { orders: book.orders }
          : scopedOrders(book, scope)),
      symbols: a?.symbols ?? new Map(),
      quotes: a?.quotes ?? new Map(),
      serverTimeOffsetMinutes: a?.serverTimeOffsetMinutes ?? 0,
    }
  }

  /** `unsure`: targets whose past copies could not be looked up, planned as not synced. */
  function planInput(
    s: CachedStore,
    ids: readonly string[],
    scope?: readonly bigint[],
    unsure?: ReadonlySet<string>,
  ): PlanInput {
    // each ticket once: a copy read twice would look like a duplicate of itself
    if (scope !== undefined) scope = [...new Set(scope)]
    const views: TargetView[] = []
    for (const id of ids) {
      const t = targetById.get(id)
      if (t) views.push(unsure?.has(id) ? { ...targetView(t, scope), synced: false } : targetView(t, scope))
    }
    // a push-driven plan reads only what its scope touches: the source orders, copies and links of
    // the changed tickets, never every target's whole book (the push path's largest cost otherwise)
    let orders: CopyOrder[]
    let links: Link[]
    if (scope === undefined) {
      orders = bookOf(sourceOrders, SOURCE_BOOK).orders
      links = [...s.state.links.values()]
    } else {
      orders = toCopyOrders(scope.flatMap((ticket) => sourceOrders.get(ticket) ?? []))
      links = scopedLinks(s.state.links, ids, scope)
    }
    return {
      now: now(),
      tag,
      source: {
        synced: source?.synced === true,
        orders,
        gone,
        serverTimeOffsetMinutes: source?.serverTimeOffsetMinutes ?? 0,
      },
      targets: views,
      links,
      orphanCounters: s.state.orphanCounters,
      refusals: s.state.refusals,
      lastOrphanCheck: s.state.lastOrphanCheck,
      expiredCopies,
      ...(scope ? { scope } : {}),
    }
  }

  /**
   * Settles the intents left open on a target (a crash, or an outcome no lookup could settle yet),
   * at every full pass: the target is claimed, so none of them is in flight.
   */
  async function recover(s: CachedStore, id: string): Promise<void> {
    const a = accounts.get(id)
    if (!a?.synced) return
    try {
      const n = await recoverOpenIntents(s, id, traderOf(id, a.client), tag, emitAction, now)
      if (n > 0) await a.refreshOrders()
    } catch (error) {
      reportError(error)
    }
  }

  /** A target's client, gated by its lease in a fleet. */
  const traderOf = (id: string, client: TargetTrader): TargetTrader =>
    fleet ? gateTrader(fleet, id, client) : client

  /** Gone source orders already looked up in the source's history. */
  const goneChecked = new Set<bigint>()
  /** Linked copies that expired on their target, by copy ticket, with the expiry they had (final). */
  const expiredCopies = new Map<bigint, Expiry>()
  /** Targets whose past copies were looked up once in this process, and the source orders checked on each. */
  const pastChecked = new Map<string, Set<bigint>>()

  /**
   * Links, as closed, the copies a target once had (now a position, closed, cancelled by hand) of
   * source orders with no link and no pending copy: a lost state database never duplicates them.
   * Each pair is looked up once per process; a source order first seen after the target's first
   * lookup can only have been copied by this process, which links what it places. A dry run gets
   * the links in `dryRunLinks` instead (nothing stored, emitted or marked checked). Returns false
   * when the lookup failed: the target then makes no decision in this plan.
   */
  async function rebuildPastCopies(s: CachedStore, id: string, dryRunLinks?: Link[]): Promise<boolean> {
    const a = accounts.get(id)
    if (!a?.synced || source?.synced !== true) return true
    const checked = pastChecked.get(id) ?? new Set<bigint>()
    const pendingCopies = new Set<bigint>()
    for (const o of a.orders.values()) {
      const t = parseTag(o.comment, tag)
      if (t !== undefined) pendingCopies.add(t)
    }
    const unlinked = [...sourceOrders.values()]
      .filter(
        (o) =>
          !checked.has(o.ticket) && !pendingCopies.has(o.ticket) && !s.state.links.has(linkKey(id, o.ticket)),
      )
      .map((o) => ({ ticket: o.ticket, setupMs: o.timeSetupMs, type: o.type }))
    try {
      const past = await findPastCopies(a.client, tag, unlinked)
      // a dry run plans with the links it would record, and records nothing
      if (dryRunLinks) {
        dryRunLinks.push(...pastCopyLinks(id, past))
        return true
      }
      for (const c of past) if (c.expired) rememberExpired(c.copyTicket, c.expired)
      if (past.length > 0) {
        const at = now()
        const events: ActionEvent[] = past.map((c) => ({
          action: 'linked',
          target: id,
          sourceTicket: c.sourceTicket,
          copyTicket: c.copyTicket,
          symbol: c.symbol,
          reason: 'pastCopy',
          detail: `copy #${c.copyTicket} of source #${c.sourceTicket} found by its tag (${c.where}): no longer pending, not placed again`,
          atMs: at,
        }))
        await s.commit({
          links: pastCopyLinks(id, past),
          actions: events.map(({ atMs, target, sourceTicket, action, reason, detail, copyTicket }) => ({
            atMs,
            target,
            sourceTicket,
            action,
            reason,
            detail,
            copyTicket,
          })),
        })
        for (const e of events) emitAction(e)
      }
    } catch (error) {
      reportError(error)
      return false
    }
    for (const o of unlinked) checked.add(o.ticket)
    pastChecked.set(id, checked)
    return true
  }

  function rememberExpired(copyTicket: bigint, expiry: Expiry): void {
    expiredCopies.set(copyTicket, expiry)
    if (expiredCopies.size > MAX_GONE) expiredCopies.delete(expiredCopies.keys().next().value as bigint)
  }

  /**
   * The linked copies on `id` that are no longer pending while their source order (in `scope`) is,
   * not looked up yet, and the earliest setup of their sources; undefined when there is none (the
   * common case: no promise, no await on the push path). Rare otherwise: such a copy is closed by
   * the same plan unless it expired early, and not asked about again.
   */
  function missingCopies(
    s: CachedStore,
    id: string,
    scope?: readonly bigint[],
  ): { copies: Set<bigint>; sinceMs: number } | undefined {
    const a = accounts.get(id)
    if (!a?.synced) return undefined
    const pending = bookOf(a.orders, id).copies
    let out: { copies: Set<bigint>; sinceMs: number } | undefined
    for (const ticket of scope ?? sourceOrders.keys()) {
      if (pending.has(ticket)) continue
      const o = sourceOrders.get(ticket)
      const link = o === undefined ? undefined : s.state.links.get(linkKey(id, ticket))
      if (o === undefined || link?.status !== 'active' || link.copyTicket === REPLACE) continue
      if (expiredCopies.has(link.copyTicket)) continue
      out ??= { copies: new Set(), sinceMs: o.timeSetupMs }
      out.copies.add(link.copyTicket)
      out.sinceMs = Math.min(out.sinceMs, o.timeSetupMs)
    }
    return out
  }

  /**
   * Whether `missing` copies on `id` expired, and with which expiry: the planner replaces one that
   * expired with an expiry its source no longer has (extended while the copy could not be
   * modified). Returns false when the lookup failed: the target then makes no decision in this plan.
   */
  async function lookUpExpiredCopies(
    id: string,
    missing: { copies: Set<bigint>; sinceMs: number },
  ): Promise<boolean> {
    const a = accounts.get(id)
    if (!a) return true
    try {
      for (const [ticket, expiry] of await findExpiredCopies(a.client, missing.copies, missing.sinceMs))
        rememberExpired(ticket, expiry)
      return true
    } catch (error) {
      reportError(error)
      return false
    }
  }

  /** A tagged order of a target whose source left the view and whose end was not looked up yet. */
  const unresolved = (o: Order): boolean => {
    const t = parseTag(o.comment, tag)
    return t !== undefined && !sourceOrders.has(t) && !gone.has(t) && !goneChecked.has(t)
  }

  /** The targets of `ids` holding a copy whose source's end is not known nor looked up yet. */
  function unresolvedGone(ids: readonly string[]): string[] {
    return ids.filter((id) => {
      for (const o of accounts.get(id)?.orders.values() ?? []) if (unresolved(o)) return true
      return false
    })
  }

  /**
   * How the sources of the pending copies on `ids` ended when no push said it (a restart, a
   * reconnect): read from the source's history, so a filled one gets the `sourceFilled` policy.
   */
  async function resolveGone(ids: readonly string[]): Promise<void> {
    if (source?.synced !== true) return
    const tickets = new Map<bigint, number>()
    for (const id of ids)
      for (const o of accounts.get(id)?.orders.values() ?? []) {
        if (!unresolved(o)) continue
        const t = parseTag(o.comment, tag) as bigint
        tickets.set(t, Math.min(tickets.get(t) ?? o.timeSetupMs, o.timeSetupMs))
      }
    try {
      for (const [ticket, reason] of await findGoneSources(source.client, tickets)) setGone(ticket, reason)
      // not in the history either: unknown for good (a preserved orphan is not asked about every pass)
      for (const ticket of tickets.keys()) goneChecked.add(ticket)
      while (goneChecked.size > MAX_GONE) goneChecked.delete(goneChecked.values().next().value as bigint)
    } catch (error) {
      reportError(error)
    }
  }

  /**
   * Plans and executes for `ids` (scoped to `scope` when given). A push-driven (scoped) plan leaves
   * busy targets out and re-plans their share of the scope when they are done; a full pass waits
   * for them.
   */
  async function reconcileTargets(
    ids: readonly string[],
    scope?: readonly bigint[],
    waitBusy = false,
    takeover = false,
  ): Promise<TargetReport[]> {
    if (closing) return []
    // a fleet member acts only on what it holds, and on a target just taken only in its takeover pass
    if (fleet) {
      const f = fleet
      ids = ids.filter((id) => {
        if (!f.holds(id)) return false
        if (takeover || !fresh.has(id)) return true
        // remembered: re-planned once the takeover pass is done
        markDirty(id, scope)
        return false
      })
      if (ids.length === 0) return []
    }
    const triggerAtMs = now()
    const s = store ?? (await storeReady())
    if (waitBusy)
      for (let pending = ids.flatMap((id) => busy.get(id) ?? []); pending.length > 0; ) {
        await Promise.all(pending)
        pending = ids.flatMap((id) => busy.get(id) ?? [])
      }
    // from here to the claim below nothing awaits: two plans never share a target
    const free: string[] = []
    for (const id of ids) {
      if (!busy.has(id)) free.push(id)
      else markDirty(id, scope)
    }
    if (free.length === 0) return []
    const exec = executor(s, triggerAtMs)
    const reports: Promise<TargetReport>[] = []
    // one target at a time from here: mark every free target busy before the first await
    const release: (() => void)[] = []
    for (const id of free) {
      let done!: () => void
      busy.set(id, new Promise<void>((r) => (done = r)))
      release.push(() => {
        busy.delete(id)
        done()
        const missed = dirty.get(id)
        dirty.delete(id)
        if (missed !== undefined && !closing)
          reconcileTargets([id], missed === 'full' ? undefined : [...missed]).catch(reportError)
      })
    }
    try {
      // full passes only: the push path stays free of lookups (but for a target's first past-copy
      // lookup, should a push reach it before its first full pass)
      if (scope === undefined) await Promise.all(free.map((id) => recover(s, id)))
      const lookups = scope === undefined ? free : free.filter((id) => !pastChecked.has(id))
      const failed = new Set<string>()
      // a push with nothing to look up goes straight to the plan (no turn of the microtask queue)
      if (lookups.length > 0 || scope === undefined)
        await Promise.all([
          ...lookups.map(async (id) => {
            if (!(await rebuildPastCopies(s, id))) failed.add(id)
          }),
          scope === undefined ? resolveGone(free) : undefined,
        ])
      // after the past copies: an expired one they linked is looked up no more
      const missing: [string, { copies: Set<bigint>; sinceMs: number }][] = []
      for (const id of free) {
        const m = missingCopies(s, id, scope)
        if (m !== undefined) missing.push([id, m])
      }
      if (missing.length > 0)
        await Promise.all(
          missing.map(async ([id, m]) => {
            if (!(await lookUpExpiredCopies(id, m))) failed.add(id)
          }),
        )
      // a full pass counts orphans: a copy whose source left the view since resolveGone looked (or
      // while the source was not synced then) is looked up now, and a target still holding one
      // makes no decision in this pass (a filled source's copy counted as an orphan and preserved
      // for good, where sourceFilled said cancel: campaign seed 18)
      if (scope === undefined) {
        for (let i = 0; i < 2 && source?.synced === true && unresolvedGone(free).length > 0; i++)
          await resolveGone(free)
        for (const id of unresolvedGone(free)) failed.add(id)
      }
      const p = makePlan(planInput(s, free, scope, failed))
      const checkedAt = now()
      const byTarget = new Map<string, Intent[]>(free.map((id) => [id, []]))
      for (const i of p.intents) byTarget.get(i.target)?.push(i)
      // one transaction for the whole decision, then every target on its own
      const outcomes = await exec.executeTargets(
        free.map((id) => {
          const a = accounts.get(id)
          return {
            target: id,
            intents: byTarget.get(id) ?? [],
            trader: a?.synced ? traderOf(id, a.client) : undefined,
          }
        }),
        { orphanChecks: p.orphanChecked.map((target) => ({ target, atMs: checkedAt })) },
      )
      outcomes.forEach((outcome, index) => {
        const a = accounts.get(free[index] as string)
        reports.push(
          outcome
            .then(async (report) => {
              // the target's own pushes may lag the results: read its orders before the next plan,
              // unless they already show every change made
              if (report.actions > 0 && a?.connected && !showsEffects(a.orders, report.effects))
                await a.refreshOrders().catch(reportError)
              // index the target's copies now, off the next push's path
              if (a !== undefined) bookOf(a.orders, a.id)
              // a copy cancelled because its source changed type is replaced by the next plan:
              // make that plan now (on release) rather than at the next source change or reconcile
              const replaced = (byTarget.get(report.target) ?? []).filter(
                (i): i is CancelIntent =>
                  i.kind === 'cancel' &&
                  i.reason === 'sourceTypeChanged' &&
                  report.effects.some((e) => 'removed' in e && e.ticket === i.copyTicket),
              )
              if (replaced.length > 0)
                markDirty(
                  report.target,
                  replaced.map((i) => i.sourceTicket),
                )
              return report
            })
            .finally(() => release[index]?.()),
        )
      })
    } catch (error) {
      for (const r of release) r()
      throw error
    }
    return Promise.all(reports)
  }

  /** Remembers what to re-plan on `id` once it is free (busy, or just taken over). */
  function markDirty(id: string, scope: readonly bigint[] | undefined): void {
    const missed = dirty.get(id)
    if (scope === undefined || missed === 'full') dirty.set(id, 'full')
    else dirty.set(id, new Set([...(missed ?? []), ...scope]))
  }

  /** Re-plans what pushes asked of `ids` while they could not be planned. */
  function replanMissed(ids: readonly string[]): void {
    for (const id of ids) {
      const missed = dirty.get(id)
      if (missed === undefined || busy.has(id) || closing) continue
      dirty.delete(id)
      reconcileTargets([id], missed === 'full' ? undefined : [...missed]).catch(reportError)
    }
  }

  /** `takeover`: a one-off pass that also settles the targets it just took (once mode). */
  async function reconcileAll(takeover = false): Promise<ReconcileSummary> {
    const started = now()
    const ids = targets.map((t) => t.id)
    if (takeover && fresh.size > 0) await (await storeReady()).refresh([...fresh])
    const reports = await reconcileTargets(ids, undefined, true, takeover)
    if (takeover) {
      const taken = [...fresh]
      fresh.clear()
      replanMissed(taken)
    }
    return summarize(reports, started)
  }

  function summarize(reports: readonly TargetReport[], started: number): ReconcileSummary {
    return finish(
      {
        actions: reports.reduce((n, r) => n + r.actions, 0),
        problems: reports.reduce((n, r) => n + r.problems, 0),
        skippedTargets: reports.filter((r) => r.skipped).map((r) => r.target),
      },
      started,
      false,
    )
  }

  /** The summary of a pass; a dry run is in sync only when it would change nothing. */
  function finish(
    counts: { actions: number; problems: number; skippedTargets: string[] },
    started: number,
    dryRunPass: boolean,
  ): ReconcileSummary {
    const disabled = new Set(targets.filter((t) => !t.enabled).map((t) => t.id))
    const downTargets = counts.skippedTargets.filter((id) => !disabled.has(id))
    const summary: ReconcileSummary = {
      inSync:
        (!dryRunPass || counts.actions === 0) &&
        counts.problems === 0 &&
        downTargets.length === 0 &&
        source?.synced === true,
      ...counts,
      downTargets,
      durationMs: now() - started,
    }
    emitter.emit('reconciled', summary)
    return summary
  }

  const copier: Copier = {
    on(event, listener) {
      emitter.on(event, listener as never)
      return copier
    },
    off(event, listener) {
      emitter.off(event, listener as never)
      return copier
    },
    once(event, listener) {
      emitter.once(event, listener as never)
      return copier
    },
    async start() {
      if (closing) throw new Error('the copier is closed')
      await connectAll()
      await waitForSync(options.syncTimeoutMs ?? 20_000)
      await joinFleet('fair')
      following = pushes
      await reconcileAll()
      const timers: (() => void)[] = []
      if (config.schedule !== undefined) {
        timers.push(startSchedule(config.schedule, () => void reconcileAll().catch(reportError), reportError))
      } else {
        const timer = setInterval(
          () => void reconcileAll().catch(reportError),
          config.reconcileSeconds * 1000,
        )
        timer.unref()
        timers.push(() => clearInterval(timer))
      }
      stopTimers = () => {
        for (const stop of timers) stop()
      }
    },
    async reconcileOnce(opts = {}) {
      await connectAll()
      await waitForSync(options.syncTimeoutMs ?? 20_000)
      if (!opts.dryRun) {
        await joinFleet('all')
        // the targets whose leases were just taken are connecting
        await waitForSync(options.syncTimeoutMs ?? 20_000)
        return reconcileAll(true)
      }
      const started = now()
      const found = dryRun(await copier.planOnce(), started)
      for (const e of found.events) emitAction(e)
      return finish(found, started, true)
    },
    async planOnce() {
      await connectAll()
      await waitForSync(options.syncTimeoutMs ?? 20_000)
      const s = await storeReady()
      const ids = targets.map((t) => t.id)
      const links: Link[] = []
      const failed = new Set<string>()
      await Promise.all([
        ...ids.map(async (id) => {
          if (!(await rebuildPastCopies(s, id, links))) failed.add(id)
        }),
        resolveGone(ids),
      ])
      const input = planInput(s, ids, undefined, failed)
      return makePlan(links.length > 0 ? { ...input, links: [...input.links, ...links] } : input)
    },
    accounts() {
      const snap = (
        id: string,
        role: 'source' | 'target',
        server: string,
        login: string,
        a: Account | undefined,
      ): AccountSnapshot => ({
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
      })
      return [
        snap('source', 'source', config.source.server, config.source.login, source),
        ...targets.map((t) => snap(t.id, 'target', t.server, t.login, accounts.get(t.id))),
      ]
    },
    sourceOrders() {
      return toCopyOrders(sourceOrders.values())
    },
    fleet() {
      return fleet ? { instance: fleet.instance, held: fleet.held().sort() } : undefined
    },
    inspect() {
      if (!store || !source) return undefined
      const health = (
        id: string,
        role: 'source' | 'target',
        server: string,
        login: string,
        enabled: boolean,
        a: Account | undefined,
      ): AccountInspection => {
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
      // a fleet member shows the targets it holds; the others are another member's to show
      const shown = fleet ? targets.filter((t) => accounts.has(t.id)) : targets
      return {
        input: planInput(
          store,
          shown.map((t) => t.id),
        ),
        fleet: fleet
          ? {
              instance: fleet.instance,
              held: fleet.held().sort(),
              instances: fleet.snapshot()?.instances ?? [],
              leases: fleet.snapshot()?.leases ?? [],
              stats: fleet.stats(),
            }
          : undefined,
        accounts: [
          health('source', 'source', config.source.server, config.source.login, true, source),
          ...targets.map((t) => {
            const h = health(t.id, 'target', t.server, t.login, t.enabled, accounts.get(t.id))
            return fleet && !accounts.has(t.id) ? { ...h, elsewhere: true } : h
          }),
        ],
      }
    },
    close() {
      closing ??= (async () => {
        following = false
        stopTimers?.()
        // finish in-flight requests (their outcomes are persisted by the executor), then log out
        await Promise.all(busy.values())
        // leases given up at once: the other instances take the targets over without waiting
        await fleet?.close()
        await leased?.settled()
        await pool?.close().catch(reportError)
        await store?.close()
      })()
      return closing
    },
  }
  return copier
}
