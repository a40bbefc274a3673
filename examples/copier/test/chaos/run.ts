/**
 * Runs one scenario: a simulator with the scenario's brokers (manual clock), the copier (in this
 * process, or a child process when the scenario kills it), the script step by step, then a quiet
 * phase of full passes, then the oracle.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrokerControl, createManualClock, createSimServer, type SimControl } from 'mt5web/sim'
import { type CopierDriver, startChild, startInProcess, viewLine } from './drivers.js'
import { type FinalReject, judge, TYPE_NUMBER, type UntaggedOrder, type Verdict } from './oracle.js'
import { FAULT_KINDS, type Fault, generateScenario, type Scenario, type Step, SYMBOLS } from './scenario.js'
import {
  brokersOf,
  configOf,
  loginOf,
  MAX_ADVANCE_MS,
  SOURCE_LOGIN,
  START_MS,
  secretsEnv,
  TRADE_TIMEOUT_MS,
} from './world.js'

export interface SeedResult extends Verdict {
  seed: number
  targets: number
  steps: number
  child: boolean
  faults: Record<Fault['kind'], number>
  kills: number
  stateDeleted: boolean
  /** Source actions the simulator refused (the script goes on). */
  sourceRefused: number
  /** Passes of the quiet phase until a pass changed nothing. */
  quietPasses: number
  ms: number
  /** Set when the run itself failed (not quiet, a child that did not start…). */
  error?: string
  /** The copier's stderr / errors, for a failing seed. */
  log?: string
}

/** One command that replays a seed (`short`: generated with `fullLength: false`). */
export const replayCommand = (seed: number, short = false) =>
  `npm run chaos -- --seed ${seed}${short ? ' --short' : ''}`

