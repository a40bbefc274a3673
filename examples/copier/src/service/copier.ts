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
import type { Order, TradeTransaction } from 'mt5web'
import { resolveTargets } from '../config/load.js'
import type { CopierConfig, TargetConfig } from '../config/schema.js'
import { resolveSecret, resolveSecrets, type SecretSources } from '../config/secrets.js'
import type { TargetReport } from '../exec/executor.js'
import { goneReasonOf } from '../exec/history.js'
import { createFleet, type Fleet } from '../fleet/fleet.js'
import { createLeasedSessions, type LeasedSessions } from '../fleet/sessions.js'
import type { TagScope } from '../link/tag.js'
import { plan as makePlan } from '../plan/plan.js'
import type { Link } from '../plan/types.js'
import { type CachedStore, cacheStore } from '../state/cached.js'
import { isPostgresStore, openStateStore } from '../state/open.js'
import type { Store } from '../state/store.js'
import type { Account } from './account.js'
import { type AccountSpec, type Accounts, connectAccounts } from './accounts.js'
import { changedSourceTickets, createBooks } from './book.js'
import type { Copier, CopierOptions } from './copierTypes.js'
import { dryRun } from './dryRun.js'
import type { AccountStatus, ActionEvent, CopierEvents, FleetEvent, ReconcileSummary } from './events.js'
import { accountSnapshot, health } from './inspect.js'
import { createLookups } from './lookups.js'
import { createPlanInputs } from './planInput.js'
import { createReconciler } from './reconcile.js'
import { type Pruning, pruneHistory, startPruning } from './retention.js'
import { startSchedule } from './schedule.js'
import { markStage } from './trace.js'
import { toCopyOrders } from './views.js'

export type { AccountSnapshot, Copier, CopierOptions, ReconcileOptions } from './copierTypes.js'

const errorOf = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)))

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
  let sourceOrders: ReadonlyMap<bigint, Order> = new Map()
  let connecting: Promise<void> | undefined
  let following = false
  let closing: Promise<void> | undefined
  let stopTimers: (() => void) | undefined
  /** History retention of a running copier (`state.historyDays`). */
  let pruning: Pruning | undefined
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
  /** What the lookups and the planner's input read of the accounts. */
  const seen = {
    tag,
    now,
    accounts,
    source: () => source,
    sourceOrders: () => sourceOrders,
    bookOf,
  }
  const lookups = createLookups({ ...seen, emitAction, reportError })
  const { gone, expiredCopies, pastChecked, setGone, rebuildPastCopies, resolveGone } = lookups
  const planInput = createPlanInputs({ ...seen, targetById, gone, expiredCopies })

  const storeReady = async (): Promise<CachedStore> => {
    if (!store) {
      rawStore ??=
        options.store ?? openStateStore(config, { baseDir: process.cwd(), secrets, onError: reportError })
      store = await cacheStore(rawStore)
    }
    return store
  }

  const emitFleet = (e: FleetEvent) => emitter.emit('fleet', e)
  const { busy, idle, reconcileTargets, replanMissed } = createReconciler({
    tag,
    now,
    execution: options.execution,
    accounts,
    fresh,
    fleet: () => fleet,
    closing: () => closing !== undefined,
    store: () => store,
    storeReady,
    bookOf,
    lookups,
    planInput,
    emitAction,
    reportError,
  })

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

  function onSourceOrders(next: ReadonlyMap<bigint, Order>, first: boolean): void {
    const previous = sourceOrders
    sourceOrders = next
    if (!following || first) {
      if (first && following) reconcileAll().catch(reportError)
      return
    }
    const changed = changedSourceTickets(previous, next)
    if (changed.length === 0) return
    markStage('orders')
    reconcileTargets([...targetById.keys()], changed).catch(reportError)
  }

  function onSourceTransaction(tx: TradeTransaction): void {
    if (tx.kind !== 'order') return
    const reason = goneReasonOf(tx.order.state)
    if (reason !== undefined) setGone(tx.order.ticket, reason)
  }

  /** The store makes this copier a fleet member (a writable PostgreSQL store). */
  const fleetStore = () => rawStore !== undefined && isPostgresStore(rawStore) && !rawStore.readonly

  /** A target's account: its pushes index its copies, and a (re)synced target is reconciled on its own. */
  function targetSpec(t: TargetConfig, password = resolveSecret(t.password, secrets)): AccountSpec {
    return {
      id: t.id,
      server: t.server,
      login: t.login,
      password,
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
      // every reference read now, each problem named with its field (a fleet member connects its
      // targets later: their secrets are read now all the same, so a bad reference stops the start)
      const enabled = targets.filter((t) => t.enabled)
      const [sourcePassword, ...targetPasswords] = resolveSecrets(
        [
          { field: 'source.password', ref: config.source.password },
          ...enabled.map((t) => ({
            field: `targets.${targets.indexOf(t)}.password (${t.id})`,
            ref: t.password,
          })),
        ],
        secrets,
      )
      pool = connectAccounts(
        [
          {
            id: 'source',
            server: config.source.server,
            login: config.source.login,
            password: sourcePassword as string,
            market: false,
            onOrders: onSourceOrders,
            onTransaction: onSourceTransaction,
            onError: reportError,
          },
          // a fleet member connects a target only once it holds its lease (joinFleet)
          ...(fleetStore() ? [] : enabled.map((t, i) => targetSpec(t, targetPasswords[i] as string))),
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
      sourceSynced: source?.synced === true,
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
      // the history is pruned now and hourly, in small batches that let decisions in between
      pruning = startPruning(await storeReady(), {
        historyDays: config.state.historyDays,
        now,
        onError: reportError,
        ...(options.pruneEveryMs !== undefined ? { everyMs: options.pruneEveryMs } : {}),
      })
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
        // a fleet member's targets whose leases were just taken are connecting (without a fleet,
        // nothing new is: waiting again only doubled the wait for an account that is down)
        if (fleet) await waitForSync(options.syncTimeoutMs ?? 20_000)
        const summary = await reconcileAll(true)
        // a cron pass prunes too, once it has acted (its state would grow as a service's does)
        await pruneHistory(await storeReady(), { historyDays: config.state.historyDays, now }).catch(
          reportError,
        )
        return summary
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
      return [
        accountSnapshot('source', 'source', config.source.server, config.source.login, source),
        ...targets.map((t) => accountSnapshot(t.id, 'target', t.server, t.login, accounts.get(t.id))),
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
          health(
            'source',
            'source',
            config.source.server,
            config.source.login,
            true,
            source,
            pool,
            lastStatus,
          ),
          ...targets.map((t) => {
            const h = health(
              t.id,
              'target',
              t.server,
              t.login,
              t.enabled,
              accounts.get(t.id),
              pool,
              lastStatus,
            )
            return fleet && !accounts.has(t.id) ? { ...h, elsewhere: true } : h
          }),
        ],
      }
    },
    close() {
      closing ??= (async () => {
        following = false
        stopTimers?.()
        await pruning?.stop()
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
