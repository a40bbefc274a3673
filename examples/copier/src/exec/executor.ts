/**
 * The executor: the only place that trades. It takes a plan, records the bookkeeping intents (links,
 * orphan counters, refusals) and sends the trade intents through the SDK, each target on its own
 * (a slow or dead target never delays another), the intents of one target in plan order.
 *
 * Every trade intent is written to the store BEFORE its request is sent; its outcome, the link and
 * the action line are written together afterwards (one transaction). A request that may have reached
 * the server (timeout, lost reply, dropped connection) is never sent again: its copy is looked up by
 * its comment tag, and when even that fails the intent stays open for the next reconcile or start.
 */
import { isMt5Error, type TradeResult, ValidationError } from 'mt5web'
import type { TagScope } from '../link/tag.js'
import type {
  CancelIntent,
  ConvertToMarketIntent,
  Intent,
  Link,
  ModifyIntent,
  OrderFields,
  PlaceIntent,
  Plan,
} from '../plan/types.js'
import { REPLACE } from '../plan/types.js'
import type { ActionEvent } from '../service/events.js'
import { markStage } from '../service/trace.js'
import { batchCommits } from '../state/batch.js'
import type {
  ActionRecord,
  OpenIntent,
  OrphanCounter,
  RefusalRecord,
  Store,
  StoreChange,
} from '../state/store.js'
import { findCopyByTag } from './lookup.js'
import { checkMargin } from './marginCheck.js'
import { cancelRequest, modifyRequest, placeRequest, requestJson } from './requests.js'
import { backoffMs, isTransientRetcode } from './retcodes.js'
import type { TargetTrader, TradeRequestParameters } from './trader.js'

