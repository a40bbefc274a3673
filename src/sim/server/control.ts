/**
 * Out-of-band control of a running simulator (typed): act as the terminal user on an account
 * (orders and positions, pushed to connected clients like any trade), move prices or play
 * scripted ticks, advance the clock, read an account's full state, and inject faults.
 */

import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import type { Clock } from '../engine/clock.js'
import { isManualClock } from '../engine/clock.js'
import type { AccountConfig } from '../engine/config.js'
import { engineControl, type OpenParameters, type PlaceParameters } from '../engine/control.js'
import type { AccountSnapshot, Engine, EngineResult } from '../engine/engine.js'
import type { ScriptedTick } from '../engine/feed.js'
import { makeRequest } from '../engine/request.js'
import type { BrokerRuntime } from './broker.js'
import type { SimConnection } from './connection.js'
import type { ConnectionSelector } from './faults.js'
import { u32 } from './handlers/session.js'

/** A connection as the control API reports it. */
export interface ConnectionInfo {
  id: number
  phase: SimConnection['phase']
  login: number | undefined
  investor: boolean
  keySize: number
  tickSubscriptions: number[]
  bookSubscriptions: number[]
  framesIn: number
  framesOut: number
}

/** An account's full state: config, balance figures, orders, positions and history. */
export interface AccountState extends AccountSnapshot {
  config: AccountConfig
  /** Connections logged into the account. */
  connections: number
}

/** A pending order to place as the terminal user (official roles: `price` = activation, `stopLimit` = limit). */
export type PlaceOrderInput = PlaceParameters

/** Market order options (filling: default from the symbol's execution mode). */
export type MarketOrderInput = Omit<OpenParameters, 'symbol' | 'type' | 'lots'>

/** Fault injection for one broker's connections and trades. */
export interface FaultControl {
  /** Drops the selected sockets now (no close frame). */
  drop(selector?: ConnectionSelector): number
  /** Drops the selected sockets after they have sent `frames` more frames. */
  dropAfter(frames: number, selector?: ConnectionSelector): number
  /** Delays every outgoing frame of the selected sockets by `ms` (0 = off). */
  delay(ms: number, selector?: ConnectionSelector): number
  /** Stops (true) or resumes (false) answering requests; pushes still flow. */
  silence(on: boolean, selector?: ConnectionSelector): number
  /** Sends one frame that cannot be decrypted. */
  corruptFrame(selector?: ConnectionSelector): number
  /** Pushes cmd 15 with a non-zero state (trade server disconnected / forced logout). */
  forcedLogout(state?: number, selector?: ConnectionSelector): number
  /** The next trade request (of `login`, or of anyone) fails with `retcode` (cmd 19 by default, or the cmd 12 reply). */
  rejectNextTrade(retcode: number, options?: { login?: number; via?: 'reply' | 'result' }): void
  /** The next trade request is requoted (10004) with these prices (which also become the market prices). */
  requoteNextTrade(bid: number, ask: number, options?: { login?: number }): void
  /**
   * The next trade request (of `login`, or of anyone) drops its socket with no reply: before it
   * runs (`when: 'before'`, default: the request is lost) or after (`'after'`: the trade happened,
   * its reply and result never arrive).
   */
  dropOnNextTrade(options?: { login?: number; when?: 'before' | 'after' }): void
  /** The next trade request runs now, but its reply and result reach the client only after `ms`. */
  holdNextTradeReply(ms: number, options?: { login?: number }): void
  /**
   * A broker outage: `true` drops every socket of the broker now and refuses new connections (HTTP
   * 503 on the upgrade) until `down(false)`. Returns the number of sockets dropped.
   */
  down(on: boolean): number
  /** Clears queued trade faults, ends an outage and resets every connection's switches. */
  clear(): void
}