const TYPE = TYPE_NUMBER
const isBuy = (type: number) => type % 2 === 0
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs the scenario of `seed` (or the one given) and judges the result. */
export async function runSeed(seed: number, given?: Scenario): Promise<SeedResult> {
  const scenario = given ?? generateScenario(seed)
  const started = Date.now()
  const clock = createManualClock(START_MS)
  const finalRejects: FinalReject[] = []
  const brokers = brokersOf(scenario)
  const targetByBroker = new Map(scenario.targets.map((t) => [t.broker, t]))
  const sim = await createSimServer({
    port: 0,
    host: '127.0.0.1',
    clock,
    brokers,
    historyDays: 0,
    log: (event, data) => {
      // rejected, no money: the final retcodes the campaign injects
      if (event !== 'trade-fault' || (data.retcode !== 10006 && data.retcode !== 10019)) return
      finalRejects.push({
        target: targetByBroker.get(String(data.broker))?.id ?? '',
        action: Number(data.action),
        order: BigInt(String(data.order)),
        comment: String(data.comment ?? ''),
      })
    },
  })
  const dir = mkdtempSync(join(tmpdir(), 'copier-chaos-'))
  const statePath = join(dir, 'copier.db')
  const configPath = join(dir, 'copier.json')
  const input = configOf(scenario, (b) => sim.url(b), statePath)
  writeFileSync(configPath, JSON.stringify(input))
  const result: SeedResult = {
    seed: scenario.seed,
    targets: scenario.targets.length,
    steps: scenario.steps.length,
    child: scenario.child,
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as SeedResult['faults'],
    kills: 0,
    stateDeleted: false,
    sourceRefused: 0,
    quietPasses: 0,
    ms: 0,
    duplicates: 0,
    lost: 0,
    wrong: 0,
    excused: 0,
    checked: 0,
    problems: [],
  }
  const source = sim.control.broker()
  const control = (broker: string): BrokerControl => sim.control.broker(broker)
  let copier: CopierDriver | undefined
  const start = () =>
    scenario.child
      ? startChild(configPath, clock.now(), secretsEnv)
      : startInProcess(input, clock.now(), secretsEnv, dir)
  try {
    // the owners' own orders on the targets, before the copier starts
    const untagged = new Map<string, UntaggedOrder[]>()
    for (const t of scenario.targets) {
      const list: UntaggedOrder[] = []
      for (const [i, u] of t.untagged.entries()) {
        const symbol = u.symbol === t.missingSymbol ? SYMBOLS.find((s) => s !== t.missingSymbol) : u.symbol
        const q = source.engine.feed.quote(symbol as string)
        if (!q) continue
        const comment = u.fakeTag ? `cp:zz${i}:abc` : `manual ${i}`
        const r = control(t.broker).placeOrder(loginOf(t), {
          symbol: `${symbol}${t.suffix}`,
          type: TYPE.buyLimit,
          lots: t.volumeStep * 2,
          price: Number((q.ask * 0.97).toFixed(symbol === 'USDJPY' ? 3 : 5)),
          comment,
        })
        if (r.result.retcode !== 10008 && r.result.retcode !== 10009)
          throw new Error(`untagged order refused: ${r.result.retcode}`)
        const o = control(t.broker)
          .account(loginOf(t))
          .orders.find((x) => x.tradeOrder === r.result.tradeOrder)
        if (o) list.push({ ticket: o.tradeOrder, price: o.priceOrder, volume: o.volumeInitial, comment })
      }
      untagged.set(t.id, list)
    }
    copier = await start()
    const world = createWorld(scenario, sim.control, clock, result)
    const ups: { at: number; broker: string }[] = []
    let restartAt: number | undefined
    for (const [index, step] of scenario.steps.entries()) {
      for (const up of ups.filter((u) => u.at <= index)) control(up.broker).faults.down(false)
      ups.splice(0, ups.length, ...ups.filter((u) => u.at > index))
      if (restartAt !== undefined && restartAt <= index) {
        restartAt = undefined
        copier = await start()
      }
      if (step.kind === 'kill') {
        if (!copier) continue
        await copier.kill()
        copier = undefined
        result.kills++
        if (step.deleteState) {
          result.stateDeleted = true
          for (const f of ['', '-wal', '-shm']) rmSync(`${statePath}${f}`, { force: true })
        }
        restartAt = index + step.downSteps
        continue
      }
      if (step.kind === 'advance') {
        const ms = world.advanceBudget(step.seconds * 1000)
        if (ms > 0) {
          await copier?.setNow(clock.now() + ms)
          sim.control.advanceClock(ms)
        }
        continue
      }
      if (step.kind === 'pause') {
        await sleep(step.ms)
        continue
      }
      if (step.kind === 'fault') {
        result.faults[step.fault.kind]++
        const up = world.fault(step.fault)
        if (up !== undefined) ups.push({ at: index + up.steps, broker: up.broker })
        continue
      }
      world.act(step)
      // yield now and then: the copier works between the source's changes
      if (index % 4 === 0) await sleep(0)
    }
    // everything back: the copier restarted, brokers up, no fault left queued
    for (const b of brokers) control(b.name).faults.clear()
    copier ??= await start()
    const sourceView = () =>
      source
        .account(SOURCE_LOGIN)
        .orders.map((o) =>
          viewLine({
            ticket: o.tradeOrder,
            type: o.orderType,
            price: o.priceOrder,
            stopLimit: o.priceTrigger,
            sl: o.priceSl,
            tp: o.priceTp,
            expirationS: o.timeExpiration,
          }),
        )
        .sort()
    await quiet(scenario, copier, clock, sim.control.advanceClock, sourceView, result)
    const state = (broker: string, login: number) => control(broker).account(login)
    const verdict = judge({
      scenario,
      source: state(source.name, SOURCE_LOGIN),
      targets: scenario.targets.map((t) => ({
        setup: t,
        state: state(t.broker, loginOf(t)),
        untagged: untagged.get(t.id) ?? [],
      })),
      finalRejects,
      tagPrefix: 'cp',
    })
    Object.assign(result, verdict)
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  } finally {
    if (copier && (result.error || result.problems.length > 0)) result.log = copier.log()
    await copier?.close().catch(() => undefined)
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
    result.ms = Date.now() - started
  }
  return result
}

/** How long the quiet phase waits for the copier's view of the source to catch up (wall clock). */
const CATCH_UP_MS = 10_000

/**
 * The copier's view of the source is the simulator's: every push the script caused has reached it
 * (a script's last steps run without a pause, and a full pass reads the view, not the server).
 * A view still different after CATCH_UP_MS fails the run: a view that never catches up is a bug.
 */
async function caughtUp(copier: CopierDriver, sourceView: () => string[]): Promise<void> {
  const end = Date.now() + CATCH_UP_MS
  for (;;) {
    const [mine, theirs] = [await copier.sourceView(), sourceView()]
    if (mine.join('\n') === theirs.join('\n')) return
    if (Date.now() > end)
      throw new Error(
        `the copier's view of the source did not catch up within ${CATCH_UP_MS} ms: it sees [${mine.join(', ')}], the source holds [${theirs.join(', ')}]`,
      )
    await sleep(10)
  }
}

