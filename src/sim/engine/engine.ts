/**
 * The trading engine of the simulator: accounts, order book, matching, SL/TP, expirations and balance
 * operations of one broker. Pure state machine — no sockets, no wire encoding. Every state change is
 * reported as an ordered list of `EngineEvent`s so the server can push cmd 10 / cmd 14 in the real order
 * (then cmd 19 with the `TradeResultRecord` for client requests).
 *
 * This file wires the concerns together (core state, records, positions, fill, the request kinds,
 * matching, expirations, accounts; see docs/architecture.md) and dispatches trade actions.
 */
import type { TradeResultRecord } from '../../codec/schemas/tradeResult.js'
import { createAccounts } from './accounts.js'
import { isManualClock } from './clock.js'
import { Reason, Retcode, TradeAction } from './constants.js'
import { type Ctx, createCore } from './core.js'
import { createExpirations } from './expirations.js'
import { createFill } from './fill.js'
import { createMarketRequest } from './marketRequest.js'
import { createMatching } from './matching.js'
import { createPendingRequests } from './pendingRequests.js'
import { createPositionRequests } from './positionRequests.js'
import { createPositions } from './positions.js'
import { createRecords } from './records.js'
import type { Engine, EngineOptions } from './types.js'

export type {
  AccountEvent,
  AccountSnapshot,
  DealEvent,
  Engine,
  EngineEvent,
  EngineOptions,
  EngineResult,
  OrderEvent,
  PositionEvent,
  ProcessOptions,
} from './types.js'

/** Creates the engine of a broker: one account per `broker.accounts` entry, a seeded feed. */
export function createEngine(options: EngineOptions): Engine {
  const core = createCore(options)
  const { broker, clock, feed, specs, accounts, result } = core
  const records = createRecords(core)
  const positions = createPositions(core, records)
  const fill = createFill(core, records, positions)
  const { market } = createMarketRequest(core, records, positions, fill)
  const { place, modify, remove } = createPendingRequests(core, records, positions)
  const { sltp, closeBy } = createPositionRequests(core, records, positions)
  const { stopOut, onTick } = createMatching(core, records, positions, fill)
  const { poll } = createExpirations(core, records)
  const { accountBlocked, balance, addAccount, snapshot } = createAccounts(core, records, positions)

  return {
    broker,
    clock,
    feed,
    symbols: () => [...specs.values()],
    symbol: (name) => specs.get(name),
    logins: () => [...accounts.keys()],
    processRequest(login, request, opts = {}) {
      const acc = accounts.get(login)
      if (!acc) return { result: result(Retcode.Invalid, undefined), events: [] }
      const ctx: Ctx = { acc, events: [], reason: opts.reason ?? Reason.Web }
      if (accountBlocked(acc)) return { result: result(Retcode.TradeDisabled, undefined), events: [] }
      let res: TradeResultRecord
      switch (request.tradeAction) {
        case TradeAction.Price:
        case TradeAction.Request:
        case TradeAction.Instant:
        case TradeAction.Market:
        case TradeAction.Exchange:
          res = market(ctx, request)
          break
        case TradeAction.Pending:
          res = place(ctx, request)
          break
        case TradeAction.SlTp:
          res = sltp(ctx, request)
          break
        case TradeAction.Modify:
          res = modify(ctx, request)
          break
        case TradeAction.Remove:
          res = remove(ctx, request)
          break
        case TradeAction.CloseBy:
          res = closeBy(ctx, request)
          break
        default:
          res = result(Retcode.Invalid, undefined)
      }
      if (ctx.events.length > 0) stopOut(acc, ctx.events)
      return { result: res, events: ctx.events }
    },
    setPrice(symbol, bid, ask) {
      feed.setPrice(symbol, bid, ask)
      return onTick(symbol)
    },
    onTick,
    poll,
    advanceClock(ms) {
      if (!isManualClock(clock)) throw new TypeError('advanceClock needs a manual clock')
      clock.advance(ms)
      return poll()
    },
    balance,
    addAccount,
    snapshot,
  }
}