/** Control of one broker. */
export interface BrokerControl {
  readonly name: string
  readonly engine: Engine
  readonly clock: Clock
  /** Symbol id of a symbol name (as published in cmd 6). */
  symbolId(name: string): number
  connections(): ConnectionInfo[]
  account(login: number): AccountState
  /**
   * Sets the master password of `login` (as an administrator would) and revokes the password
   * tokens issued to it: resumes fail, only a full login with the new password succeeds.
   */
  setPassword(login: number, password: string): void
  /** Revokes every password token issued to `login` (a resume then fails with code 3); returns the count. */
  revokePasswordTokens(login: number): number
  /** Runs any trade request as the terminal user of `login` (pushes 10 → 14 to its connections). */
  trade(login: number, request: Partial<TradeRequestRecord>): EngineResult
  buy(login: number, symbol: string, lots: number, options?: MarketOrderInput): EngineResult
  sell(login: number, symbol: string, lots: number, options?: MarketOrderInput): EngineResult
  placeOrder(login: number, order: PlaceOrderInput): EngineResult
  /** Omitted fields keep their values; `typeTime`/`expiration` (unix seconds) change the expiry. */
  modifyOrder(
    login: number,
    ticket: bigint,
    changes: {
      price?: number
      sl?: number
      tp?: number
      stopLimit?: number
      typeTime?: number
      expiration?: number
    },
  ): EngineResult
  cancelOrder(login: number, ticket: bigint): EngineResult
  /** Closes a position fully, or `lots` of it. */
  closePosition(login: number, ticket: bigint, lots?: number): EngineResult
  modifyPosition(login: number, ticket: bigint, sl: number, tp: number): EngineResult
  /** Balance operation (deposit > 0, withdrawal < 0). */
  balance(login: number, amount: number, comment?: string): EngineResult
  /** Sets a price now: pushes the tick and whatever it triggers (SL/TP, pending fills). */
  setPrice(symbol: string, bid: number, ask: number): void
  /** Plays scripted ticks one after the other (advancing a manual clock by each `dtMs`). */
  pushTicks(symbol: string, ticks: readonly ScriptedTick[]): void
  /** Generates the next seeded tick of `symbols` (default all). */
  tick(symbols?: readonly string[]): void
  faults: FaultControl
}

/** Control of the whole simulator: the default broker's control plus the others by name. */
export interface SimControl extends BrokerControl {
  broker(name?: string): BrokerControl
  /** Advances the (manual) clock of every broker and runs expirations; pushes what they change. */
  advanceClock(ms: number): void
}

function select(rt: BrokerRuntime, selector: ConnectionSelector = {}): SimConnection[] {
  return [...rt.connections].filter(
    (c) =>
      c.phase !== 'closed' &&
      (selector.id === undefined || c.id === selector.id) &&
      (selector.login === undefined || c.login === selector.login),
  )
}