/** Options of {@link createExecutor}. */
export interface ExecutorOptions {
  store: Store
  tagScope: TagScope
  /** Every action and refusal, as it is recorded. */
  emit: (event: ActionEvent) => void
  /** UTC ms (default `Date.now`). */
  now?: () => number
  /** Retries of a transient retcode (default 3). */
  retries?: number
  /** First backoff between retries (default 250 ms, doubling). */
  backoffBaseMs?: number
  /** Timeout of one trade request (default 10 s). */
  tradeTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

/** What executing one target's intents did. */
export interface TargetReport {
  target: string
  /** Requests that changed something (placed, modified, cancelled, converted). */
  actions: number
  /** Refused, failed or unknown copies, and refusals left unchanged. */
  problems: number
  /** The whole target was skipped. */
  skipped: boolean
  /** What each request that changed something did, as the target's own order pushes should show it. */
  effects: Effect[]
}

/**
 * A change made on a target: a copy placed or modified (its ticket and the fields sent), or a
 * pending order removed (cancelled, converted to market).
 */
export type Effect = { ticket: bigint; order: OrderFields } | { ticket: bigint; removed: true }

/** One target's share of a plan. */
export interface TargetGroup {
  target: string
  intents: readonly Intent[]
  /** Its client; undefined when it cannot trade now (its trade intents are skipped). */
  trader: TargetTrader | undefined
}

/** The executor. */
export interface Executor {
  /**
   * Executes a plan. `trader(id)` gives a target's client (undefined: the target is skipped).
   * Resolves when every target is done; never rejects for a trade failure (those are recorded).
   */
  execute(plan: Plan, trader: (target: string) => TargetTrader | undefined): Promise<TargetReport[]>
  /**
   * Executes the intents of several targets: one transaction opens them all, then each target sends
   * its own in order. Resolves once they are recorded, with one promise per target's outcome.
   */
  executeTargets(groups: readonly TargetGroup[], extra?: StoreChange): Promise<Promise<TargetReport>[]>
  /** Executes the intents of one target, in order. */
  executeTarget(
    target: string,
    intents: readonly Intent[],
    trader: TargetTrader | undefined,
  ): Promise<TargetReport>
}

type TradeIntent = PlaceIntent | ModifyIntent | CancelIntent | ConvertToMarketIntent

/** How a request ended. `unsent`: refused before anything was sent (bad input). */
type Sent =
  | { kind: 'result'; result: TradeResult; sentAtMs: number }
  | { kind: 'unsent'; error: Error }
  | { kind: 'maybe'; error: Error }

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Creates an executor over a store. */
export function createExecutor(options: ExecutorOptions): Executor {
  const { store, tagScope, emit } = options
  const now = options.now ?? Date.now
  const retries = options.retries ?? 3
  const backoffBase = options.backoffBaseMs ?? 250
  const timeoutMs = options.tradeTimeoutMs ?? 10_000
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  // The planner already ran the pre-flight checks (type, volume, stops, sessions, hours) on the
  // target's own specs and quotes, and the server stays the judge: the SDK's local checks would only
  // repeat them on the hot path, and for a modify or cancel cost a positions round trip first.
  const requestOptions = { throwOnFailure: false, localChecks: false, timeoutMs } as const
  // outcomes arrive together (every target answers within a millisecond): one transaction for
  // those of one event-loop turn; intents are still written, each decision at once, before sending
  const commitOutcome = batchCommits((change) => store.commit(change))

  const event = (e: Omit<ActionEvent, 'atMs'>): ActionEvent => ({ ...e, atMs: now() })
  const actionRow = (e: ActionEvent) => ({
    atMs: e.atMs,
    target: e.target,
    sourceTicket: e.sourceTicket,
    action: e.action,
    reason: e.reason,
    detail: e.detail,
    copyTicket: e.copyTicket,
  })

  /** Sends with retries of transient retcodes; classifies exceptions by whether anything may have been sent. */
  async function send(call: () => Promise<TradeResult>): Promise<Sent> {
    for (let attempt = 1; ; attempt++) {
      let result: TradeResult
      // when the (last) request went out: the status page's and metrics' push → sent latency
      const sentAtMs = now()
      try {
        result = await call()
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error))
        // bad input is refused before sending; everything else may have reached the server
        if (err instanceof ValidationError || (isMt5Error(err) && err.code === 'MT5_SYMBOL_NOT_FOUND'))
          return { kind: 'unsent', error: err }
        return { kind: 'maybe', error: err }
      }
      if (result.ok || !isTransientRetcode(result.retcode) || attempt > retries)
        return { kind: 'result', result, sentAtMs }
      await sleep(backoffMs(attempt, backoffBase))
    }
  }

  /** The request of a trade intent (a convert first removes the pending copy). */
  function requestOf(i: TradeIntent): TradeRequestParameters {
    return i.kind === 'place'
      ? placeRequest(i.order)
      : i.kind === 'modify'
        ? modifyRequest(i.copyTicket, i.order)
        : cancelRequest(i.copyTicket, i.symbol)
  }

  /**
   * The intent record written before `request` (built once by the caller, then sent as it was
   * recorded) is sent.
   */
  function opened(i: TradeIntent, request: TradeRequestParameters): OpenIntent {
    return {
      target: i.target,
      sourceTicket: i.sourceTicket,
      kind: i.kind,
      tag: i.kind === 'place' ? i.order.comment : i.kind === 'convertToMarket' ? i.comment : '',
      copyTicket: i.kind === 'place' ? undefined : i.copyTicket,
      request: requestJson(request),
      atMs: now(),
    }
  }

  async function finish(change: StoreChange, e: ActionEvent): Promise<void> {
    await commitOutcome({ ...change, actions: [...(change.actions ?? []), actionRow(e)] })
    emit(e)
  }

  async function place(
    i: PlaceIntent,
    request: TradeRequestParameters,
    t: TargetTrader,
    report: TargetReport,
    id: number,
  ): Promise<void> {
    const base = {
      target: i.target,
      sourceTicket: i.sourceTicket,
      symbol: i.order.symbol,
      volume: i.order.volume,
    }
    const refuse = async (reason: 'noMargin' | 'rejected', detail: string, retcode?: number) => {
      report.problems++
      const e = event({ ...base, action: 'refused', reason, detail, retcode })
      const refusal = {
        target: i.target,
        sourceTicket: i.sourceTicket,
        reason,
        fingerprint: i.fingerprint,
        detail,
        atMs: e.atMs,
      }
      await finish(
        {
          refusals: [refusal],
          closeIntents: [{ id, status: 'failed', retcode, message: detail, atMs: e.atMs }],
        },
        e,
      )
    }
    if (i.marginCheck) {
      const verdict = await checkMargin(t, request, { retries, backoffBaseMs: backoffBase, sleep })
      if (verdict.kind === 'refuse')
        return await refuse(verdict.reason, `${i.detail}: ${verdict.why}`, verdict.retcode)
      if (verdict.kind === 'failed') {
        // nothing was sent and no refusal is recorded: the next plan (a reconcile) checks again
        report.problems++
        const detail = `${i.detail}: ${verdict.why}; not sent, checked again at the next reconcile`
        return await finish(
          {
            closeIntents: [{ id, status: 'failed', retcode: verdict.retcode, message: detail, atMs: now() }],
          },
          event({ ...base, action: 'failed', reason: 'orderCheck', detail, retcode: verdict.retcode }),
        )
      }
    }
    markStage('request', i.target)
    const sent = await send(() => t.tradeRequest(request, requestOptions))
    if (sent.kind === 'result' && sent.result.ok) {
      report.actions++
      report.effects.push({ ticket: sent.result.order, order: i.order })
      const e = event({
        ...base,
        action: 'placed',
        copyTicket: sent.result.order,
        reason: i.reason,
        detail: i.detail,
        retcode: sent.result.retcode,
        sentAtMs: sent.sentAtMs,
      })
      return finish(
        {
          closeIntents: [
            { id, status: 'done', copyTicket: sent.result.order, retcode: sent.result.retcode, atMs: e.atMs },
          ],
          links: [
            {
              target: i.target,
              sourceTicket: i.sourceTicket,
              copyTicket: sent.result.order,
              status: 'active',
            },
          ],
          clearRefusals: [{ target: i.target, sourceTicket: i.sourceTicket }],
        },
        e,
      )
    }
    if (sent.kind === 'result' && isTransientRetcode(sent.result.retcode)) {
      // still a passing reason after the last retry: nothing was placed, and a refusal would stop
      // the copy until its source changes. Reported; the next plan (a reconcile) places it again.
      report.problems++
      const e = event({
        ...base,
        action: 'failed',
        reason: i.reason,
        detail: `${i.detail}: ${sent.result.retcode} ${sent.result.description} after ${retries + 1} tries; tried again at the next reconcile`,
        retcode: sent.result.retcode,
      })
      return finish(
        {
          closeIntents: [
            { id, status: 'failed', retcode: sent.result.retcode, message: e.detail, atMs: e.atMs },
          ],
        },
        e,
      )
    }
    if (sent.kind === 'result')
      return refuse(
        'rejected',
        `${i.detail}: ${sent.result.retcode} ${sent.result.description}`,
        sent.result.retcode,
      )
    if (sent.kind === 'unsent') return refuse('rejected', `${i.detail}: ${sent.error.message}`)
    // may have reached the server: look the copy up by its tag, never send again
    try {
      const found = await findCopyByTag(t, tagScope, i.sourceTicket, i.order.symbol, now() - 60_000, request)
      if (found) {
        report.actions++
        report.effects.push({ ticket: found.order.ticket, order: i.order })
        const e = event({
          ...base,
          action: 'placed',
          copyTicket: found.order.ticket,
          reason: i.reason,
          detail: `${i.detail} (outcome found by tag after: ${sent.error.message})`,
        })
        return finish(
          {
            closeIntents: [
              { id, status: 'done', copyTicket: found.order.ticket, message: 'found by tag', atMs: e.atMs },
            ],
            links: [
              {
                target: i.target,
                sourceTicket: i.sourceTicket,
                copyTicket: found.order.ticket,
                status: 'active',
              },
            ],
            clearRefusals: [{ target: i.target, sourceTicket: i.sourceTicket }],
          },
          e,
        )
      }
      // the target answered and holds no such order: the request never took effect
      report.problems++
      const e = event({
        ...base,
        action: 'failed',
        reason: 'notPlaced',
        detail: `${i.detail}: not placed (${sent.error.message}); no order with its tag`,
      })
      return finish(
        { closeIntents: [{ id, status: 'failed', message: sent.error.message, atMs: e.atMs }] },
        e,
      )
    } catch (lookupError) {
      // the intent stays open: the next reconcile or start settles it by the same lookup
      report.problems++
      emit(
        event({
          ...base,
          action: 'unknown',
          reason: 'outcomeUnknown',
          detail: `${i.detail}: outcome unknown (${sent.error.message}; lookup failed: ${errorMessage(lookupError)}); settled by the next reconcile`,
        }),
      )
    }
  }

  /** Modify and cancel: idempotent on the server side, an unknown outcome is settled by the next reconcile. */
  async function change(
    i: ModifyIntent | CancelIntent,
    request: TradeRequestParameters,
    t: TargetTrader,
    report: TargetReport,
    id: number,
  ): Promise<void> {
    const isModify = i.kind === 'modify'
    const symbol = isModify ? i.order.symbol : i.symbol
    const sent = await send(() => t.tradeRequest(request, requestOptions))
    const base = { target: i.target, sourceTicket: i.sourceTicket, copyTicket: i.copyTicket, symbol }
    if (sent.kind === 'result' && sent.result.ok) {
      report.actions++
      report.effects.push(
        isModify ? { ticket: i.copyTicket, order: i.order } : { ticket: i.copyTicket, removed: true },
      )
      const e = event({
        ...base,
        action: isModify ? 'modified' : 'cancelled',
        reason: i.reason,
        detail: i.detail,
        retcode: sent.result.retcode,
        sentAtMs: sent.sentAtMs,
      })
      // a cancelled duplicate leaves the link of the copy that stays untouched; a copy cancelled
      // because its source changed type leaves an active link with no copy: a new copy is due
      const closeLink = !isModify && i.reason !== 'duplicate'
      const replace = i.reason === 'sourceTypeChanged'
      return finish(
        {
          closeIntents: [{ id, status: 'done', retcode: sent.result.retcode, atMs: e.atMs }],
          ...(closeLink
            ? {
                links: [
                  {
                    target: i.target,
                    sourceTicket: i.sourceTicket,
                    copyTicket: replace ? REPLACE : i.copyTicket,
                    status: replace ? ('active' as const) : ('closed' as const),
                  },
                ],
              }
            : {}),
        },
        e,
      )
    }
    report.problems++
    if (sent.kind === 'maybe') {
      const e = event({
        ...base,
        action: 'unknown',
        reason: 'outcomeUnknown',
        detail: `${i.detail}: outcome unknown (${sent.error.message}); the next reconcile compares again`,
      })
      return finish(
        { closeIntents: [{ id, status: 'unknown', message: sent.error.message, atMs: e.atMs }] },
        e,
      )
    }
    const why =
      sent.kind === 'result' ? `${sent.result.retcode} ${sent.result.description}` : sent.error.message
    const retcode = sent.kind === 'result' ? sent.result.retcode : undefined
    const e = event({ ...base, action: 'failed', reason: i.reason, detail: `${i.detail}: ${why}`, retcode })
    return finish({ closeIntents: [{ id, status: 'failed', retcode, message: why, atMs: e.atMs }] }, e)
  }

  /** Source filled, policy `market`: remove the pending copy, then fill the same side at market. */
  async function convert(
    i: ConvertToMarketIntent,
    removal: TradeRequestParameters,
    t: TargetTrader,
    report: TargetReport,
    id: number,
  ): Promise<void> {
    const base = {
      target: i.target,
      sourceTicket: i.sourceTicket,
      copyTicket: i.copyTicket,
      symbol: i.symbol,
      volume: i.volume,
    }
    const removed = await send(() => t.tradeRequest(removal, requestOptions))
    if (removed.kind !== 'result' || !removed.result.ok) {
      // the copy may have filled by itself: never add a market order on top of it
      report.problems++
      const why =
        removed.kind === 'result'
          ? `${removed.result.retcode} ${removed.result.description}`
          : removed.error.message
      const e = event({
        ...base,
        action: 'failed',
        reason: i.reason,
        detail: `${i.detail}: could not remove the pending copy (${why}); no market order sent`,
      })
      return finish(
        {
          closeIntents: [
            { id, status: removed.kind === 'maybe' ? 'unknown' : 'failed', message: why, atMs: e.atMs },
          ],
        },
        e,
      )
    }
    const params = {
      symbol: i.symbol,
      volume: i.volume,
      deviation: i.deviationPoints,
      comment: i.comment,
      throwOnFailure: false,
      timeoutMs,
    }
    const filled = await send(() => (i.side === 'buy' ? t.buyMarket(params) : t.sellMarket(params)))
    const closed = {
      links: [
        {
          target: i.target,
          sourceTicket: i.sourceTicket,
          copyTicket: i.copyTicket,
          status: 'closed' as const,
        },
      ],
    }
    if (filled.kind === 'result' && filled.result.ok) {
      report.actions++
      report.effects.push({ ticket: i.copyTicket, removed: true })
      const e = event({
        ...base,
        action: 'converted',
        reason: i.reason,
        detail: `${i.detail}: filled at ${filled.result.price}`,
        retcode: filled.result.retcode,
        sentAtMs: filled.sentAtMs,
      })
      return finish(
        { ...closed, closeIntents: [{ id, status: 'done', retcode: filled.result.retcode, atMs: e.atMs }] },
        e,
      )
    }
    report.problems++
    const unknown = filled.kind === 'maybe'
    const why =
      filled.kind === 'result'
        ? `${filled.result.retcode} ${filled.result.description}`
        : filled.error.message
    const e = event({
      ...base,
      action: unknown ? 'unknown' : 'failed',
      reason: i.reason,
      detail: `${i.detail}: pending copy removed, market order ${unknown ? 'outcome unknown' : 'failed'} (${why})`,
    })
    return finish(
      {
        ...closed,
        closeIntents: [{ id, status: unknown ? 'unknown' : 'failed', message: why, atMs: e.atMs }],
      },
      e,
    )
  }

  /** Links, counters, refusals of one target: what to write and what to tell, written with the plan's intents. */
  function bookkeeping(
    target: string,
    intents: readonly Intent[],
    report: TargetReport,
  ): {
    change: Required<Pick<StoreChange, 'links' | 'orphanCounters' | 'refusals' | 'actions'>>
    events: ActionEvent[]
  } {
    const change = {
      links: [] as Link[],
      orphanCounters: [] as OrphanCounter[],
      refusals: [] as RefusalRecord[],
      actions: [] as ActionRecord[],
    }
    const events: ActionEvent[] = []
    for (const i of intents) {
      switch (i.kind) {
        case 'link':
          change.links.push({
            target,
            sourceTicket: i.sourceTicket,
            copyTicket: i.copyTicket,
            status: i.status,
          })
          events.push(
            event({
              action: 'linked',
              target,
              sourceTicket: i.sourceTicket,
              copyTicket: i.copyTicket,
              reason: i.reason,
              detail: i.detail,
            }),
          )
          break
        case 'orphanSeen':
          change.orphanCounters.push({ target, sourceTicket: i.sourceTicket, count: i.count })
          events.push(
            event({
              action: 'orphan',
              target,
              sourceTicket: i.sourceTicket,
              copyTicket: i.copyTicket,
              reason: i.action,
              detail: i.detail,
            }),
          )
          if (i.action === 'preserve') report.problems++
          break
        case 'orphanCleared':
          change.orphanCounters.push({ target, sourceTicket: i.sourceTicket, count: 0 })
          break
        case 'refuse': {
          report.problems++
          const e = event({
            action: 'refused',
            target,
            sourceTicket: i.sourceTicket,
            reason: i.reason,
            detail: i.detail,
          })
          change.refusals.push({
            target,
            sourceTicket: i.sourceTicket,
            reason: i.reason,
            fingerprint: i.fingerprint,
            detail: i.detail,
            atMs: e.atMs,
          })
          events.push(e)
          break
        }
        case 'leave':
          if (i.reason === 'refusedUnchanged') report.problems++
          break
        case 'skipTarget':
          report.skipped = true
          events.push(
            event({ action: 'skipped', target, sourceTicket: 0n, reason: i.reason, detail: i.detail }),
          )
          break
        default:
          break
      }
    }
    change.actions = events.filter((e) => e.action !== 'linked' || e.reason !== 'adopted').map(actionRow)
    return { change, events }
  }

  const isTrade = (i: Intent): i is TradeIntent =>
    i.kind === 'place' || i.kind === 'modify' || i.kind === 'cancel' || i.kind === 'convertToMarket'

  /**
   * One decision for several targets: ONE transaction records every target's bookkeeping and opens
   * every trade intent (so the hot path pays one commit, not one per target), then each target sends
   * its intents in order, on its own. Resolves after the commit with one promise per group.
   */
  async function executeTargets(
    groups: readonly TargetGroup[],
    extra: StoreChange = {},
  ): Promise<Promise<TargetReport>[]> {
    const prepared = groups.map((g) => {
      const report: TargetReport = { target: g.target, actions: 0, problems: 0, skipped: false, effects: [] }
      const bk = bookkeeping(g.target, g.intents, report)
      const trades = g.intents.filter(isTrade)
      if (trades.length > 0 && !g.trader) {
        report.skipped = true
        report.problems += trades.length
      }
      const sent = g.trader ? trades : []
      // each request built once: recorded in its intent, then sent as recorded
      return { g, report, bk, trades: sent, requests: sent.map(requestOf) }
    })
    const decision: StoreChange = {
      ...extra,
      links: prepared.flatMap((p) => p.bk.change.links),
      orphanCounters: prepared.flatMap((p) => p.bk.change.orphanCounters),
      refusals: prepared.flatMap((p) => p.bk.change.refusals),
      actions: prepared.flatMap((p) => p.bk.change.actions),
      openIntents: prepared.flatMap((p) =>
        p.trades.map((i, k) => opened(i, p.requests[k] as TradeRequestParameters)),
      ),
    }
    const empty =
      (decision.links?.length ?? 0) +
        (decision.orphanCounters?.length ?? 0) +
        (decision.refusals?.length ?? 0) +
        (decision.actions?.length ?? 0) +
        (decision.openIntents?.length ?? 0) +
        (decision.orphanChecks?.length ?? 0) ===
      0
    // written at once when the store can (SQLite): the requests below then leave before any other
    // queued work runs (the follow-up of the push that led here: account summaries, events)
    const ids = empty ? [] : store.commitSync ? store.commitSync(decision) : await store.commit(decision)
    markStage('committed')
    for (const p of prepared) for (const e of p.bk.events) emit(e)
    let next = 0
    const started = prepared.map(async (p) => {
      const first = next
      next += p.trades.length
      const trader = p.g.trader
      if (!trader) return p.report
      for (const [k, i] of p.trades.entries()) {
        const id = ids[first + k] as number
        const request = p.requests[k] as TradeRequestParameters
        if (i.kind === 'place') await place(i, request, trader, p.report, id)
        else if (i.kind === 'convertToMarket') await convert(i, request, trader, p.report, id)
        else await change(i, request, trader, p.report, id)
      }
      return p.report
    })
    markStage('dispatched')
    return started
  }

  return {
    executeTargets,
    async executeTarget(target, intents, trader) {
      const [report] = await executeTargets([{ target, intents, trader }])
      return (await report) as TargetReport
    },
    async execute(plan, trader) {
      const byTarget = new Map<string, Intent[]>()
      for (const i of plan.intents) {
        const list = byTarget.get(i.target)
        if (list) list.push(i)
        else byTarget.set(i.target, [i])
      }
      const checkedAt = now()
      const reports = await executeTargets(
        [...byTarget].map(([target, intents]) => ({ target, intents, trader: trader(target) })),
        { orphanChecks: plan.orphanChecked.map((target) => ({ target, atMs: checkedAt })) },
      )
      return Promise.all(reports)
    },
  }
}