/**
 * The quiet phase: full passes, the clock moving by the longest `checkEvery` between them, each once
 * the copier has seen the source as it is, until every orphan had its confirmations and a pass
 * changed nothing.
 */
async function quiet(
  scenario: Scenario,
  copier: CopierDriver,
  clock: { now(): number },
  advance: (ms: number) => void,
  sourceView: () => string[],
  result: SeedResult,
): Promise<void> {
  const every = Math.max(...scenario.targets.map((t) => t.orphans.checkEvery)) + 1
  const confirmations = Math.max(...scenario.targets.map((t) => t.orphans.confirmations))
  for (let pass = 1; pass <= confirmations + 8; pass++) {
    await copier.setNow(clock.now() + every * 1000)
    advance(every * 1000)
    await caughtUp(copier, sourceView)
    const actions = await copier.reconcile()
    result.quietPasses = pass
    if (pass > confirmations + 1 && actions === 0) return
  }
  throw new Error(`not quiet after ${confirmations + 8} passes`)
}

/** The source's side of the script and the faults, on the simulator's control. */
function createWorld(scenario: Scenario, control: SimControl, clock: { now(): number }, result: SeedResult) {
  const source = control.broker()
  const quote0 = new Map(
    SYMBOLS.map((s) => {
      const q = source.engine.feed.quote(s)
      if (!q) throw new Error(`no quote for ${s}`)
      return [s, { bid: q.bid, ask: q.ask }]
    }),
  )
  const digitsOf = (symbol: string) => (symbol === 'USDJPY' ? 3 : 5)
  const pointOf = (symbol: string) => 10 ** -digitsOf(symbol)
  const round = (symbol: string, x: number) => Number(x.toFixed(digitsOf(symbol)))
  let advanced = 0

  const live = () =>
    [...source.account(SOURCE_LOGIN).orders].sort((a, b) => (a.tradeOrder < b.tradeOrder ? -1 : 1))
  const picked = (pick: number) => {
    const orders = live()
    return orders.length === 0 ? undefined : orders[pick % orders.length]
  }
  /** GTC, the day (the run stays within the day: it never expires) or a specified expiry. */
  const expiry = (minutes: number, day = false) =>
    minutes === 0
      ? { typeTime: day ? 1 : 0, expiration: 0 }
      : { typeTime: 2, expiration: Math.floor(clock.now() / 1000) + minutes * 60 }
  /** Price (activation) of a pending type at `offset` points from the market. */
  const priceAt = (symbol: string, type: number, offset: number) => {
    const q = quote0.get(symbol as (typeof SYMBOLS)[number]) as { bid: number; ask: number }
    const d = offset * pointOf(symbol)
    if (type === TYPE.buyLimit) return round(symbol, q.ask - d)
    if (type === TYPE.sellLimit) return round(symbol, q.bid + d)
    if (type === TYPE.buyStop || type === TYPE.buyStopLimit) return round(symbol, q.ask + d)
    return round(symbol, q.bid - d)
  }
  /** SL/TP at `points` from the entry on the losing / winning side (0 = none). */
  const stops = (symbol: string, type: number, entry: number, sl: number, tp: number) => {
    const p = pointOf(symbol)
    const sign = isBuy(type) ? 1 : -1
    return {
      sl: sl === 0 ? 0 : round(symbol, entry - sign * sl * p),
      tp: tp === 0 ? 0 : round(symbol, entry + sign * tp * p),
    }
  }
  const check = (r: { result: { retcode: number } }) => {
    if (r.result.retcode !== 10009 && r.result.retcode !== 10008) result.sourceRefused++
  }
  /** Keeps SL/TP at their distances when the entry moves. */
  const shifted = (symbol: string, o: { priceSl: number; priceTp: number }, delta: number) => ({
    sl: o.priceSl === 0 ? 0 : round(symbol, o.priceSl + delta),
    tp: o.priceTp === 0 ? 0 : round(symbol, o.priceTp + delta),
  })

  return {
    /** How much of `ms` the run may still advance the clock (the day's trading hours hold). */
    advanceBudget(ms: number): number {
      const ok = Math.max(0, Math.min(ms, MAX_ADVANCE_MS - advanced))
      advanced += ok
      return ok
    },
    act(step: Exclude<Step, { kind: 'kill' | 'advance' | 'pause' | 'fault' }>): void {
      if (step.kind === 'place') {
        const type = TYPE[step.type]
        const price = priceAt(step.symbol, type, step.offset)
        const stopLimit =
          type === TYPE.buyStopLimit
            ? round(step.symbol, price - step.limit * pointOf(step.symbol))
            : type === TYPE.sellStopLimit
              ? round(step.symbol, price + step.limit * pointOf(step.symbol))
              : undefined
        const e = expiry(step.expiryMinutes, step.day)
        check(
          source.placeOrder(SOURCE_LOGIN, {
            symbol: step.symbol,
            type,
            lots: step.lots,
            price,
            ...(stopLimit === undefined ? {} : { stopLimit }),
            ...stops(step.symbol, type, stopLimit ?? price, step.sl, step.tp),
            ...(e.typeTime === 0 ? {} : e),
          }),
        )
        return
      }
      const o = picked(step.pick)
      if (!o) return
      const symbol = o.tradeSymbol
      const stopLimitType = o.orderType === TYPE.buyStopLimit || o.orderType === TYPE.sellStopLimit
      const entry = stopLimitType ? o.priceTrigger : o.priceOrder
      const modify = (changes: Parameters<typeof source.modifyOrder>[2]) =>
        check(source.modifyOrder(SOURCE_LOGIN, o.tradeOrder, changes))
      switch (step.kind) {
        case 'modifyPrice': {
          const price = priceAt(symbol, o.orderType, step.offset)
          const delta = price - o.priceOrder
          modify({
            price,
            ...(stopLimitType ? { stopLimit: round(symbol, o.priceTrigger + delta) } : {}),
            ...shifted(symbol, o, delta),
          })
          return
        }
        case 'modifyStopLimit': {
          if (!stopLimitType) return
          const sign = isBuy(o.orderType) ? -1 : 1
          const stopLimit = round(symbol, o.priceOrder + sign * step.limit * pointOf(symbol))
          modify({ stopLimit, ...shifted(symbol, o, stopLimit - o.priceTrigger) })
          return
        }
        case 'modifySl':
          modify({ sl: stops(symbol, o.orderType, entry, step.sl, 0).sl })
          return
        case 'modifyTp':
          modify({ tp: stops(symbol, o.orderType, entry, 0, step.tp).tp })
          return
        case 'modifyExpiry':
          modify(expiry(step.expiryMinutes, step.day))
          return
        case 'cancel':
          check(source.cancelOrder(SOURCE_LOGIN, o.tradeOrder))
          return
        case 'fill': {
          const q = quote0.get(symbol as (typeof SYMBOLS)[number]) as { bid: number; ask: number }
          const spread = q.ask - q.bid
          // the market reaches the price (a stop-limit triggers), then its limit (it fills), then back
          const at = (p: number) =>
            isBuy(o.orderType)
              ? source.setPrice(symbol, round(symbol, p - spread), p)
              : source.setPrice(symbol, p, round(symbol, p + spread))
          at(o.priceOrder)
          if (stopLimitType) at(o.priceTrigger)
          source.setPrice(symbol, q.bid, q.ask)
          return
        }
      }
    },
    /** Injects a fault; a broker taken down says when it comes back. */
    fault(f: Fault): { steps: number; broker: string } | undefined {
      if (f.kind === 'sourceDrop') {
        source.faults.drop({ login: SOURCE_LOGIN })
        return undefined
      }
      const t = scenario.targets[f.target % scenario.targets.length]
      if (!t) return undefined
      const faults = control.broker(t.broker).faults
      const login = loginOf(t)
      switch (f.kind) {
        case 'drop':
          faults.drop({ login })
          return undefined
        case 'dropMidRequest':
          faults.dropOnNextTrade({ login, when: f.after ? 'after' : 'before' })
          return undefined
        case 'holdReply':
          faults.holdNextTradeReply(TRADE_TIMEOUT_MS + 300, { login })
          return undefined
        case 'rejectTransient':
          for (let i = 0; i < f.times; i++) faults.rejectNextTrade(f.retcode, { login })
          return undefined
        case 'rejectFinal':
          faults.rejectNextTrade(f.retcode, { login })
          return undefined
        case 'down':
          faults.down(true)
          return { steps: f.steps, broker: t.broker }
      }
    },
  }
}