/** Builds the control of one broker. */
export function createBrokerControl(rt: BrokerRuntime): BrokerControl {
  const findPosition = (login: number, ticket: bigint) => {
    const p = rt.engine.snapshot(login).positions.find((x) => x.positionId === ticket)
    if (!p) throw new RangeError(`position ${ticket} not found on ${login}`)
    return p
  }
  const findOrder = (login: number, ticket: bigint) => {
    const o = rt.engine.snapshot(login).orders.find((x) => x.tradeOrder === ticket)
    if (!o) throw new RangeError(`order ${ticket} not found on ${login}`)
    return o
  }
  // Terminal-user actions build their requests like the desktop terminal (engine control) and run
  // through the runtime, so connected clients get the same pushes as for any trade.
  const terminal = engineControl(rt.engine, (login, request, options) =>
    rt.trade(login, request, undefined, options),
  )
  const each = (selector: ConnectionSelector | undefined, fn: (c: SimConnection) => void): number => {
    const list = select(rt, selector)
    for (const c of list) fn(c)
    return list.length
  }

  const control: BrokerControl = {
    name: rt.name,
    engine: rt.engine,
    clock: rt.clock,
    symbolId(name) {
      const s = rt.symbolByName(name)
      if (!s) throw new RangeError(`unknown symbol ${name}`)
      return s.id
    },
    connections: () =>
      [...rt.connections].map((c) => ({
        id: c.id,
        phase: c.phase,
        login: c.login,
        investor: c.investor,
        keySize: c.keySize,
        tickSubscriptions: [...c.tickSubs],
        bookSubscriptions: [...c.bookSubs],
        framesIn: c.stats.framesIn,
        framesOut: c.stats.framesOut,
      })),
    account(login) {
      const config = rt.accountConfig(login)
      if (!config) throw new RangeError(`unknown login ${login}`)
      const snap = rt.engine.snapshot(login)
      return {
        ...snap,
        config,
        connections: select(rt, { login }).filter((c) => c.phase === 'loggedIn').length,
      }
    },
    setPassword(login, password) {
      const config = rt.accountConfig(login)
      if (!config) throw new RangeError(`unknown login ${login}`)
      config.password = password
      rt.revokePasswordTokens(login)
    },
    revokePasswordTokens: (login) => rt.revokePasswordTokens(login),
    trade(login, request) {
      const spec = request.tradeSymbol ? rt.engine.symbol(request.tradeSymbol) : undefined
      return rt.trade(login, makeRequest({ digits: spec?.config.digits ?? 0, ...request }))
    },
    buy: (login, symbol, lots, o = {}) => terminal.openPosition(login, { ...o, symbol, type: 0, lots }),
    sell: (login, symbol, lots, o = {}) => terminal.openPosition(login, { ...o, symbol, type: 1, lots }),
    placeOrder: (login, o) => terminal.placeOrder(login, o),
    modifyOrder(login, ticket, changes) {
      findOrder(login, ticket)
      return terminal.modifyOrder(login, ticket, changes)
    },
    cancelOrder(login, ticket) {
      findOrder(login, ticket)
      return terminal.cancelOrder(login, ticket)
    },
    closePosition(login, ticket, lots) {
      findPosition(login, ticket)
      return terminal.closePosition(login, ticket, lots)
    },
    modifyPosition(login, ticket, sl, tp) {
      findPosition(login, ticket)
      return terminal.modifyPosition(login, ticket, sl, tp)
    },
    balance(login, amount, comment) {
      const out = rt.engine.balance(login, amount, comment)
      rt.dispatch(out.events)
      return out
    },
    setPrice: (symbol, bid, ask) => rt.setPrice(symbol, bid, ask),
    pushTicks(symbol, ticks) {
      for (const t of ticks) {
        if (t.dtMs !== undefined && isManualClock(rt.clock)) rt.clock.advance(t.dtMs)
        rt.setPrice(symbol, t.bid, t.ask)
      }
    },
    tick: (symbols) => rt.tick(symbols),
    faults: {
      drop: (sel) => each(sel, (c) => c.drop()),
      dropAfter: (frames, sel) =>
        each(sel, (c) => {
          if (frames <= 0) c.drop()
          else c.faults.dropAfterFrames = frames
        }),
      delay: (ms, sel) =>
        each(sel, (c) => {
          c.faults.delayMs = ms
        }),
      silence: (on, sel) =>
        each(sel, (c) => {
          c.faults.silent = on
        }),
      corruptFrame: (sel) => each(sel, (c) => c.sendCorrupt()),
      forcedLogout: (state = 1, sel) => each(sel, (c) => c.push(15, u32(state === 0 ? 1 : state))),
      rejectNextTrade(retcode, o = {}) {
        rt.tradeFaults.push(o.login ?? 0, { kind: 'reject', retcode, via: o.via ?? 'result' })
      },
      requoteNextTrade(bid, ask, o = {}) {
        rt.tradeFaults.push(o.login ?? 0, { kind: 'requote', bid, ask })
      },
      dropOnNextTrade(o = {}) {
        rt.tradeFaults.push(o.login ?? 0, { kind: 'drop', after: o.when === 'after' })
      },
      holdNextTradeReply(ms, o = {}) {
        if (!(Number.isFinite(ms) && ms >= 0))
          throw new RangeError(`hold ms must be a number >= 0, got ${ms}`)
        rt.tradeFaults.push(o.login ?? 0, { kind: 'hold', ms })
      },
      down(on) {
        rt.down = on
        return on ? each(undefined, (c) => c.drop()) : 0
      },
      clear() {
        rt.down = false
        rt.tradeFaults.clear()
        for (const c of rt.connections) {
          c.faults.delayMs = 0
          c.faults.silent = false
          c.faults.dropAfterFrames = undefined
        }
      },
    },
  }
  return control
}

/** Builds the simulator-wide control over its brokers (the first one is the default). */
export function createSimControl(runtimes: readonly BrokerRuntime[], clock: Clock): SimControl {
  const controls = new Map(runtimes.map((rt) => [rt.name, createBrokerControl(rt)]))
  const first = controls.values().next().value
  if (!first) throw new RangeError('the simulator needs at least one broker')
  return {
    ...first,
    broker(name) {
      if (name === undefined) return first
      const c = controls.get(name)
      if (!c) throw new RangeError(`unknown broker ${name}`)
      return c
    },
    advanceClock(ms) {
      if (!isManualClock(clock))
        throw new TypeError('advanceClock needs a manual clock (pass `clock` or leave tickIntervalMs 0)')
      clock.advance(ms)
      for (const rt of runtimes) rt.dispatch(rt.engine.poll())
    },
  }
}
